// The series of the queue's alert histogram: severities in Falco's order, or the busiest rules
// with every other rule folded into one "other rules" series so the chart stays readable.
import { SEVERITIES } from "../alerts/severity";

export const TOP_RULES = 6;
export const OTHER_RULES = "other rules";

export function topSeries(rows: { t: Date; counts: Record<string, number> }[], by: "severity" | "rule") {
  const totals = new Map<string, number>();
  for (const r of rows) for (const [k, n] of Object.entries(r.counts)) totals.set(k, (totals.get(k) ?? 0) + n);
  if (by === "severity") {
    const series = SEVERITIES.filter((s) => totals.has(s)).map((name) => ({ name, total: totals.get(name)! }));
    return { series, rows };
  }
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const keep = new Set(ranked.slice(0, ranked.length > TOP_RULES + 1 ? TOP_RULES : TOP_RULES + 1).map(([k]) => k));
  const series = ranked.filter(([k]) => keep.has(k)).map(([name, total]) => ({ name, total }));
  const other = ranked.filter(([k]) => !keep.has(k)).reduce((s, [, n]) => s + n, 0);
  if (other > 0) series.push({ name: OTHER_RULES, total: other });
  const folded = rows.map((r) => {
    const counts: Record<string, number> = {};
    for (const [k, n] of Object.entries(r.counts)) {
      const name = keep.has(k) ? k : OTHER_RULES;
      counts[name] = (counts[name] ?? 0) + n;
    }
    return { t: r.t, counts };
  });
  return { series, rows: folded };
}
