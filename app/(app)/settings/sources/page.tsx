import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { sourceHealth } from "@/lib/sources/source-health";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th } from "@/components/ui/table";

export const metadata: Metadata = { title: "Sources" };

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export default async function SourcesPage() {
  await requireActor("sources.read");
  const health = await sourceHealth();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Sources"
        description={`Sensors per cluster and their inventories. Event counts go by each event's own time, not when it arrived. A sensor is flagged silent after ${health.silentAfterMinutes} min without an event; a periodic inventory is stale after ${health.staleAfterHours} h, a live one is behind when its changes wait more than ${health.behindAfterSeconds} s.`}
      />
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-semibold">Sensors</h2>
        {health.sources.length === 0 ? (
          <EmptyState title="No sensor has sent anything yet">
            Point Falco&apos;s <code>http_output</code> or falcosidekick&apos;s webhook at <code>/api/v1/alerts/falco?cluster=NAME</code> with an
            ingest token (see the README).
          </EmptyState>
        ) : (
          <Table label="Sensors">
            <thead>
              <tr>
                <Th>Cluster</Th>
                <Th>Sensor</Th>
                <Th>State</Th>
                <Th>Last event received</Th>
                <Th>Newest event time</Th>
                <Th className="text-right" title="Events whose own time (the sensor's clock) is in the last hour">Events, last hour</Th>
                <Th className="text-right" title="Events whose own time (the sensor's clock) is in the last 24 hours">Last 24 h</Th>
              </tr>
            </thead>
            <tbody>
              {health.sources.map((s) => (
                <tr key={`${s.cluster}/${s.source}`} data-testid={`source-${s.cluster}-${s.source}`}>
                  <Td className="font-medium">{s.cluster}</Td>
                  <Td>{s.source}</Td>
                  <Td>{s.silent ? <Badge tone="warn">silent</Badge> : <Badge tone="ok">sending</Badge>}</Td>
                  <Td>
                    <RelativeTime iso={iso(s.lastReceivedAt)} />
                  </Td>
                  <Td>
                    <RelativeTime iso={iso(s.lastEventAt)} />
                  </Td>
                  <Td className="text-right tabular-nums">{s.eventsLastHour}</Td>
                  <Td className="text-right tabular-nums">{s.eventsLastDay}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-semibold">Inventories</h2>
        <Table label="Inventories">
          <thead>
            <tr>
              <Th>Cluster</Th>
              <Th>State</Th>
              <Th>Updates</Th>
              <Th>Current snapshot</Th>
              <Th>Last change received</Th>
              <Th className="text-right">Lag</Th>
              <Th className="text-right">Pods</Th>
              <Th className="text-right">Workloads</Th>
            </tr>
          </thead>
          <tbody>
            {health.inventories.map((i) => (
              <tr key={i.cluster} data-testid={`inventory-${i.cluster}`}>
                <Td className="font-medium">{i.cluster}</Td>
                <Td>
                  {!i.snapshotAt ? (
                    <Badge tone="danger">no inventory</Badge>
                  ) : i.mode === "live" ? (
                    i.stale ? <Badge tone="warn">behind</Badge> : <Badge tone="ok">live</Badge>
                  ) : i.stale ? (
                    <Badge tone="warn">stale</Badge>
                  ) : (
                    <Badge tone="ok">current</Badge>
                  )}
                </Td>
                <Td>
                  {i.mode === "live" ? (
                    <span title="a collector streams watch events (npm run collect -- --watch)">live changes</span>
                  ) : (
                    <span className="text-muted" title="full inventories, uploaded from time to time">periodic uploads</span>
                  )}
                </Td>
                <Td>
                  <RelativeTime iso={iso(i.snapshotAt)} empty="never uploaded" />
                </Td>
                <Td>
                  <RelativeTime iso={iso(i.lastChangeAt)} empty="—" />
                </Td>
                <Td className="text-right tabular-nums" data-testid={`inventory-lag-${i.cluster}`}>
                  {i.mode === "live" ? `${i.lagSeconds.toFixed(1)} s${i.pendingChanges ? ` · ${i.pendingChanges} waiting` : ""}` : "—"}
                </Td>
                <Td className="text-right tabular-nums">{i.pods ?? "—"}</Td>
                <Td className="text-right tabular-nums">{i.workloads ?? "—"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </div>
  );
}
