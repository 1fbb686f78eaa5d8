"use client";
// The sign-in form: e-mail and password, and single sign-on when the server offers it.
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "../ui/button";
import { Field, TextInput } from "../ui/field";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong e-mail or password, or the account is disabled.",
  RateLimited: "Too many sign-in attempts. Wait a few minutes and try again.",
  AccessDenied: "Your single sign-on account may not use Blast Radius.",
  OidcEmailNotVerified: "Your identity provider has not verified your e-mail address, so single sign-on cannot use it.",
  OidcAccountNotLinked: "This e-mail address belongs to an account that signs in with a password. Sign in with it, or ask an administrator.",
};

function describe(error: string | undefined | null): string | null {
  if (!error) return null;
  return MESSAGES[error] ?? "Sign-in failed. Try again, or ask an administrator.";
}

export function LoginForm({
  callbackUrl,
  initialError,
  oidc,
}: {
  callbackUrl: string;
  initialError?: string;
  oidc: { name: string } | null;
}) {
  const [error, setError] = useState<string | null>(describe(initialError));
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
      callbackUrl,
    }).catch(() => undefined);
    if (!result || result.error || !result.ok) {
      setPending(false);
      setError(describe(result?.status === 429 ? "RateLimited" : (result?.error ?? "unknown")));
      return;
    }
    window.location.assign(callbackUrl);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4 rounded-lg border border-border bg-surface p-6" aria-label="Sign in">
      <Field label="E-mail" htmlFor="email">
        <TextInput id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password" htmlFor="password">
        <TextInput id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      {oidc ? (
        <>
          <div className="flex items-center gap-2 text-xs text-muted" aria-hidden>
            <span className="h-px flex-1 bg-border" />
            or
            <span className="h-px flex-1 bg-border" />
          </div>
          <Button type="button" onClick={() => signIn("oidc", { callbackUrl })}>
            Continue with {oidc.name}
          </Button>
        </>
      ) : null}
    </form>
  );
}
