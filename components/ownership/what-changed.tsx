"use client";
// What changed between two kept inventories of a cluster: paths to critical and high assets that
// appeared or went away, per workload, each with the edge that opened or closed it and who must change.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ownershipQueries } from "@/lib/queries/ownership";
import { ErrorNote } from "../ui/card";
import { Select } from "../ui/field";
import { SensitivityBadge } from "../ui/sensitivity-badge";
import { Table, Td, Th } from "../ui/table";

const when = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;

export function WhatChanged({ snapshots }: { snapshots: { id: string; createdAt: string; live: boolean }[] }) {
  const [from, setFrom] = useState(snapshots[1]?.id ?? "");
  const [to, setTo] = useState(snapshots[0]?.id ?? "");
  const query = useQuery({ ...ownershipQueries.diff(from, to), enabled: Boolean(from && to && from !== to) });
  if (snapshots.length < 2) return <p className="text-sm text-muted">What changed appears once the cluster has two inventories.</p>;
  const option = (s: { id: string; createdAt: string; live: boolean }) => (
    <option key={s.id} value={s.id}>
      {when(s.createdAt)}
      {s.live ? " (live)" : ""}
    </option>
  );
  const changes = query.data?.changes ?? [];
  return (
    <section aria-label="What changed" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <h3 className="font-semibold">What changed</h3>
        <label htmlFor="diff-from" className="text-muted">
          from the inventory of
        </label>
        <Select id="diff-from" value={from} onChange={(e) => setFrom(e.target.value)} className="!w-auto py-1">
          {snapshots.map(option)}
        </Select>
        <label htmlFor="diff-to" className="text-muted">
          to
        </label>
        <Select id="diff-to" value={to} onChange={(e) => setTo(e.target.value)} className="!w-auto py-1">
          {snapshots.map(option)}
        </Select>
        {query.data ? (
          <span className="text-muted" data-testid="diff-summary">
            {query.data.summary.new} new, {query.data.summary.removed} removed paths to critical and high assets
          </span>
        ) : null}
      </div>
      <ErrorNote error={query.error} />
      {query.data && changes.length === 0 ? <p className="text-sm text-muted">No path to a critical or high asset appeared or went away.</p> : null}
      {changes.length > 0 ? (
        <Table label="Paths that changed" dense>
          <thead>
            <tr>
              <Th>Change</Th>
              <Th>Asset</Th>
              <Th>Workload</Th>
              <Th>Because</Th>
            </tr>
          </thead>
          <tbody>
            {changes.slice(0, 200).map((c) => (
              <tr key={`${c.change}|${c.workload}|${c.asset}`} data-testid="diff-row">
                <Td className={c.change === "new" ? "font-medium text-critical" : "font-medium text-ok"}>{c.change === "new" ? "New path" : "Path removed"}</Td>
                <Td>
                  <span className="flex items-center gap-1.5">
                    <SensitivityBadge sensitivity={c.sensitivity} /> <span className="font-mono text-xs">{c.asset}</span>
                  </span>
                </Td>
                <Td className="font-mono text-xs">{c.workload}</Td>
                <Td className="max-w-xl">
                  {c.summary}
                  {c.cause ? <span className="block text-xs text-muted">Fix: {c.cause.remediation}</span> : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}
