"use client";
// The managers' page: how much nobody owns, how fast each team responds, who owns what, and the
// rules that decided it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ownershipQueries, removeOwnershipRule } from "@/lib/queries/ownership";
import { RelativeTime } from "../ui/relative-time";
import { Button } from "../ui/button";
import { Card, ErrorNote } from "../ui/card";
import { Table, Td, Th } from "../ui/table";
import { OwnershipTable } from "./ownership-table";
import { AcceptedRisksPanel } from "./accepted-risks-panel";
import { PostureChart } from "./posture-chart";
import { ResponseTimes } from "./response-times";
import { SlaPanel } from "./sla-panel";

function Stat({ label, value, tone, hint }: { label: string; value: number | undefined; tone?: "danger"; hint: string }) {
  return (
    <div className="rounded-lg border border-border bg-surface px-4 py-3">
      <p className="text-xs font-medium uppercase tracking-wide text-muted">{label}</p>
      <p className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "danger" && value ? "text-critical" : ""}`}>{value ?? "…"}</p>
      <p className="text-xs text-muted">{hint}</p>
    </div>
  );
}

export function OwnershipView({ canAccept }: { canAccept: boolean }) {
  const all = useQuery(ownershipQueries.list({}, 0));
  const rules = useQuery(ownershipQueries.rules());
  const s = all.data?.summary;
  return (
    <div className="flex flex-col gap-5">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="ownership-summary">
        <Stat label="Workloads" value={s?.workloads} hint="in the current inventories" />
        <Stat label="Unowned" value={s?.unowned} tone="danger" hint="no team answers for them" />
        <Stat label="Unowned, reach critical" value={s?.unownedCritical} tone="danger" hint="the first to give an owner" />
        <Stat label="Ownership rules" value={rules.data?.items.length} hint="set by managers, kept across inventories" />
      </div>
      <SlaPanel canEdit />
      <ResponseTimes />
      <PostureChart />
      <AcceptedRisksPanel canEdit={canAccept} />
      <OwnershipTable />
      <RulesList />
    </div>
  );
}

function RulesList() {
  const rules = useQuery(ownershipQueries.rules());
  const client = useQueryClient();
  const remove = useMutation({ mutationFn: removeOwnershipRule, onSuccess: () => client.invalidateQueries({ queryKey: ["ownership"] }) });
  const items = rules.data?.items ?? [];
  return (
    <Card title="Ownership rules">
      <ErrorNote error={rules.error ?? remove.error} />
      {items.length === 0 ? (
        <p className="text-sm text-muted">
          No rules yet: owners come from the inventories&apos; Team documents. Assign an owner above to add one; it decides over the Team documents in
          this inventory and every later one.
        </p>
      ) : (
        <Table label="Ownership rules" dense>
          <thead>
            <tr>
              <Th>Applies to</Th>
              <Th>Cluster</Th>
              <Th>Team</Th>
              <Th>Set by</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <Td className="font-medium">{r.workloadKey ?? `every workload of namespace ${r.namespace}`}</Td>
                <Td className="text-muted">{r.cluster}</Td>
                <Td>{r.team}</Td>
                <Td className="text-muted">
                  {r.createdBy}, <RelativeTime iso={r.createdAt} />
                  {r.reason ? <span className="block text-xs">{r.reason}</span> : null}
                </Td>
                <Td className="text-right">
                  <Button variant="ghost" busy={remove.isPending} onClick={() => remove.mutate(r.id)} className="py-1">
                    Remove
                  </Button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
