"use client";
// Accepting a risk (managers and admins): the whole workload or one edge of its graph, with the
// accountable owner, why, and until when — at most a year; it comes back on its own at expiry.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminQueries } from "@/lib/queries/admin";
import { acceptRisk, refreshAcceptedRisks } from "@/lib/queries/ownership";
import { latestExpiry } from "@/lib/domain/accepted-risk";
import { isoDay as day } from "@/lib/domain/clock";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/card";
import { Dialog } from "../ui/dialog";
import { Field, Select, TextInput } from "../ui/field";

export interface TRiskTarget {
  workloadId: string;
  workloadName: string;
  /** absent: the whole workload */
  edge?: { from: string; edge: string; to: string };
}

const DEFAULT_DAYS = 90;

function AcceptRiskForm({ target, meId, onDone }: { target: TRiskTarget; meId: string; onDone: () => void }) {
  const client = useQueryClient();
  const users = useQuery(adminQueries.memberCandidates());
  const now = new Date();
  const [ownerId, setOwnerId] = useState(meId);
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState(day(new Date(now.getTime() + DEFAULT_DAYS * 86_400_000)));
  const save = useMutation({
    mutationFn: acceptRisk,
    onSuccess: async () => {
      await refreshAcceptedRisks(client);
      onDone();
    },
  });
  const candidates = users.data?.items ?? [];
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ workloadId: target.workloadId, edge: target.edge, ownerId, reason: reason.trim(), expiresAt: `${until}T00:00:00Z` });
      }}
    >
      <div className="rounded-md border border-border bg-bg px-3 py-2 text-sm">
        <p className="text-xs font-medium uppercase tracking-wide text-muted">Accepting</p>
        {target.edge ? (
          <p className="mt-0.5 break-all font-mono text-xs" data-testid="accept-edge">
            {target.edge.from} <span className="font-semibold">{target.edge.edge}</span> → {target.edge.to}
          </p>
        ) : (
          <p className="mt-0.5">
            every path of <span className="font-medium">{target.workloadName}</span>
          </p>
        )}
        <p className="mt-1 text-xs text-muted">
          The graph keeps drawing it, labelled as accepted; the queue can hide its incidents; posture counts it apart. It comes back on its own at
          expiry.
        </p>
      </div>
      <Field label="Owner" htmlFor="risk-owner" hint="The person who answers for this decision.">
        <Select id="risk-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} required>
          {candidates.length === 0 ? <option value={meId}>me</option> : null}
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name || u.email} ({u.role})
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Reason" htmlFor="risk-reason">
        <textarea
          id="risk-reason"
          required
          minLength={3}
          maxLength={1000}
          rows={3}
          value={reason}
          placeholder="Why this is acceptable for now, and what will remove it"
          onChange={(e) => setReason(e.target.value)}
          className="w-full rounded-md border border-border bg-surface px-2.5 py-1.5 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-none"
        />
      </Field>
      <Field label="Accepted until" htmlFor="risk-until" hint="At most a year from today.">
        <TextInput
          id="risk-until"
          type="date"
          required
          min={day(new Date(now.getTime() + 86_400_000))}
          max={day(latestExpiry(now))}
          value={until}
          onChange={(e) => setUntil(e.target.value)}
        />
      </Field>
      <ErrorNote error={users.error ?? save.error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={save.isPending || reason.trim().length < 3 || !until}>
          Accept risk
        </Button>
      </div>
    </form>
  );
}

export function AcceptRiskDialog({ target, meId, onClose }: { target: TRiskTarget | null; meId: string; onClose: () => void }) {
  return (
    <Dialog open={target !== null} title={target?.edge ? "Accept the risk of one edge" : "Accept the risk of this workload"} onClose={onClose}>
      {target ? <AcceptRiskForm target={target} meId={meId} onDone={onClose} /> : null}
    </Dialog>
  );
}
