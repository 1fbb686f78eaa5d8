"use client";
// Response times for managers: MTTA / MTTC / MTTR as median and p90 (with how many incidents each
// is over) per team or per incident tier, and the weekly trend of one group as a chart with the
// same figures in a table under it. Renders exactly GET /api/v1/metrics/response.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ownershipQueries, type TDurationItem, type TResponseGroupItem } from "@/lib/queries/ownership";
import { formatMinutes } from "@/lib/ownership/format-minutes";
import { Card, EmptyState, ErrorNote } from "../ui/card";
import { CsvLink } from "../ui/csv-link";
import { Select } from "../ui/field";
import { Table, Td, Th } from "../ui/table";

const PERIODS = [4, 12, 26, 52];
const SERIES = [
  { key: "mtta", label: "MTTA (acknowledge)", color: "var(--accent)" },
  { key: "mttc", label: "MTTC (contain)", color: "var(--high)" },
  { key: "mttr", label: "MTTR (resolve)", color: "var(--ok)" },
] as const;

function Figure({ d }: { d: TDurationItem }) {
  if (d.n === 0) return <span className="text-muted">—</span>;
  return (
    <span className="tabular-nums">
      {formatMinutes(d.median)} <span className="text-muted">/ {formatMinutes(d.p90)}</span> <span className="text-xs text-muted">({d.n})</span>
    </span>
  );
}

export function ResponseTimes() {
  const [groupBy, setGroupBy] = useState<"team" | "tier">("tier");
  const [weeks, setWeeks] = useState(12);
  const [chosen, setChosen] = useState<string | null>(null);
  const query = useQuery(ownershipQueries.response(groupBy, weeks));
  const groups = query.data?.groups ?? [];
  const shown: TResponseGroupItem | undefined = groups.find((g) => g.group === chosen) ?? groups[0];

  return (
    <Card
      title="Response times"
      actions={
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor="rt-group" className="text-muted">
            By
          </label>
          <Select id="rt-group" value={groupBy} onChange={(e) => (setGroupBy(e.target.value as "team" | "tier"), setChosen(null))} className="!w-auto py-1">
            <option value="tier">incident tier</option>
            <option value="team">team</option>
          </Select>
          <label htmlFor="rt-period" className="text-muted">
            over
          </label>
          <Select id="rt-period" value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} className="!w-auto py-1">
            {PERIODS.map((w) => (
              <option key={w} value={w}>
                the last {w} weeks
              </option>
            ))}
          </Select>
          {query.data ? <CsvLink href={`/api/v1/metrics/response?groupBy=${groupBy}&from=${query.data.from}&to=${query.data.to}&format=csv`} /> : null}
        </div>
      }
    >
      <ErrorNote error={query.error} />
      {query.data && groups.length === 0 ? (
        <EmptyState title="No incidents in this period">Response times appear once incidents have been opened in the period.</EmptyState>
      ) : null}
      {groups.length > 0 ? (
        <div className="flex flex-col gap-4">
          <p className="text-xs text-muted">
            Median / p90 from the first alert, with the number of incidents each is over. False positives are timed apart (first alert → marked) and
            left out of MTTA, MTTC and MTTR. The tier is the incident&apos;s when it opened: critical when its workload reached a critical asset within 3
            steps.
          </p>
          <Table label="Response times" dense>
            <thead>
              <tr>
                <Th>{groupBy === "tier" ? "Tier" : "Team"}</Th>
                <Th className="text-right">Incidents</Th>
                <Th className="text-right">Open</Th>
                <Th>MTTA</Th>
                <Th>MTTC</Th>
                <Th>MTTR</Th>
                <Th>False positives</Th>
                <Th>Closed as</Th>
                <Th>
                  <span className="sr-only">Trend</span>
                </Th>
              </tr>
            </thead>
            <tbody data-testid="response-rows">
              {groups.map((g) => (
                <tr key={g.group} data-testid="response-row" className={g.group === shown?.group ? "bg-surface-2" : undefined}>
                  <Td className="font-medium">{g.group}</Td>
                  <Td className="text-right tabular-nums">{g.count}</Td>
                  <Td className="text-right tabular-nums">{g.open}</Td>
                  <Td>
                    <Figure d={g.mtta} />
                  </Td>
                  <Td>
                    <Figure d={g.mttc} />
                  </Td>
                  <Td>
                    <Figure d={g.mttr} />
                  </Td>
                  <Td>
                    {g.falsePositives} {g.falsePositives ? <span className="text-muted">· {formatMinutes(g.falsePositiveTime.median)} median</span> : null}
                  </Td>
                  <Td className="text-xs" data-testid="response-closed-as">
                    <ClosedAs c={g.closedAs} />
                  </Td>
                  <Td>
                    <button type="button" className="text-xs text-accent underline" aria-pressed={g.group === shown?.group} onClick={() => setChosen(g.group)}>
                      Weekly trend
                    </button>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {shown ? <WeeklyTrend group={shown} /> : null}
        </div>
      ) : null}
    </Card>
  );
}

function WeeklyTrend({ group }: { group: TResponseGroupItem }) {
  const data = group.weeks.map((w) => ({ week: w.week, count: w.count, mtta: w.mtta.median, mttc: w.mttc.median, mttr: w.mttr.median }));
  return (
    <section aria-label={`Weekly trend of ${group.group}`} className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">
        Weekly median, {group.group} <span className="font-normal text-muted">(week starting Monday, UTC)</span>
      </h3>
      <div className="h-56 w-full" data-testid="trend-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis dataKey="week" stroke="var(--muted)" fontSize={11} />
            <YAxis stroke="var(--muted)" fontSize={11} tickFormatter={(v: number) => formatMinutes(v)} width={64} />
            <Tooltip
              contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--fg)", fontSize: 12 }}
              formatter={(v) => formatMinutes(typeof v === "number" ? v : null)}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {SERIES.map((s) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <Table label={`Weekly response times of ${group.group}`} dense>
        <thead>
          <tr>
            <Th>Week</Th>
            <Th className="text-right">Incidents</Th>
            <Th>MTTA</Th>
            <Th>MTTC</Th>
            <Th>MTTR</Th>
          </tr>
        </thead>
        <tbody>
          {group.weeks.map((w) => (
            <tr key={w.week}>
              <Td className="tabular-nums">{w.week}</Td>
              <Td className="text-right tabular-nums">{w.count}</Td>
              <Td>
                <Figure d={w.mtta} />
              </Td>
              <Td>
                <Figure d={w.mttc} />
              </Td>
              <Td>
                <Figure d={w.mttr} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

/** "3 true positive (2 contained) · 1 benign · 1 unrecorded" */
function ClosedAs({ c }: { c: { truePositive: number; benign: number; falsePositive: number; contained: number; noActionNeeded: number; other: number; unrecorded: number } }) {
  const parts = [
    c.truePositive ? `${c.truePositive} true positive` : null,
    c.benign ? `${c.benign} benign` : null,
    c.unrecorded ? `${c.unrecorded} unrecorded` : null,
  ].filter(Boolean);
  const outcomes = [c.contained ? `${c.contained} contained` : null, c.noActionNeeded ? `${c.noActionNeeded} no action needed` : null, c.other ? `${c.other} other` : null].filter(Boolean);
  if (!parts.length && !outcomes.length) return <span className="text-muted">—</span>;
  return (
    <span>
      {parts.join(" · ")}
      {outcomes.length ? <span className="block text-muted">{outcomes.join(" · ")}</span> : null}
    </span>
  );
}
