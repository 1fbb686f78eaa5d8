import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/layout/page-header";
import { TokensAdmin } from "@/components/settings/tokens-admin";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await requireActor("tokens.manage");
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Bearer tokens for sensors, collectors and automation. Only a hash is stored."
      />
      <TokensAdmin />
    </>
  );
}
