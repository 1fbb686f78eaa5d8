import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/layout/page-header";
import { TeamsAdmin } from "@/components/settings/teams-admin";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  await requireActor("ownership.manage");
  return (
    <>
      <PageHeader title="Teams" description="Teams own workloads; developers see only their teams' incidents." />
      <TeamsAdmin />
    </>
  );
}
