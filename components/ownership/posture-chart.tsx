"use client";
// Posture over time for one cluster: privileged containers, containers that can escape, workloads
// with a path to the control plane or to a critical asset, unowned workloads — a point an hour at
// most — charted, with the first and latest figures and their change in a table.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ownershipQueries } from "@/lib/queries/ownership";
import { Card, EmptyState, ErrorNote } from "../ui/card";
import { Select } from "../ui/field";
import { Table, Td, Th } from "../ui/table";
import { WhatChanged } from "./what-changed";

const FIGURES = [
  { key: "privilegedContainers", label: "Privileged containers", color: "var(--critical)" },
  { key: "escapeContainers", label: "Containers that can escape", color: "var(--high)" },
  { key: "controlPlaneWorkloads", label: "Workloads reaching the control plane", color: "var(--medium)" },
  { key: "criticalReachWorkloads", label: "Workloads reaching a critical asset", color: "var(--accent)" },
  { key: "unownedWorkloads", label: "Unowned workloads", color: "var(--low)" },
  { key: "acceptedRisks", label: "Accepted risks", color: "var(--ok)" },
] as const;

export function PostureChart() {
  const [chosen, setChosen] = useState<string | null>(null);
  const list = useQuery(ownershipQueries.posture(null));
  const cluster = chosen ?? list.data?.clusters[0] ?? null;
  const query = useQuery({ ...ownershipQueries.posture(cluster), enabled: cluster !== null });
  const points = query.data?.points ?? [];
  const data = points.map((p) => ({ at: p.at.slice(0, 16).replace("T", " "), ...p.figures }));
  const first = points[0]?.figures;
  const last = points[points.length - 1]?.figures;
  return (
    <Card
      title="Posture over time"
      actions={
        list.data && list.data.clusters.length ? (
          <span className="flex items-center gap-2 text-sm">
            <label htmlFor="posture-cluster" className="text-muted">
              Cluster
            </label>
            <Select id="posture-cluster" value={cluster ?? ""} onChange={(e) => setChosen(e.target.value)} className="!w-auto py-1">
              {list.data.clusters.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
          </span>
        ) : null
      }
    >
      <ErrorNote error={list.error ?? query.error} />
      {list.data && list.data.clusters.length === 0 ? <EmptyState title="No posture yet">Each inventory upload adds a point, one an hour at most.</EmptyState> : null}
      {first && last ? (
        <div className="flex flex-col gap-3">
          <p className="text-xs text-muted">
            {points.length} point{points.length === 1 ? "" : "s"} since {points[0].at.slice(0, 10)}: one an hour at most, from each stored inventory; kept after the inventories are pruned.
          </p>
          {points.length > 1 ? (
            <div className="h-56 w-full" data-testid="posture-chart">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                  <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
                  <XAxis dataKey="at" stroke="var(--muted)" fontSize={11} />
                  <YAxis stroke="var(--muted)" fontSize={11} allowDecimals={false} width={40} />
                  <Tooltip contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--fg)", fontSize: 12 }} />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  {FIGURES.map((f) => (
                    <Line key={f.key} type="stepAfter" dataKey={f.key} name={f.label} stroke={f.color} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
          ) : null}
          <Table label="Posture figures" dense>
            <thead>
              <tr>
                <Th>Figure</Th>
                <Th className="text-right">First point</Th>
                <Th className="text-right">Latest</Th>
                <Th className="text-right">Change</Th>
              </tr>
            </thead>
            <tbody>
              {[...FIGURES, { key: "blastRadiusSum", label: "Sum of blast radius scores" } as const].map((f) => {
                const delta = Math.round((last[f.key] - first[f.key]) * 10) / 10;
                return (
                  <tr key={f.key} data-testid="posture-row">
                    <Td>{f.label}</Td>
                    <Td className="text-right tabular-nums">{first[f.key]}</Td>
                    <Td className="text-right tabular-nums">{last[f.key]}</Td>
                    <Td className={`text-right tabular-nums ${delta > 0 ? "text-critical" : delta < 0 ? "text-ok" : "text-muted"}`}>
                      {delta > 0 ? `+${delta}` : delta < 0 ? `${delta}` : "no change"}
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          {query.data?.snapshots ? <WhatChanged key={cluster} snapshots={query.data.snapshots} /> : null}
        </div>
      ) : null}
    </Card>
  );
}
