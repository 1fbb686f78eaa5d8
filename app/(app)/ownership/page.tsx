import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "Ownership" };

export default async function OwnershipPage() {
  await requireActor("ownership.manage");
  return (
    <>
      <PageHeader title="Ownership" description="Which team owns each workload, and how fast each team responds." />
      <EmptyState title="Nothing to review yet">
        Ownership and response times appear once workloads and incidents exist. Teams are managed under{" "}
        <Link className="text-accent underline" href="/settings/teams">
          Settings → Teams
        </Link>
        .
      </EmptyState>
    </>
  );
}
