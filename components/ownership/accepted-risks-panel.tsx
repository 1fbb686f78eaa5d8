"use client";
// The managers' list of accepted risks: which dangers are knowingly accepted, by whom, until when;
// expired ones named with their owner; renew, revoke, or hand one to Kyverno as a PolicyException.
import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { latestExpiry } from "@/lib/domain/accepted-risk";
import { isoDay as day } from "@/lib/domain/clock";
import {
  acceptedRiskQueries,
  refreshAcceptedRisks,
  renewRisk,
  revokeRisk,
  type TAcceptedRiskListItem,
  type TRiskStateFilter,
} from "@/lib/queries/ownership";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { CsvLink } from "../ui/csv-link";
import { Card, ErrorNote } from "../ui/card";
import { Dialog } from "../ui/dialog";
import { Field, Select, TextInput } from "../ui/field";
import { RelativeTime } from "../ui/relative-time";
import { Table, Td, Th } from "../ui/table";

const STATE_TONE = { active: "accent", expired: "warn", revoked: "neutral" } as const;

export function AcceptedRisksPanel({ canEdit }: { canEdit: boolean }) {
  const [state, setState] = useState<TRiskStateFilter>("active");
  const [exporting, setExporting] = useState<TAcceptedRiskListItem | null>(null);
  const [renewing, setRenewing] = useState<TAcceptedRiskListItem | null>(null);
  const query = useQuery(acceptedRiskQueries.list(state));
  const client = useQueryClient();
  const refresh = () => refreshAcceptedRisks(client);
  const revoke = useMutation({ mutationFn: revokeRisk, onSuccess: refresh });
  const items = query.data?.items ?? [];
  return (
    <Card
      title="Accepted risks"
      actions={
        <span className="flex items-center gap-2">
          <label htmlFor="risk-state" className="text-xs text-muted">
            Show
          </label>
          <Select id="risk-state" value={state} onChange={(e) => setState(e.target.value as TRiskStateFilter)} className="w-32 py-1">
            <option value="active">Active</option>
            <option value="expired">Expired</option>
            <option value="revoked">Revoked</option>
            <option value="all">All</option>
          </Select>
          <CsvLink href={`/api/v1/accepted-risks?format=csv${state === "all" ? "" : `&state=${state}`}`} />
        </span>
      }
    >
      <ErrorNote error={query.error ?? revoke.error} />
      {query.data && items.length === 0 ? (
        <p className="text-sm text-muted">
          {state === "active"
            ? "No risk is accepted now. Accept one from a workload's page — the whole workload, or one edge of its graph — with an owner and an expiry."
            : `No ${state === "all" ? "" : `${state} `}accepted risks.`}
        </p>
      ) : null}
      {items.length ? (
        <Table label="Accepted risks" dense>
          <thead>
            <tr>
              <Th>Workload</Th>
              <Th>Accepted</Th>
              <Th>Owner</Th>
              <Th>Reason</Th>
              <Th>Until</Th>
              <Th>State</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} data-testid="accepted-risk-row">
                <Td className="max-w-56">
                  <Link href={`/workloads/${encodeURIComponent(r.workloadId)}`} className="block truncate font-medium hover:text-accent hover:underline" title={r.workload}>
                    {r.name}
                  </Link>
                  <span className="block truncate text-xs text-muted">
                    {r.kind} · {r.namespace} · {r.cluster}
                    {r.team ? ` · team ${r.team}` : " · unowned"}
                  </span>
                </Td>
                <Td className="max-w-64 text-xs">
                  {r.edge ? (
                    <span className="break-all font-mono" title={`${r.edge.from} → ${r.edge.to}`}>
                      <span className="font-semibold">{r.edge.edge}</span> → {r.edge.to}
                    </span>
                  ) : (
                    "whole workload"
                  )}
                </Td>
                <Td className="whitespace-nowrap">{r.owner.name}</Td>
                <Td className="max-w-64 text-xs text-muted">
                  <span className="line-clamp-2 break-words" title={r.reason}>
                    {r.reason}
                  </span>
                </Td>
                <Td className="whitespace-nowrap text-xs">
                  <span className="font-medium">{r.expiresAt.slice(0, 10)}</span>
                  <span className="block text-muted">
                    <RelativeTime iso={r.expiresAt} />
                  </span>
                </Td>
                <Td>
                  <Badge tone={STATE_TONE[r.state]}>{r.state}</Badge>
                  {r.revokedBy ? <span className="block text-xs text-muted">by {r.revokedBy}</span> : null}
                </Td>
                <Td className="whitespace-nowrap text-right">
                  <span className="inline-flex gap-1">
                    <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={() => setExporting(r)}>
                      Kyverno
                    </Button>
                    {canEdit && r.state !== "revoked" ? (
                      <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={() => setRenewing(r)}>
                        {r.state === "expired" ? "Renew" : "Extend"}
                      </Button>
                    ) : null}
                    {canEdit && r.state === "active" ? (
                      <Button
                        type="button"
                        variant="ghost"
                        className="px-2 py-1 text-xs"
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (window.confirm(`Revoke the accepted risk on ${r.name}? It counts again at once.`)) revoke.mutate(r.id);
                        }}
                      >
                        Revoke
                      </Button>
                    ) : null}
                  </span>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <Dialog open={exporting !== null} title="Export as a Kyverno PolicyException" onClose={() => setExporting(null)}>
        {exporting ? <KyvernoForm risk={exporting} /> : null}
      </Dialog>
      <Dialog open={renewing !== null} title="Change the expiry" onClose={() => setRenewing(null)}>
        {renewing ? <RenewForm risk={renewing} onDone={() => setRenewing(null)} refresh={refresh} /> : null}
      </Dialog>
    </Card>
  );
}

function KyvernoForm({ risk }: { risk: TAcceptedRiskListItem }) {
  const [policyName, setPolicyName] = useState("");
  const [ruleNames, setRuleNames] = useState("");
  const ready = policyName.trim() && ruleNames.trim();
  const href = `/api/v1/accepted-risks/${encodeURIComponent(risk.id)}/kyverno?${new URLSearchParams({ policyName: policyName.trim(), ruleNames: ruleNames.trim() })}`;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-muted">
        A <span className="font-mono">kyverno.io/v2</span> PolicyException that lets {risk.kind} {risk.namespace}/{risk.name} and its pods through the rules
        below until {risk.expiresAt.slice(0, 10)}; Kyverno deletes it then (label <span className="font-mono">cleanup.kyverno.io/ttl</span>).
      </p>
      <Field label="Policy name" htmlFor="kyverno-policy">
        <TextInput id="kyverno-policy" value={policyName} onChange={(e) => setPolicyName(e.target.value)} placeholder="disallow-privileged-containers" required />
      </Field>
      <Field label="Rule names" htmlFor="kyverno-rules" hint="Comma-separated; for a Pod policy add the autogen- rules Kyverno generates for controllers.">
        <TextInput id="kyverno-rules" value={ruleNames} onChange={(e) => setRuleNames(e.target.value)} placeholder="privileged-containers, autogen-privileged-containers" required />
      </Field>
      <div className="flex justify-end">
        {ready ? (
          <a href={href} download className="rounded-md border border-transparent bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg hover:opacity-90" data-testid="kyverno-download">
            Download YAML
          </a>
        ) : (
          <span className="text-xs text-muted">Name the policy and at least one rule.</span>
        )}
      </div>
    </div>
  );
}

function RenewForm({ risk, onDone, refresh }: { risk: TAcceptedRiskListItem; onDone: () => void; refresh: () => Promise<unknown> }) {
  const now = new Date();
  // a month past the current expiry (or from today, for an expired one), within the one-year limit
  const proposed = Math.min(Math.max(now.getTime(), new Date(risk.expiresAt).getTime()) + 30 * 86_400_000, latestExpiry(now).getTime());
  const [until, setUntil] = useState(day(new Date(proposed)));
  const save = useMutation({
    mutationFn: renewRisk,
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ id: risk.id, expiresAt: `${until}T00:00:00Z` });
      }}
    >
      <p className="text-sm text-muted">
        {risk.name}: {risk.label}. The owner and the reason stay; the change is audited.
      </p>
      <Field label="Accepted until" htmlFor="renew-until" hint="At most a year from today.">
        <TextInput id="renew-until" type="date" required min={day(new Date(now.getTime() + 86_400_000))} max={day(latestExpiry(now))} value={until} onChange={(e) => setUntil(e.target.value)} />
      </Field>
      <ErrorNote error={save.error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          Save
        </Button>
      </div>
    </form>
  );
}
