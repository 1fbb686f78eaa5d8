"use client";
// Resolving asks how the case ended: the verdict (a real attack, or benign activity — a false
// positive has its own button), the outcome, and a note for the next analyst. A duplicate is not
// resolved but merged into the incident it repeats, from the queue.
import { useState } from "react";
import Link from "next/link";
import type { TIncidentPatchBody } from "@/lib/queries/incidents";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/card";
import { Dialog } from "../ui/dialog";

type TVerdict = "true_positive" | "benign";
type TOutcome = "contained" | "no_action_needed" | "other";

const VERDICTS: { value: TVerdict; label: string; hint: string }[] = [
  { value: "true_positive", label: "True positive", hint: "an attack or a real misuse happened" },
  { value: "benign", label: "Benign", hint: "the alerts were right, the activity was legitimate" },
];
const OUTCOMES: { value: TOutcome; label: string }[] = [
  { value: "contained", label: "Contained" },
  { value: "no_action_needed", label: "No action needed" },
  { value: "other", label: "Other (say in the note)" },
];

function ResolveForm({ pending, error, onSubmit, onClose }: { pending: boolean; error: unknown; onSubmit: (body: TIncidentPatchBody) => void; onClose: () => void }) {
  const [verdict, setVerdict] = useState<TVerdict>("true_positive");
  const [outcome, setOutcome] = useState<TOutcome>("contained");
  const [note, setNote] = useState("");
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (note.trim()) onSubmit({ status: "resolved", disposition: { verdict, outcome, reason: note.trim() } });
      }}
    >
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-muted">Verdict</legend>
        {VERDICTS.map((v) => (
          <label key={v.value} className="flex items-baseline gap-2 text-sm">
            <input
              type="radio"
              name="verdict"
              value={v.value}
              checked={verdict === v.value}
              onChange={() => {
                setVerdict(v.value);
                if (v.value === "benign" && outcome === "contained") setOutcome("no_action_needed");
              }}
            />
            <span className="font-medium">{v.label}</span>
            <span className="text-xs text-muted">{v.hint}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-muted">Outcome</legend>
        {OUTCOMES.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="outcome" value={o.value} checked={outcome === o.value} onChange={() => setOutcome(o.value)} />
            {o.label}
          </label>
        ))}
        <p className="text-xs text-muted">
          A duplicate of another incident? Merge it instead: select both in the <Link href="/incidents" className="text-accent underline">queue</Link> and choose Merge.
        </p>
      </fieldset>
      <div className="flex flex-col gap-1">
        <label htmlFor="resolve-note" className="text-xs font-medium uppercase tracking-wide text-muted">
          Note
        </label>
        <textarea
          id="resolve-note"
          required
          rows={3}
          maxLength={2000}
          value={note}
          placeholder="What happened and what was done, for the next analyst and the weekly review"
          onChange={(e) => setNote(e.target.value)}
          className="w-full rounded-md border border-border bg-surface px-2.5 py-1.5 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-none"
        />
      </div>
      <ErrorNote error={error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={pending || !note.trim()}>
          Resolve
        </Button>
      </div>
    </form>
  );
}

export function ResolveDialog({ open, ...form }: { open: boolean; pending: boolean; error: unknown; onSubmit: (body: TIncidentPatchBody) => void; onClose: () => void }) {
  return (
    <Dialog open={open} title="Resolve the incident" onClose={form.onClose}>
      {open ? <ResolveForm {...form} /> : null}
    </Dialog>
  );
}

const VERDICT_WORDS: Record<string, string> = { true_positive: "true positive", false_positive: "false positive", benign: "benign" };
const OUTCOME_WORDS: Record<string, string> = { contained: "contained", no_action_needed: "no action needed", other: "other" };

/** "true positive · contained" */
export function dispositionText(d: { verdict: string; outcome?: string | null }): string {
  return [VERDICT_WORDS[d.verdict] ?? d.verdict, d.outcome ? (OUTCOME_WORDS[d.outcome] ?? d.outcome) : null].filter(Boolean).join(" · ");
}
