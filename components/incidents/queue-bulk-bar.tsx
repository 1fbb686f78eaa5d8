"use client";
// Actions on the selected incidents: assign, move them all to one status (one PATCH each), or
// merge them into one.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { incidentQueries, type TIncidentPatchBody } from "@/lib/queries/incidents";
import type { TIncidentStatus } from "@/lib/domain/incident-status";
import { Button } from "../ui/button";
import { Select } from "../ui/field";

const BULK_STATUSES: { value: TIncidentStatus; label: string }[] = [
  { value: "acknowledged", label: "Acknowledged" },
  { value: "investigating", label: "Investigating" },
  { value: "contained", label: "Contained" },
  { value: "resolved", label: "Resolved" },
];

export function QueueBulkBar({ count, meId, busy, onApply, onMerge, onClear }: {
  count: number;
  meId: string;
  busy: boolean;
  onApply: (body: TIncidentPatchBody, what: string) => void;
  /** two or more selected: merge them into one */
  onMerge: () => void;
  onClear: () => void;
}) {
  const users = useQuery(incidentQueries.assignable());
  const [assignee, setAssignee] = useState("");
  const [status, setStatus] = useState<TIncidentStatus | "">("");
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="fixed bottom-4 left-1/2 z-30 flex -translate-x-1/2 items-center gap-2 whitespace-nowrap rounded-lg border border-accent/50 bg-surface px-3 py-2 text-sm shadow-2xl [&_button]:whitespace-nowrap"
    >
      <span className="whitespace-nowrap font-medium">{count} selected</span>
      <Button busy={busy} onClick={() => onApply({ assigneeId: meId }, "assigned to you")}>
        Assign to me
      </Button>
      <Select aria-label="Assign selected to" value={assignee} onChange={(e) => setAssignee(e.target.value)} className="!w-44 py-1">
        <option value="">Assign to…</option>
        {users.data?.items.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </Select>
      <Button busy={busy} disabled={!assignee} onClick={() => onApply({ assigneeId: assignee }, "assigned")}>
        Assign
      </Button>
      <Select aria-label="Set status of selected" value={status} onChange={(e) => setStatus(e.target.value as TIncidentStatus | "")} className="!w-40 py-1">
        <option value="">Set status…</option>
        {BULK_STATUSES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </Select>
      <Button busy={busy} disabled={!status} onClick={() => status && onApply({ status }, `set to ${status}`)}>
        Apply
      </Button>
      {count >= 2 ? (
        <Button busy={busy} onClick={onMerge}>
          Merge…
        </Button>
      ) : null}
      <Button variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}
