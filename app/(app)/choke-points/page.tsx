import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { inventoriedClusters } from "@/lib/db/snapshots";
import { PageHeader } from "@/components/layout/page-header";
import { ChokePointsView } from "@/components/workloads/choke-points-view";

export const metadata: Metadata = { title: "Choke points" };

export default async function ChokePointsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("workload.read");
  const p = await searchParams;
  const clusters = await inventoriedClusters();
  const wanted = typeof p.cluster === "string" ? p.cluster : undefined;
  const cluster = wanted && clusters.includes(wanted) ? wanted : (clusters[0] ?? null);
  return (
    <>
      <PageHeader
        title="Choke points"
        description={
          actor.role === "developer"
            ? "The changes that take the most blast radius away from your teams' workloads, each tried on the graph."
            : "The changes that take the most blast radius away across the cluster, each tried on every workload it touches: the platform team's worklist."
        }
      />
      <ChokePointsView cluster={cluster} clusters={clusters} />
    </>
  );
}
