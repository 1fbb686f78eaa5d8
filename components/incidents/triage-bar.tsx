"use client";
// The incident's triage actions: assign, move it through the workflow, mark it a false
// positive (with a reason) or reopen it. Which ones show comes from lib/incidents/triage-actions.
import { useEffect, useRef, useState } from "react";
import { Megaphone, RotateCcw, ShieldCheck, ShieldOff } from "lucide-react";
import { statusLabel, triageActions } from "@/lib/incidents/triage-actions";
import type { TIncidentDetail, TIncidentPatchBody } from "@/lib/queries/incidents";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/card";
import { AssignControl } from "./assign-control";
import { ReasonDialog } from "./reason-dialog";
import { ResolveDialog } from "./resolve-dialog";
import { useIncidentPatch } from "./use-incident-patch";

type TDialog = "false_positive" | "acknowledge" | "escalate" | "resolve" | null;

export function TriageBar({ incident, me }: { incident: TIncidentDetail; me: { id: string; permissions: readonly string[] } }) {
  const patch = useIncidentPatch(incident.id);
  const [dialog, setDialog] = useState<TDialog>(null);
  const [announcement, setAnnouncement] = useState("");
  // each change done: a counter the focus rescue below runs after
  const [done, setDone] = useState(0);
  /** the status and assignee before a change made from the bar: focus is rescued once they have changed */
  const rescueFocus = useRef<{ status: string; assignee: string | null } | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  const actions = triageActions(incident.status, me.permissions);

  // A button the change removes (Acknowledge once acknowledged, Assign to me once assigned, Mark
  // false positive once closed) drops focus to <body>, and so does a closing dialog returning focus
  // to it. Parent effects run after their children's, so this runs after the dialog has closed, and
  // whether the refreshed incident arrives before or after the change's success.
  const assigneeId = incident.assignee?.id ?? null;
  useEffect(() => {
    const before = rescueFocus.current;
    if (!before || dialog !== null || (before.status === incident.status && before.assignee === assigneeId)) return;
    rescueFocus.current = null;
    const el = bar.current;
    if (el && !el.contains(document.activeElement)) el.querySelector<HTMLElement>("button:not([disabled]), select:not([disabled])")?.focus();
  }, [done, dialog, incident.status, assigneeId]);

  const send = (body: TIncidentPatchBody, after?: () => void) => {
    const focusWasHere = !!bar.current?.contains(document.activeElement) || dialog !== null;
    const before = { status: incident.status, assignee: assigneeId };
    patch.mutate(body, {
      onSuccess: () => {
        after?.();
        setAnnouncement(
          body.escalation
            ? "Escalated to the SOC."
            : body.escalation === null
              ? "Escalation cleared."
              : body.status
                ? `Status set to ${statusLabel(body.status)}.`
                : body.assigneeId === me.id
                  ? "Assigned to you."
                  : body.assigneeId
                    ? "Assignee changed."
                    : "Unassigned.",
        );
        rescueFocus.current = focusWasHere ? before : null;
        setDone((n) => n + 1);
      },
    });
  };
  const closed = ["resolved", "false_positive"].includes(incident.status);
  // who may acknowledge may escalate an open incident (developers: their own teams'); who triages clears it
  const canEscalate = me.permissions.includes("incident.acknowledge") && !closed && !incident.escalation;
  const canClearEscalation = me.permissions.includes("incident.triage") && !!incident.escalation;
  const nothing = !actions.canAssign && actions.statusButtons.length === 0 && !actions.canReopen && !canEscalate && !incident.escalation;
  if (nothing) return null;

  return (
    <div className="flex flex-col gap-2" ref={bar}>
      <p role="status" aria-live="polite" className="sr-only" data-testid="triage-announcement">
        {announcement}
      </p>
      {incident.escalation ? (
        <div role="note" data-testid="escalation" className="flex flex-wrap items-center gap-2 rounded-md border border-danger/50 bg-danger/10 px-3 py-2 text-sm">
          <Megaphone className="h-4 w-4 shrink-0 text-danger" aria-hidden />
          <span className="font-semibold text-danger">Escalated</span>
          <span className="text-muted">
            by {incident.escalation.by}, {new Date(incident.escalation.at).toLocaleString()}:
          </span>
          <span className="min-w-0 flex-1 break-words">{incident.escalation.note}</span>
          {canClearEscalation ? (
            <Button variant="ghost" busy={patch.isPending} onClick={() => send({ escalation: null })}>
              Clear escalation
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {actions.canAssign ? <AssignControl assignee={incident.assignee} meId={me.id} pending={patch.isPending} onPatch={(b) => send(b)} /> : null}
        <div role="group" aria-label="Change status" className="flex flex-wrap items-center gap-2">
          {actions.statusButtons.map((b) => (
            <Button
              key={b.status}
              variant={b.status === "contained" ? "primary" : "secondary"}
              busy={patch.isPending}
              onClick={() =>
                b.status === "acknowledged" && actions.acknowledgeNeedsComment ? setDialog("acknowledge") : b.status === "resolved" ? setDialog("resolve") : send({ status: b.status })
              }
            >
              {b.status === "resolved" ? <ShieldCheck className="h-4 w-4" aria-hidden /> : null}
              {b.status === "resolved" ? "Resolve…" : b.label}
            </Button>
          ))}
          {actions.canMarkFalsePositive ? (
            <Button variant="danger" busy={patch.isPending} onClick={() => setDialog("false_positive")}>
              <ShieldOff className="h-4 w-4" aria-hidden /> Mark false positive
            </Button>
          ) : null}
          {canEscalate ? (
            <Button variant="danger" busy={patch.isPending} onClick={() => setDialog("escalate")}>
              <Megaphone className="h-4 w-4" aria-hidden /> Escalate…
            </Button>
          ) : null}
          {actions.canReopen ? (
            <Button busy={patch.isPending} onClick={() => send({ status: "investigating" })}>
              <RotateCcw className="h-4 w-4" aria-hidden /> Reopen
            </Button>
          ) : null}
        </div>
      </div>
      {dialog === null ? <ErrorNote error={patch.error} /> : null}
      <ResolveDialog open={dialog === "resolve"} pending={patch.isPending} error={patch.error} onClose={() => setDialog(null)} onSubmit={(body) => send(body, () => setDialog(null))} />
      <ReasonDialog
        open={dialog === "false_positive"}
        title="Mark as false positive"
        intro="The incident closes and the reason is kept with it and in the activity feed. Say what made the alerts benign, so the next analyst (and a tuning rule) can rely on it."
        label="Reason"
        placeholder="e.g. the nightly backup job reads this secret by design"
        submitLabel="Mark false positive"
        danger
        pending={patch.isPending}
        error={patch.error}
        onClose={() => setDialog(null)}
        onSubmit={(reason) => send({ status: "false_positive", disposition: { verdict: "false_positive", reason } }, () => setDialog(null))}
      />
      <ReasonDialog
        open={dialog === "acknowledge"}
        title="Acknowledge"
        intro="Tell the SOC why this is expected or what you are doing about it."
        label="Comment"
        placeholder="e.g. expected: our migration job runs psql"
        submitLabel="Acknowledge"
        pending={patch.isPending}
        error={patch.error}
        onClose={() => setDialog(null)}
        onSubmit={(comment) => send({ status: "acknowledged", comment }, () => setDialog(null))}
      />
      <ReasonDialog
        open={dialog === "escalate"}
        title="Escalate to the SOC"
        intro="The incident is flagged in the analysts' queue with your note. Say what worries you: what in these alerts is not your workload's normal behaviour."
        label="Note"
        placeholder="e.g. not us: nothing of ours runs nc, and the image is not the one we deploy"
        submitLabel="Escalate"
        danger
        pending={patch.isPending}
        error={patch.error}
        onClose={() => setDialog(null)}
        onSubmit={(note) => send({ escalation: { note } }, () => setDialog(null))}
      />
    </div>
  );
}
