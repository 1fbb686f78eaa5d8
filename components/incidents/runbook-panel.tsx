"use client";
// The containment runbook of an incident: isolate, preserve evidence, cut the identity, the node —
// each step generated from this incident's pods and paths, with its command or manifest to copy,
// ticked done as the analyst goes (ticking the quarantine contains the incident).
import { useState } from "react";
import { Download } from "lucide-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { runbookQueries, tickRunbookStep, type TRunbookStepItem } from "@/lib/queries/incidents";
import { Card, ErrorNote } from "../ui/card";
import { CopyBlock } from "../ui/copy-block";

const KIND_LABEL = { isolate: "Isolate", evidence: "Preserve evidence", identity: "Cut the identity", node: "Node" } as const;

function Step({ step, canTick, busy, onTick }: { step: TRunbookStepItem; canTick: boolean; busy: boolean; onTick: (done: boolean) => void }) {
  // the tick shows at once; the server's answer (a refetch) then confirms or corrects it
  const [wanted, setWanted] = useState<boolean | null>(null);
  const checked = wanted ?? step.done;
  if (wanted !== null && wanted === step.done) setWanted(null);
  return (
    <li className="flex gap-3 border-b border-border py-3 last:border-b-0" data-testid="runbook-step" data-step={step.id}>
      <input
        type="checkbox"
        className="mt-1"
        checked={checked}
        disabled={!canTick || busy}
        onChange={(e) => {
          setWanted(e.target.checked);
          onTick(e.target.checked);
        }}
        aria-label={`Done: ${step.title}`}
      />
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <p className={`text-sm font-medium ${checked ? "text-muted line-through" : ""}`}>{step.title}</p>
        <p className="text-xs text-muted">
          {step.why}
          {step.doneBy ? ` · done by ${step.doneBy}` : ""}
        </p>
        {step.command ? <CopyBlock text={step.command} label="command" /> : null}
        {step.manifest ? (
          <details>
            <summary className="cursor-pointer text-xs text-muted hover:text-fg">Manifest (quarantine.yaml)</summary>
            <CopyBlock text={step.manifest} label="manifest" />
          </details>
        ) : null}
      </div>
    </li>
  );
}

export function RunbookPanel({ incidentId, canTick }: { incidentId: string; canTick: boolean }) {
  const [allowDns, setAllowDns] = useState(false);
  const client = useQueryClient();
  const query = useQuery(runbookQueries.get(incidentId, allowDns));
  const tick = useMutation({
    mutationFn: tickRunbookStep,
    // on failure too: the refetch puts back the step as the server has it
    onSettled: () => client.invalidateQueries({ queryKey: ["incidents"] }),
  });
  const steps = query.data?.steps ?? [];
  const kinds = (Object.keys(KIND_LABEL) as (keyof typeof KIND_LABEL)[]).filter((k) => steps.some((s) => s.kind === k));
  return (
    <Card
      title="Containment runbook"
      actions={
        <span className="flex items-center gap-3">
          <label className="flex items-center gap-1.5 text-xs text-muted">
            <input type="checkbox" checked={allowDns} onChange={(e) => setAllowDns(e.target.checked)} /> quarantine allows DNS
          </label>
          <a
            href={`/api/v1/incidents/${encodeURIComponent(incidentId)}/runbook?format=md${allowDns ? "&allowDns=1" : ""}`}
            download
            className="inline-flex items-center gap-1 rounded-md border border-border px-2 py-1 text-xs font-medium text-muted hover:bg-surface-2 hover:text-fg"
          >
            <Download className="h-3.5 w-3.5" aria-hidden /> Markdown
          </a>
        </span>
      }
    >
      <ErrorNote error={query.error ?? tick.error} />
      {query.isPending ? <p className="text-sm text-muted">Generating the runbook from this incident&apos;s pods and paths…</p> : null}
      <div className="flex flex-col gap-4">
        {kinds.map((k) => (
          <section key={k} aria-label={KIND_LABEL[k]}>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-muted">{KIND_LABEL[k]}</h3>
            <ol>
              {steps
                .filter((s) => s.kind === k)
                .map((s) => (
                  <Step key={s.id} step={s} canTick={canTick} busy={tick.isPending} onTick={(done) => tick.mutate({ id: incidentId, stepId: s.id, done })} />
                ))}
            </ol>
          </section>
        ))}
        {query.data?.skipped.length ? (
          <p className="text-xs text-warn" role="note">
            Left out of every command (not valid Kubernetes names): {query.data.skipped.length} name{query.data.skipped.length === 1 ? "" : "s"} from the alerts or the inventory.
          </p>
        ) : null}
      </div>
    </Card>
  );
}
