// A blast radius score with its breakdown: never a bare number.
import type { TWorkloadItem } from "@/lib/queries/workloads";

export function ScoreCell({ score, breakdown }: Pick<TWorkloadItem, "score" | "breakdown">) {
  const parts = breakdown.filter((b) => b.count > 0);
  const title = parts.length
    ? parts.map((b) => `${b.tier}: ${b.count} reachable, nearest at cost ${b.nearestCost}, adds ${b.contribution.toFixed(1)}`).join("\n")
    : "nothing sensitive reachable";
  const width = Math.min(100, (score / 143) * 100);
  return (
    <div className="flex min-w-28 flex-col gap-1" title={title}>
      <span className="font-mono text-sm font-semibold tabular-nums">{score.toFixed(1)}</span>
      <span className="h-1.5 w-24 overflow-hidden rounded bg-surface-2" aria-hidden>
        <span className="block h-full bg-accent" style={{ width: `${width}%` }} />
      </span>
    </div>
  );
}
