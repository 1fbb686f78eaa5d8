"use client";
// The ranked queue as a table, with row selection for bulk actions.
import type { TIncidentItem } from "@/lib/queries/incidents";
import { Table, Th } from "../ui/table";
import { QueueRow } from "./queue-row";

export function QueueTable({ rows, q, cursorId, selected, selectable, onToggle, onToggleAll, onPick }: {
  rows: TIncidentItem[];
  q?: string;
  /** whether rows can be chosen for bulk actions (roles that triage) */
  selectable: boolean;
  cursorId: string | null;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (on: boolean) => void;
  onPick: (id: string) => void;
}) {
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <Table label="Incidents ranked by blast radius" dense>
      <thead>
        <tr>
          {selectable ? (
            <Th className="w-8 pr-0">
              <input type="checkbox" checked={all} onChange={(e) => onToggleAll(e.target.checked)} aria-label="Select all incidents shown" />
            </Th>
          ) : null}
          <Th>Score</Th>
          <Th>Severity</Th>
          <Th>Incident</Th>
          <Th>Workload</Th>
          <Th>Team · cluster</Th>
          <Th>Top reachable</Th>
          <Th className="text-right">Alerts</Th>
          <Th>Seen</Th>
          <Th>Status · SLA</Th>
          <Th>Assignee</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <QueueRow
            key={r.id}
            item={r}
            q={q}
            isCursor={r.id === cursorId}
            selected={selected.has(r.id)}
            selectable={selectable}
            onToggle={() => onToggle(r.id)}
            onPick={() => onPick(r.id)}
          />
        ))}
      </tbody>
    </Table>
  );
}
