"use client";
// Who works the incident: a picker of enabled users, and "Assign to me".
import { useQuery } from "@tanstack/react-query";
import { UserCheck } from "lucide-react";
import { incidentQueries, type TIncidentPatchBody } from "@/lib/queries/incidents";
import { Button } from "../ui/button";
import { Select } from "../ui/field";

export function AssignControl({ assignee, meId, pending, onPatch }: {
  assignee: { id: string; name: string } | null;
  meId: string;
  pending: boolean;
  onPatch: (body: TIncidentPatchBody) => void;
}) {
  const users = useQuery(incidentQueries.assignable());
  const options = users.data?.items ?? [];
  return (
    <div className="flex items-center gap-2">
      {/* the header says who has it; this is the action, so it is not labelled "Assignee" twice */}
      <label htmlFor="incident-assignee" className="text-xs font-medium uppercase tracking-wide text-muted">
        Assign to
      </label>
      <Select
        id="incident-assignee"
        value={assignee?.id ?? ""}
        disabled={users.isPending}
        onChange={(e) => onPatch({ assigneeId: e.target.value || null })}
        className="!w-60 py-1"
      >
        <option value="">Unassigned</option>
        {assignee && !options.some((u) => u.id === assignee.id) ? <option value={assignee.id}>{assignee.name}</option> : null}
        {options.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name} ({u.role})
          </option>
        ))}
      </Select>
      {assignee?.id !== meId ? (
        <Button busy={pending} onClick={() => onPatch({ assigneeId: meId })}>
          <UserCheck className="h-4 w-4" aria-hidden /> Assign to me
        </Button>
      ) : null}
    </div>
  );
}
