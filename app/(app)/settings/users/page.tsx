import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/layout/page-header";
import { UsersAdmin } from "@/components/settings/users-admin";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  await requireActor("users.manage");
  return (
    <>
      <PageHeader title="Users" description="Who may sign in, with which role, on which teams. Every change is audited." />
      <UsersAdmin />
    </>
  );
}
