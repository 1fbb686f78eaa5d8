// The one wrapper every API route uses: authentication (session or token), permission,
// zod parsing of params, query and body, and uniform JSON errors.
import { CLIENT_IP_HEADER, CLIENT_IP_SECRET_HEADER, REQUEST_ORIGIN_HEADER } from "../net/app-server";
import { normalizeOrigin, requestOrigin } from "../net/request-origin";
import { env } from "../env";
import { DomainError, type TDomainErrorKind } from "../errors";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { actorFromSession, actorFromToken, bearerSecret } from "../auth/resolve-actor";
import { can, type TPermission } from "../auth/permissions";
import type { TActor } from "../auth/actor";
import { ApiError, badRequest, databaseUnavailable, errorResponse, forbidden, notFound, conflict, unauthorized, zodMessage } from "./errors";
import { readBodyText } from "./read-body";
import { isDatabaseUnavailable, prismaCode } from "../db/errors";
import { logger } from "../log";

type AuthMode = "public" | "any" | "session" | "token";

export interface THandlerContext<P, Q, B> {
  req: NextRequest;
  actor: TActor;
  params: P;
  query: Q;
  body: B;
  ip: string | null;
}

interface RouteConfig<P, Q, B> {
  auth?: AuthMode;
  permission?: TPermission;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  maxBodyBytes?: number;
  status?: number;
  handler: (ctx: THandlerContext<P, Q, B>) => Promise<unknown>;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

/**
 * The client's address as our server (lib/net/app-server.ts) decided it from the socket and
 * TRUSTED_PROXIES; null when the request did not come through it (then no header is believed:
 * X-Forwarded-For and X-Real-IP are the client's to invent).
 */
export function clientIp(req: Request): string | null {
  const secret = process.env.BR_CLIENT_IP_SECRET;
  if (!secret || req.headers.get(CLIENT_IP_SECRET_HEADER) !== secret) return null;
  return req.headers.get(CLIENT_IP_HEADER)?.slice(0, 64) ?? null;
}

/**
 * The origins a signed-in change may come from: the one the request came to (as our server
 * decided it from the Host header, and forwarded headers of trusted proxies only), and
 * ALLOWED_ORIGINS. Outside our server (next dev, route tests) the request's URL and Host header.
 */
function acceptedOrigins(req: NextRequest): Set<string> {
  const out = new Set<string>(env().ALLOWED_ORIGINS);
  const secret = process.env.BR_CLIENT_IP_SECRET;
  const stamped = secret && req.headers.get(CLIENT_IP_SECRET_HEADER) === secret ? req.headers.get(REQUEST_ORIGIN_HEADER) : null;
  if (stamped) out.add(stamped);
  else {
    const url = new URL(req.url);
    out.add(url.origin);
    const own = requestOrigin({ host: req.headers.get("host") ?? undefined, encrypted: url.protocol === "https:", fromTrustedProxy: false });
    if (own) out.add(own);
  }
  return out;
}

async function authenticate(req: NextRequest, mode: AuthMode): Promise<TActor | null> {
  const secret = bearerSecret(req);
  if (secret !== null) {
    if (mode === "session") return null;
    return actorFromToken(secret);
  }
  if (mode === "token") return null;
  const actor = await actorFromSession(req);
  // A browser session may not be used from another site: same-origin mutations only.
  if (actor && req.method !== "GET" && req.method !== "HEAD") {
    const origin = req.headers.get("origin");
    if (origin && !acceptedOrigins(req).has(normalizeOrigin(origin) ?? "")) {
      throw forbidden("cross-site request refused: this origin is neither the one the request came to nor in ALLOWED_ORIGINS");
    }
  }
  return actor;
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(zodMessage(where, result.error), { issues: result.error.issues });
  return result.data;
}

async function parseBody<B>(req: NextRequest, cfg: RouteConfig<unknown, unknown, B>): Promise<B> {
  if (!cfg.body) return undefined as B;
  const text = await readBodyText(req, cfg.maxBodyBytes ?? DEFAULT_MAX_BODY);
  let json: unknown;
  try {
    json = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw badRequest("body: not valid JSON");
  }
  return parse(cfg.body, json, "body");
}

const DOMAIN_STATUS: Record<TDomainErrorKind, [number, string]> = {
  invalid: [400, "bad_request"],
  not_allowed: [403, "forbidden"],
  not_found: [404, "not_found"],
  conflict: [409, "conflict"],
  too_large: [413, "payload_too_large"],
  busy: [503, "busy"],
};

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof DomainError) {
    const [status, code] = DOMAIN_STATUS[err.kind];
    return new ApiError(status, code, err.message, err.details, err.retryAfterSeconds ? { "Retry-After": String(err.retryAfterSeconds) } : undefined);
  }
  if (isDatabaseUnavailable(err)) return databaseUnavailable();
  const code = prismaCode(err);
  if (code === "P2025") return notFound();
  if (code === "P2002") return conflict("a record with the same unique value already exists");
  if (code === "P2003") return badRequest("a referenced record does not exist");
  logger().error({ err }, "unhandled error in API route");
  return new ApiError(500, "internal", "internal error");
}

export function route<P = undefined, Q = undefined, B = undefined>(cfg: RouteConfig<P, Q, B>) {
  return async (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      const mode = cfg.auth ?? "any";
      let actor: TActor | null = null;
      if (mode !== "public") {
        actor = await authenticate(req, mode);
        if (!actor) throw unauthorized();
        if (cfg.permission && !can(actor, cfg.permission)) {
          throw forbidden(`role ${actor.role} may not ${cfg.permission}`);
        }
      }
      const params = parse(cfg.params, await ctx.params, "params");
      const query = parse(cfg.query, Object.fromEntries(req.nextUrl.searchParams), "query");
      const body = await parseBody(req, cfg as RouteConfig<unknown, unknown, B>);
      const result = await cfg.handler({ req, actor: actor as TActor, params, query, body, ip: clientIp(req) });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? null, { status: cfg.status ?? 200, headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return errorResponse(toApiError(err));
    }
  };
}
