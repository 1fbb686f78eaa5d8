"use client";
// The paths of the graph as a list: the keyboard's way to every edge and its remediation.
import type { TViewPath } from "@/lib/graph-view/paths";
import { edgeKey } from "@/lib/graph-view/paths";
import { SensitivityBadge } from "../ui/sensitivity-badge";

export function PathList({ paths, selectedId, onSelectEdge, onSelectNode }: {
  paths: (TViewPath & { type?: string })[];
  /** the graph's selection, marked in the list too */
  selectedId?: string | null;
  onSelectEdge: (key: string) => void;
  onSelectNode: (id: string) => void;
}) {
  return (
    <details className="border-t border-border">
      <summary className="cursor-pointer px-3 py-2 text-xs font-medium text-muted hover:text-fg">Paths as a list ({paths.length})</summary>
      <ol className="flex max-h-96 flex-col divide-y divide-border overflow-auto px-3 pb-2">
        {paths.map((p) => (
          <li key={p.asset} className="flex flex-col gap-1 py-2">
            <div className="flex items-center gap-2">
              <SensitivityBadge sensitivity={p.sensitivity as "critical"} />
              <button
                type="button"
                onClick={() => onSelectNode(p.asset)}
                aria-current={selectedId === p.asset || undefined}
                className="break-all text-left font-mono text-xs hover:underline aria-[current]:font-semibold aria-[current]:text-accent"
              >
                {p.asset}
              </button>
              <span className="ml-auto shrink-0 text-xs text-muted">cost {p.cost}</span>
            </div>
            <div className="flex flex-wrap items-center gap-1 text-xs">
              {p.path.map((s, i) => (
                <span key={i} className="inline-flex items-center gap-1">
                  {i > 0 ? <span aria-hidden className="text-muted">→</span> : null}
                  <button
                    type="button"
                    onClick={() => onSelectEdge(edgeKey(s))}
                    aria-current={selectedId === edgeKey(s) || undefined}
                    className="rounded border border-border px-1 py-0.5 font-mono hover:border-accent hover:text-accent aria-[current]:border-accent aria-[current]:text-accent"
                    aria-label={`${s.edge} from ${s.from} to ${s.to}`}
                  >
                    {s.edge}
                  </button>
                </span>
              ))}
            </div>
          </li>
        ))}
      </ol>
    </details>
  );
}
