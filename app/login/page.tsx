import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { currentActor } from "@/lib/auth/current-user";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { env, oidcEnabled } from "@/lib/env";
import { ShieldAlert } from "lucide-react";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? params.error : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-2">
          <ShieldAlert aria-hidden className="h-7 w-7 text-accent" />
          <div>
            <h1 className="text-xl font-semibold">Blast Radius</h1>
            <p className="text-sm text-muted">Runtime alerts ranked by what they can reach</p>
          </div>
        </div>
        <LoginForm
          callbackUrl={callbackUrl}
          initialError={error}
          oidc={oidcEnabled() ? { name: env().OIDC_NAME } : null}
        />
      </div>
    </main>
  );
}
