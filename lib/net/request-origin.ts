// The origin a request came to — the scheme and host the user actually typed — for the same-origin
// check of signed-in changes (lib/api/handler.ts). The Host header is the browser's (a page on
// another site cannot set it); X-Forwarded-Host and X-Forwarded-Proto are believed only from a
// proxy in TRUSTED_PROXIES, as X-Forwarded-For is (lib/net/client-address.ts).

// host, or host:port; IPv6 in brackets. Anything else (spaces, paths, userinfo) is no host.
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim() || undefined;

export interface TOriginInput {
  host: string | string[] | undefined;
  /** the connection to us is TLS */
  encrypted: boolean;
  /** the socket's peer is one of TRUSTED_PROXIES */
  fromTrustedProxy: boolean;
  forwardedHost?: string | string[];
  forwardedProto?: string | string[];
}

/** "http://localhost:3400"; null when the host is missing or not a host name. */
export function requestOrigin(input: TOriginInput): string | null {
  let host = first(input.host);
  let proto = input.encrypted ? "https" : "http";
  if (input.fromTrustedProxy) {
    host = first(input.forwardedHost) ?? host;
    const forwarded = first(input.forwardedProto)?.toLowerCase();
    if (forwarded === "http" || forwarded === "https") proto = forwarded;
  }
  if (!host || !HOST.test(host)) return null;
  return normalizeOrigin(`${proto}://${host}`);
}

/** An origin as browsers send it in `Origin` (scheme://host[:port], default port dropped, lower case); null when not one. */
export function normalizeOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** ALLOWED_ORIGINS: origins separated by commas or spaces; throws naming the first that is not one. */
export function parseAllowedOrigins(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((part) => {
      const origin = normalizeOrigin(part);
      if (!origin || new URL(part).pathname.replace(/\/$/, "") !== "") throw new Error(`ALLOWED_ORIGINS: ${JSON.stringify(part)} is not an origin (scheme://host[:port])`);
      return origin;
    });
}
