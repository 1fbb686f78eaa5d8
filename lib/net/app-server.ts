// The production web server: Next.js behind a plain Node HTTP server, so the client's address
// comes from the socket (or from trusted proxies only) before Next sees the request. Next fills
// X-Forwarded-For only when the client sent none, so a client could otherwise name any address
// and walk around the login limits. Here X-Forwarded-For is always overwritten, and the address
// travels in a header that only carries weight with this process's secret (see clientIp).
import http from "node:http";
import { randomBytes } from "node:crypto";
import type { TLSSocket } from "node:tls";
import { clientAddress, isTrustedProxy, parseTrustedProxies } from "./client-address";
import { requestOrigin } from "./request-origin";

export const CLIENT_IP_HEADER = "x-br-client-ip";
/** the origin the request came to (lib/net/request-origin.ts), believed with the secret only */
export const REQUEST_ORIGIN_HEADER = "x-br-origin";
export const CLIENT_IP_SECRET_HEADER = "x-br-client-ip-secret";

type THandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

/** Generates the secret the server stamps on requests; set in the environment of the process that serves Next. */
export function newClientIpSecret(): string {
  return randomBytes(24).toString("base64url");
}

export function createAppServer(handle: THandler, opts: { trustedProxies: string | undefined; secret: string }): http.Server {
  const proxies = parseTrustedProxies(opts.trustedProxies);
  return http.createServer((req, res) => {
    const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], proxies);
    delete req.headers[CLIENT_IP_HEADER];
    delete req.headers[CLIENT_IP_SECRET_HEADER];
    delete req.headers[REQUEST_ORIGIN_HEADER];
    const origin = requestOrigin({
      host: req.headers.host,
      encrypted: Boolean((req.socket as TLSSocket).encrypted),
      fromTrustedProxy: isTrustedProxy(req.socket.remoteAddress, proxies),
      forwardedHost: req.headers["x-forwarded-host"],
      forwardedProto: req.headers["x-forwarded-proto"],
    });
    if (address) {
      req.headers["x-forwarded-for"] = address;
      req.headers[CLIENT_IP_HEADER] = address;
    } else delete req.headers["x-forwarded-for"];
    if (origin) req.headers[REQUEST_ORIGIN_HEADER] = origin;
    if (address || origin) req.headers[CLIENT_IP_SECRET_HEADER] = opts.secret;
    void Promise.resolve(handle(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
}
