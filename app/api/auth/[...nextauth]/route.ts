import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { loginAttempt, loginFailed, loginSucceeded } from "@/lib/auth/login-limiter";
import { clientIp } from "@/lib/api/handler";
import { readBodyText } from "@/lib/api/read-body";
import { errorResponse, ApiError } from "@/lib/api/errors";
import { writeAudit } from "@/lib/db/audit";

type Ctx = { params: Promise<{ nextauth: string[] }> };

/** A sign-in form is a few hundred bytes: anything over this is refused before it is parsed. */
const MAX_LOGIN_BODY = 8 * 1024;

function nextAuth(req: NextRequest, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx);
}

export const GET = nextAuth;

export async function POST(req: NextRequest, ctx: Ctx) {
  if (!req.nextUrl.pathname.endsWith("/callback/credentials")) return nextAuth(req, ctx);
  let text: string;
  try {
    text = await readBodyText(req, MAX_LOGIN_BODY);
  } catch (err) {
    if (err instanceof ApiError) return errorResponse(err);
    throw err;
  }
  const email = (new URLSearchParams(text).get("email") ?? "").slice(0, 320);
  const ip = clientIp(req);
  const verdict = await loginAttempt(email, ip);
  if (verdict.wait > 0) {
    await writeAudit("system", { action: "auth.login_throttled", targetType: "account", targetId: email.toLowerCase(), details: { reason: verdict.reason, wait: verdict.wait } }, ip);
    const url = new URL("/login?error=RateLimited", req.nextUrl.origin).toString();
    return Response.json(
      { url, error: { code: "rate_limited", message: `too many sign-in attempts; try again in ${verdict.wait} s` } },
      { status: 429, headers: { "Retry-After": String(verdict.wait) } },
    );
  }
  // next-auth reads the body again: hand it the bytes already read
  const forward = new NextRequest(req.url, { method: "POST", headers: req.headers, body: text });
  const res = await nextAuth(forward, ctx);
  // The client asks for JSON ({url}); a browser form post gets a redirect: both carry ?error= on failure.
  const body = (await res.clone().json().catch(() => null)) as { url?: string } | null;
  const target = body?.url ?? res.headers.get("location") ?? "";
  if (res.status < 400 && !target.includes("error=")) await loginSucceeded(email, ip);
  else {
    const failures = await loginFailed(email);
    await writeAudit("system", { action: "auth.login_failed", targetType: "account", targetId: email.toLowerCase(), details: { failures } }, ip);
  }
  return res;
}
