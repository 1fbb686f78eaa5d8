"use client";
// SLAs for managers: open incidents past their target or within 20 % of it, with owner team,
// assignee and time left or overdue; and the targets per incident tier, editable in place.
import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ownershipQueries, setSlaTargets, type TSlaItem, type TSlaTargetItem } from "@/lib/queries/ownership";
import { formatMinutes } from "@/lib/ownership/format-minutes";
import { Button } from "../ui/button";
import { CsvLink } from "../ui/csv-link";
import { Card, ErrorNote } from "../ui/card";
import { TextInput } from "../ui/field";
import { Table, Td, Th } from "../ui/table";

export function SlaPanel({ canEdit }: { canEdit: boolean }) {
  const query = useQuery(ownershipQueries.sla());
  const [editing, setEditing] = useState(false);
  const data = query.data;
  return (
    <Card
      title="SLA"
      actions={
        <span className="flex items-center gap-2">
          <CsvLink href="/api/v1/sla?format=csv" />
          {canEdit ? (
            <Button variant="ghost" onClick={() => setEditing(!editing)} aria-expanded={editing} className="py-1">
              {editing ? "Close targets" : "Edit targets"}
            </Button>
          ) : null}
        </span>
      }
    >
      <ErrorNote error={query.error} />
      {data ? (
        <div className="flex flex-col gap-4">
          <p className="text-xs text-muted">
            Targets from the first alert:{" "}
            {data.targets.map((t, i) => (
              <span key={t.tier}>
                {i ? " · " : ""}
                <strong className="font-medium text-fg">{t.tier}</strong> acknowledge {formatMinutes(t.acknowledgeMinutes)}, contain {formatMinutes(t.containMinutes)}
              </span>
            ))}
            . At risk from 80 % of the target. Teams with working hours (Settings → Teams) count working time only. Breaches are recorded when they happen and keep the target then in force.
          </p>
          {editing ? <TargetsForm targets={data.targets} onDone={() => setEditing(false)} /> : null}
          <SlaList label="Breached now" items={data.breached} empty="No open incident is past its target." />
          <SlaList label="At risk" items={data.atRisk} empty="No open incident is close to its target." />
        </div>
      ) : null}
    </Card>
  );
}

function SlaList({ label, items, empty }: { label: string; items: TSlaItem[]; empty: string }) {
  return (
    <section aria-label={label}>
      <h3 className="mb-1.5 text-sm font-semibold">
        {label} <span className="font-normal text-muted">({items.length})</span>
      </h3>
      {items.length === 0 ? (
        <p className="text-sm text-muted">{empty}</p>
      ) : (
        <Table label={label} dense>
          <thead>
            <tr>
              <Th>Incident</Th>
              <Th>Tier</Th>
              <Th>Team</Th>
              <Th>Assignee</Th>
              <Th>To</Th>
              <Th className="text-right">Time</Th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} data-testid="sla-row">
                <Td>
                  <Link href={`/incidents/${encodeURIComponent(i.id)}`} className="font-medium text-accent hover:underline">
                    {i.title}
                  </Link>
                  <span className="block text-xs text-muted">
                    {i.workload} · {i.namespace ?? "cluster-wide"} · {i.cluster}
                  </span>
                </Td>
                <Td>{i.tier}</Td>
                <Td>{i.team ?? <span className="text-muted">unowned</span>}</Td>
                <Td>{i.assignee ?? <span className="text-muted">unassigned</span>}</Td>
                <Td>{i.clock}</Td>
                <Td className={`text-right tabular-nums ${i.minutesLeft < 0 ? "font-medium text-critical" : "text-warn"}`}>
                  {i.minutesLeft < 0 ? `overdue ${formatMinutes(-i.minutesLeft)}` : `${formatMinutes(i.minutesLeft)} left`}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

function TargetsForm({ targets, onDone }: { targets: TSlaTargetItem[]; onDone: () => void }) {
  const client = useQueryClient();
  const [values, setValues] = useState(() => Object.fromEntries(targets.map((t) => [t.tier, { ack: String(t.acknowledgeMinutes), contain: String(t.containMinutes) }])));
  const save = useMutation({
    mutationFn: () => setSlaTargets(targets.map((t) => ({ tier: t.tier, acknowledgeMinutes: Number(values[t.tier].ack), containMinutes: Number(values[t.tier].contain) }))),
    onSuccess: () => (onDone(), client.invalidateQueries({ queryKey: ["sla"] })),
  });
  const set = (tier: string, key: "ack" | "contain", v: string) => setValues({ ...values, [tier]: { ...values[tier], [key]: v } });
  return (
    <form
      aria-label="SLA targets"
      className="flex flex-col gap-3 rounded-md border border-border bg-surface-2 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Table label="SLA targets in minutes" dense>
        <thead>
          <tr>
            <Th>Tier</Th>
            <Th>Acknowledge within (min)</Th>
            <Th>Contain within (min)</Th>
          </tr>
        </thead>
        <tbody>
          {targets.map((t) => (
            <tr key={t.tier}>
              <Td className="font-medium">{t.tier}</Td>
              <Td>
                <TextInput type="number" min={1} required aria-label={`${t.tier}: acknowledge within, minutes`} value={values[t.tier].ack} onChange={(e) => set(t.tier, "ack", e.target.value)} className="!w-28" />
              </Td>
              <Td>
                <TextInput type="number" min={1} required aria-label={`${t.tier}: contain within, minutes`} value={values[t.tier].contain} onChange={(e) => set(t.tier, "contain", e.target.value)} className="!w-28" />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" busy={save.isPending}>
          Save targets
        </Button>
        <span className="text-xs text-muted">New targets apply to running clocks from now on; breaches already recorded keep theirs.</span>
      </div>
      <ErrorNote error={save.error} />
    </form>
  );
}
