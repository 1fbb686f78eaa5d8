import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/layout/page-header";
import { OwnershipView } from "@/components/ownership/ownership-view";

export const metadata: Metadata = { title: "Ownership" };

export default async function OwnershipPage() {
  const actor = await requireActor("ownership.manage");
  return (
    <>
      <PageHeader
        title="Ownership"
        description="Who owns each workload, what nobody owns, how fast each team responds, and which risks are knowingly accepted."
        actions={
          <Link href="/ownership/review" className="text-sm text-accent underline">
            Weekly review
          </Link>
        }
      />
      <OwnershipView canAccept={can(actor, "risk.accept")} />
    </>
  );
}
