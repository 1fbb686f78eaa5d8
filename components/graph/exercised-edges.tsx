"use client";
// The edges this incident's alerts exercised, as badges under the graph: each one selects its
// edge on the graph and links to the alert that showed it.
import { Crosshair } from "lucide-react";
import type { TPathGraphEdge } from "@/lib/graph/path-graph";
import { edgeKey } from "@/lib/graph-view/paths";
import type { TAlertRef } from "./graph-details";

export function ExercisedEdges({ edges, alerts, onSelectEdge, onShowAlert }: {
  edges: TPathGraphEdge[];
  alerts: Map<string, TAlertRef>;
  onSelectEdge: (key: string) => void;
  onShowAlert?: (id: string) => void;
}) {
  const exercised = edges.filter((e) => (e.exercisedBy?.length ?? 0) > 0);
  if (exercised.length === 0) return null;
  return (
    <div className="flex flex-col gap-1.5 border-t border-border px-3 py-2" data-testid="exercised-edges">
      <p className="text-xs font-medium text-muted">Steps this incident&apos;s alerts show</p>
      <ul className="flex flex-wrap gap-2">
        {exercised.map((e) => (
          <li key={edgeKey(e)} className="flex items-center gap-1 rounded-md border border-danger/50 bg-danger/5 px-2 py-1 text-xs">
            <button
              type="button"
              onClick={() => onSelectEdge(edgeKey(e))}
              className="inline-flex items-center gap-1 font-mono font-semibold text-danger hover:underline"
              title={`${e.from} → ${e.to}`}
            >
              <Crosshair className="h-3 w-3" aria-hidden />
              {e.edge}
            </button>
            {(e.exercisedBy ?? []).map((id) => (
              <a
                key={id}
                href={`#alert-${id}`}
                onClick={(ev) => {
                  if (!onShowAlert) return;
                  ev.preventDefault();
                  onShowAlert(id);
                }}
                className="rounded bg-danger/15 px-1.5 py-0.5 text-danger hover:underline"
              >
                {alerts.get(id)?.rule ?? `alert ${id}`}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
