import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { loginAttempt, loginSucceeded } from "@/lib/auth/login-limiter";
import { clientIp } from "@/lib/api/handler";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function nextAuth(req: NextRequest, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx);
}

export const GET = nextAuth;

export async function POST(req: NextRequest, ctx: Ctx) {
  if (!req.nextUrl.pathname.endsWith("/callback/credentials")) return nextAuth(req, ctx);
  const form = await req.clone().formData().catch(() => null);
  const email = String(form?.get("email") ?? "");
  const ip = clientIp(req);
  const wait = loginAttempt(email, ip);
  if (wait > 0) {
    const url = new URL("/login?error=RateLimited", req.nextUrl.origin).toString();
    return Response.json(
      { url, error: { code: "rate_limited", message: `too many sign-in attempts; try again in ${wait} s` } },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  const res = await nextAuth(req, ctx);
  // The client asks for JSON ({url}); a browser form post gets a redirect: both carry ?error= on failure.
  const body = (await res.clone().json().catch(() => null)) as { url?: string } | null;
  const target = body?.url ?? res.headers.get("location") ?? "";
  if (res.status < 400 && !target.includes("error=")) loginSucceeded(email, ip);
  return res;
}
