"use client";
// One incident: summary and triage, the attack graph of its workload, its alerts, its activity.
import { useMemo, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { incidentQueries, type TSnapshotChoice } from "@/lib/queries/incidents";
import { AttackGraph } from "../graph/attack-graph";
import { AcceptRiskDialog, type TRiskTarget } from "../ownership/accept-risk-dialog";
import { AcceptedRiskList } from "../ownership/accepted-risk-list";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/card";
import { ActivityFeed } from "./activity-feed";
import { IncidentAlerts } from "./incident-alerts";
import { IncidentHeader } from "./incident-header";
import { RunbookPanel } from "./runbook-panel";
import { SnapshotSwitch } from "./snapshot-switch";
import { TriageBar } from "./triage-bar";

export function IncidentView({ id, me }: { id: string; me: { id: string; permissions: readonly string[] } }) {
  const [snapshot, setSnapshot] = useState<TSnapshotChoice>("alert");
  const [focus, setFocus] = useState<{ id: string; n: number } | null>(null);
  const [accepting, setAccepting] = useState<TRiskTarget | null>(null);
  const canAccept = me.permissions.includes("risk.accept");
  const detail = useQuery({ ...incidentQueries.detail(id, snapshot), placeholderData: keepPreviousData });
  const alerts = useMemo(() => new Map((detail.data?.alerts ?? []).map((a) => [a.id, { rule: a.rule, time: a.time }])), [detail.data]);

  if (detail.isPending) return <p className="text-sm text-muted" role="status">Loading the incident and its attack graph…</p>;
  if (detail.error || !detail.data) {
    return (
      <div className="flex flex-col items-start gap-2">
        <ErrorNote error={detail.error} />
        <Button onClick={() => detail.refetch()}>Try again</Button>
      </div>
    );
  }
  const i = detail.data;
  const showAlert = (alertId: string) => setFocus((f) => ({ id: alertId, n: (f?.n ?? 0) + 1 }));
  return (
    <div className="flex flex-col gap-5">
      <IncidentHeader incident={i}>
        <TriageBar incident={i} me={me} />
        {i.acceptedRisks.length ? <AcceptedRiskList risks={i.acceptedRisks} canRevoke={canAccept} /> : null}
      </IncidentHeader>
      <AttackGraph
        graph={i.graph}
        paths={i.paths}
        root={i.workload.id}
        title={`What ${i.workload.name} can reach`}
        alerts={alerts}
        onShowAlert={showAlert}
        exportName={`incident-${i.id}-${i.snapshot.which}`}
        cluster={i.cluster}
        alertingPods={i.drawnFrom}
        actions={<SnapshotSwitch value={snapshot} onChange={setSnapshot} fellBack={i.snapshot.requested === "alert" && i.snapshot.which === "latest"} />}
        notice={i.snapshot.ageWarning}
        onAcceptEdge={
          canAccept && i.workloadId
            ? (edge) => setAccepting({ workloadId: i.workloadId!, workloadName: i.workload.name, edge })
            : undefined
        }
      />
      <AcceptRiskDialog target={accepting} meId={me.id} onClose={() => setAccepting(null)} />
      <RunbookPanel incidentId={i.id} canTick={me.permissions.includes("incident.triage")} />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <IncidentAlerts incidentId={i.id} focus={focus} focusAlert={focus ? (i.alerts.find((a) => a.id === focus.id) ?? null) : null} />
        </div>
        <div className="min-w-0">
          <ActivityFeed incidentId={i.id} canComment={me.permissions.includes("incident.comment")} />
        </div>
      </div>
    </div>
  );
}
