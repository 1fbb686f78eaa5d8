"use client";
// Alerts over time as stacked bars, one colour per series (severities, or rules): the incident's
// bursts and quiet hours at a glance, with the exact counts in each bar's tooltip.
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { THistogramBar } from "@/lib/queries/incidents";

const SEVERITY_COLOUR: Record<string, string> = {
  emergency: "var(--critical)",
  alert: "var(--critical)",
  critical: "var(--critical)",
  error: "var(--high)",
  warning: "var(--medium)",
  notice: "var(--accent)",
  informational: "var(--low)",
  debug: "var(--border)",
};
const PALETTE = ["var(--accent)", "var(--high)", "var(--ok)", "var(--medium)", "var(--critical)", "var(--warn)", "var(--low)"];

export function seriesColour(name: string, index: number, by: "severity" | "rule"): string {
  return by === "severity" ? (SEVERITY_COLOUR[name] ?? "var(--low)") : PALETTE[index % PALETTE.length];
}

/** "14:05" within a day, "Dec 2 14:00" beyond, in UTC like the rest of the app's times */
function tick(iso: string, bucketSeconds: number): string {
  const d = new Date(iso);
  const hm = d.toISOString().slice(11, 16);
  if (bucketSeconds >= 86_400) return d.toISOString().slice(5, 10);
  return hm === "00:00" || bucketSeconds >= 21_600 ? `${d.toISOString().slice(5, 10)} ${hm}` : hm;
}

export function AlertBars({ bars, series, by, bucketSeconds, height = 96, label }: {
  bars: THistogramBar[];
  series: string[];
  by: "severity" | "rule";
  bucketSeconds: number;
  height?: number;
  /** what the chart shows, for screen readers ("Alerts per 5 minutes, by severity") */
  label: string;
}) {
  const data = bars.map((b) => ({ t: b.t, ...b.counts }));
  return (
    <div className="w-full" style={{ height }} role="img" aria-label={label} data-testid="alert-bars">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} barCategoryGap={1}>
          <XAxis dataKey="t" tickFormatter={(t: string) => tick(t, bucketSeconds)} tick={{ fontSize: 10, fill: "var(--muted)" }} minTickGap={28} tickLine={false} axisLine={{ stroke: "var(--border)" }} />
          <YAxis allowDecimals={false} width={32} tick={{ fontSize: 10, fill: "var(--muted)" }} tickLine={false} axisLine={false} />
          <Tooltip
            cursor={{ fill: "var(--surface-2)" }}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", fontSize: 12, color: "var(--fg)" }}
            labelFormatter={(t) => `${new Date(String(t)).toISOString().slice(0, 16).replace("T", " ")} UTC`}
          />
          {series.map((s, i) => (
            <Bar key={s} dataKey={s} stackId="a" fill={seriesColour(s, i, by)} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
