import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { scopeOf } from "@/lib/auth/scope";
import { clustersWithSnapshot } from "@/lib/db/asset-reads";
import { PageHeader } from "@/components/layout/page-header";
import { AssetsView } from "@/components/assets/assets-view";

export const metadata: Metadata = { title: "Assets" };

export default async function AssetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("workload.read");
  const p = await searchParams;
  const clusters = await clustersWithSnapshot(scopeOf(actor));
  const wanted = typeof p.cluster === "string" && clusters.includes(p.cluster) ? p.cluster : (clusters[0] ?? null);
  return (
    <>
      <PageHeader
        title="Assets"
        description={
          actor.role === "developer"
            ? "The sensitive assets your teams' workloads can reach, most sensitive first: open one to see which of your workloads reach it and how."
            : "Every sensitive asset, most sensitive and most reached first: open one to see every workload that could reach it — if it leaks, where could it have come from?"
        }
      />
      <AssetsView clusters={clusters} initialCluster={wanted} />
    </>
  );
}
