"use client";
// Who owns each workload, and how that was decided: unowned first, by blast radius. A manager
// assigns an owner in place — for the one workload, or for its whole namespace (a rule that also
// decides in later snapshots) — or removes the rule that decided.
import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminQueries } from "@/lib/queries/admin";
import { OWNERSHIP_PAGE, ownershipQueries, removeOwnershipRule, setOwnershipRule, type TOwnershipFilters, type TOwnershipItem } from "@/lib/queries/ownership";
import { TEAM_SOURCE_LABELS } from "@/lib/ownership/present-ownership";
import { Badge } from "../ui/badge";
import { CsvLink } from "../ui/csv-link";
import { Button } from "../ui/button";
import { Card, EmptyState, ErrorNote } from "../ui/card";
import { Select } from "../ui/field";
import { SensitivityBadge } from "../ui/sensitivity-badge";
import { Table, Td, Th } from "../ui/table";

const SOURCES = ["none", "team_namespace", "team_selector", "namespace_rule", "workload_rule"] as const;

export function OwnershipTable() {
  const [filters, setFilters] = useState<TOwnershipFilters>({});
  const [page, setPage] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const [said, setSaid] = useState("");
  const query = useQuery(ownershipQueries.list(filters, page));
  const teams = useQuery(adminQueries.teams());
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["ownership"] });
  const assign = useMutation({
    mutationFn: setOwnershipRule,
    onSuccess: (r) => {
      setEditing(null);
      setSaid(
        `${r.rule.workloadKey ? r.rule.workloadKey : `Namespace ${r.rule.namespace}`} now belongs to ${r.rule.team}: ${r.changed} workload${r.changed === 1 ? "" : "s"} changed owner.`,
      );
      return refresh();
    },
  });
  const unrule = useMutation({
    mutationFn: removeOwnershipRule,
    onSuccess: (r) => (setSaid(`Rule removed: ${r.changed} workload${r.changed === 1 ? "" : "s"} went back to the next rule or the Team documents.`), refresh()),
  });
  const set = (patch: Partial<TOwnershipFilters>) => (setFilters({ ...filters, ...patch }), setPage(0));
  const data = query.data;

  return (
    <Card title="Who owns what" actions={<CsvLink href={`/api/v1/ownership?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][])}&format=csv`} />}>
      <form role="search" aria-label="Filter workloads by owner" onSubmit={(e) => e.preventDefault()} className="mb-3 flex flex-wrap items-end gap-3">
        <Facet id="own-cluster" label="Cluster" value={filters.cluster} options={data?.facets.clusters ?? []} onChange={(cluster) => set({ cluster })} />
        <Facet id="own-namespace" label="Namespace" value={filters.namespace} options={data?.facets.namespaces ?? []} onChange={(namespace) => set({ namespace })} />
        <Facet
          id="own-team"
          label="Team"
          value={filters.team}
          options={["none", ...(teams.data?.items.map((t) => t.name) ?? [])]}
          labels={{ none: "Unowned" }}
          onChange={(team) => set({ team })}
        />
        <Facet
          id="own-source"
          label="Decided by"
          value={filters.source}
          options={[...SOURCES]}
          labels={TEAM_SOURCE_LABELS}
          onChange={(source) => set({ source: source as TOwnershipFilters["source"] })}
        />
        {Object.values(filters).some(Boolean) ? (
          <Button type="button" variant="ghost" onClick={() => (setFilters({}), setPage(0))} className="h-[30px] py-1">
            Clear filters
          </Button>
        ) : null}
      </form>
      <p role="status" aria-live="polite" className="mb-2 text-sm text-ok" data-testid="ownership-said">
        {said}
      </p>
      <ErrorNote error={query.error ?? assign.error ?? unrule.error} />
      {data && data.items.length === 0 ? <EmptyState title="No workload matches">Change the filters, or upload an inventory.</EmptyState> : null}
      {data && data.items.length > 0 ? (
        <>
          <Table label="Workloads and their owners" dense>
            <thead>
              <tr>
                <Th>Workload</Th>
                <Th>Cluster</Th>
                <Th>Reaches</Th>
                <Th className="text-right">Blast radius</Th>
                <Th>Owner</Th>
                <Th>Decided by</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((w) => (
                <OwnershipRow
                  key={`${w.cluster}/${w.workload}`}
                  w={w}
                  teams={teams.data?.items.map((t) => t.name) ?? []}
                  editing={editing === w.id}
                  busy={assign.isPending || unrule.isPending}
                  onEdit={() => (assign.reset(), setEditing(editing === w.id ? null : w.id))}
                  onAssign={(team, wholeNamespace) =>
                    assign.mutate({ cluster: w.cluster, namespace: w.namespace, team, ...(wholeNamespace ? {} : { workload: w.workload }) })
                  }
                  onUnrule={() => w.ruleId && unrule.mutate(w.ruleId)}
                />
              ))}
            </tbody>
          </Table>
          <div className="mt-2 flex items-center justify-between text-sm text-muted">
            <span>
              {page * OWNERSHIP_PAGE + 1}–{page * OWNERSHIP_PAGE + data.items.length} of {data.total}
            </span>
            <span className="flex gap-2">
              <Button variant="ghost" disabled={page === 0} onClick={() => setPage(page - 1)}>
                Previous
              </Button>
              <Button variant="ghost" disabled={(page + 1) * OWNERSHIP_PAGE >= data.total} onClick={() => setPage(page + 1)}>
                Next
              </Button>
            </span>
          </div>
        </>
      ) : null}
    </Card>
  );
}

function Facet({ id, label, value, options, labels, onChange }: {
  id: string;
  label: string;
  value: string | undefined;
  options: string[];
  labels?: Record<string, string>;
  onChange: (v: string | undefined) => void;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-[11px] font-medium uppercase tracking-wide text-muted">
        {label}
      </label>
      <Select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)} className="w-auto min-w-32 py-1">
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels?.[o] ?? o}
          </option>
        ))}
      </Select>
    </div>
  );
}

function OwnershipRow({ w, teams, editing, busy, onEdit, onAssign, onUnrule }: {
  w: TOwnershipItem;
  teams: string[];
  editing: boolean;
  busy: boolean;
  onEdit: () => void;
  onAssign: (team: string, wholeNamespace: boolean) => void;
  onUnrule: () => void;
}) {
  const [team, setTeam] = useState(w.team ?? "");
  const [wholeNamespace, setWholeNamespace] = useState(false);
  const reach = (["critical", "high"] as const).filter((t) => (w.reachableCounts[t] ?? 0) > 0);
  return (
    <>
      <tr data-testid="ownership-row" data-workload={w.workload} className={!w.team && w.reachableCounts.critical > 0 ? "bg-critical/5" : undefined}>
        <Td>
          <Link href={`/workloads/${encodeURIComponent(w.id)}`} className="font-medium text-accent underline-offset-2 hover:underline">
            {w.kind} {w.namespace}/{w.name}
          </Link>
        </Td>
        <Td className="text-muted">{w.cluster}</Td>
        <Td>
          <span className="flex flex-wrap gap-1">
            {reach.length ? reach.map((t) => <SensitivityBadge key={t} sensitivity={t} count={w.reachableCounts[t]} />) : <span className="text-muted">nothing critical or high</span>}
          </span>
        </Td>
        <Td className="text-right tabular-nums">{Math.round(w.score)}</Td>
        <Td data-testid="ownership-team">{w.team ? <span className="font-medium">{w.team}</span> : <Badge tone="danger">Unowned</Badge>}</Td>
        <Td className="text-muted">
          {TEAM_SOURCE_LABELS[w.source ?? "none"]}
          {w.ruleId && w.inventoryTeam && w.inventoryTeam !== w.team ? <span className="block text-xs">inventory says {w.inventoryTeam}</span> : null}
        </Td>
        <Td className="whitespace-nowrap text-right">
          <Button variant="ghost" onClick={onEdit} aria-expanded={editing} className="py-1">
            {w.team ? "Change owner" : "Assign owner"}
          </Button>
          {w.ruleId ? (
            <Button variant="ghost" busy={busy} onClick={onUnrule} className="py-1" title="Remove the rule that decided this owner">
              Remove rule
            </Button>
          ) : null}
        </Td>
      </tr>
      {editing ? (
        <tr>
          <Td colSpan={7} className="bg-surface-2">
            <form
              aria-label={`Owner of ${w.namespace}/${w.name}`}
              className="flex flex-wrap items-center gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                if (team) onAssign(team, wholeNamespace);
              }}
            >
              <label htmlFor={`owner-${w.id}`} className="text-sm">
                Owner
              </label>
              <Select id={`owner-${w.id}`} value={team} onChange={(e) => setTeam(e.target.value)} className="!w-48 py-1" autoFocus>
                <option value="">Choose a team…</option>
                {teams.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </Select>
              <fieldset className="flex items-center gap-3 text-sm">
                <legend className="sr-only">Applies to</legend>
                <label className="flex items-center gap-1.5">
                  <input type="radio" name={`scope-${w.id}`} checked={!wholeNamespace} onChange={() => setWholeNamespace(false)} />
                  this workload
                </label>
                <label className="flex items-center gap-1.5">
                  <input type="radio" name={`scope-${w.id}`} checked={wholeNamespace} onChange={() => setWholeNamespace(true)} />
                  every workload of namespace {w.namespace} in {w.cluster}, now and in later inventories
                </label>
              </fieldset>
              <Button type="submit" variant="primary" busy={busy} disabled={!team}>
                Save owner
              </Button>
              <Button type="button" variant="ghost" onClick={onEdit}>
                Cancel
              </Button>
            </form>
          </Td>
        </tr>
      ) : null}
    </>
  );
}
