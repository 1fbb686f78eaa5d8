import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { ReachersView } from "@/components/assets/reachers-view";

export const metadata: Metadata = { title: "Who can reach it" };

export default async function AssetPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor("workload.read");
  const { id } = await params;
  const p = await searchParams;
  let decoded = id;
  try {
    decoded = decodeURIComponent(id);
  } catch {
    // shown as given; the API answers 400 for it
  }
  return <ReachersView id={decoded} cluster={typeof p.cluster === "string" ? p.cluster : null} />;
}
