"use client";
// The Assets list: every crown jewel of the cluster, ranked by how sensitive it is and how many
// workloads can reach it — the start of "if this leaks, where could it have come from?".
import { useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { SearchField } from "../ui/search-field";
import { assetQueries } from "@/lib/queries/assets";
import { EmptyState, ErrorNote } from "../ui/card";
import { Select } from "../ui/field";
import { SensitivityBadge } from "../ui/sensitivity-badge";
import { Table, Td, Th } from "../ui/table";

export function AssetsView({ clusters, initialCluster }: { clusters: string[]; initialCluster: string | null }) {
  const [cluster, setCluster] = useState(initialCluster);
  const [q, setQ] = useState("");
  const query = useQuery(assetQueries.list(cluster));
  const needle = q.trim().toLowerCase();
  const items = (query.data?.items ?? []).filter((a) => !needle || a.id.toLowerCase().includes(needle) || a.type.toLowerCase().includes(needle));
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <SearchField id="assets-q" value={q} placeholder="Asset name or type" onChange={setQ} />
        {clusters.length > 1 ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="assets-cluster" className="text-[11px] font-medium uppercase tracking-wide text-muted">
              Cluster
            </label>
            <Select id="assets-cluster" value={cluster ?? ""} onChange={(e) => setCluster(e.target.value || null)} className="!w-56 py-1">
              {clusters.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
      </div>
      <ErrorNote error={query.error} />
      {query.isPending ? <p className="text-sm text-muted">Loading assets…</p> : null}
      {query.data && query.data.items.length === 0 ? (
        <EmptyState title="No assets to show">Assets are the sensitive things an inventory declares or implies: annotated Secrets and Services, cloud assets, nodes, the control plane.</EmptyState>
      ) : null}
      {items.length ? (
        <Table label="Assets by sensitivity and reach">
          <thead>
            <tr>
              <Th>Sensitivity</Th>
              <Th>Asset</Th>
              <Th className="text-right">Workloads that reach it</Th>
              <Th className="text-right">Cheapest path</Th>
              <Th className="text-right">Open incidents on them</Th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={`${a.cluster}|${a.id}`} data-testid="asset-row">
                <Td>
                  <SensitivityBadge sensitivity={a.sensitivity} />
                </Td>
                <Td>
                  <Link href={`/assets/${encodeURIComponent(a.id)}?cluster=${encodeURIComponent(a.cluster)}`} className="break-all font-mono text-xs hover:text-accent hover:underline" data-testid="asset-link">
                    {a.id}
                  </Link>
                  <div className="text-xs text-muted">
                    {a.type} · {a.cluster}
                  </div>
                </Td>
                <Td className="text-right tabular-nums">{a.reachers === 0 ? <span className="text-muted">none</span> : a.reachers}</Td>
                <Td className="text-right tabular-nums">{a.nearestCost === null ? <span className="text-muted">—</span> : `cost ${a.nearestCost}`}</Td>
                <Td className="text-right tabular-nums">{a.openIncidents ? <span className="font-medium text-danger">{a.openIncidents}</span> : <span className="text-muted">0</span>}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {query.data ? (
        <p className="text-xs text-muted">
          {items.length} of {query.data.items.length} assets. Counts come from each workload&apos;s stored blast radius (its 200 largest contributions); an asset&apos;s page searches the whole graph.
        </p>
      ) : null}
    </div>
  );
}
