// The same-origin check of signed-in changes, end to end through our production HTTP server
// (lib/net/app-server.ts) in front of a real route and a real session: the origin compared is the
// host the user actually used (issue: "Every way in works").
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { z } from "zod";
import { route } from "../lib/api/handler";
import { createAppServer, newClientIpSecret } from "../lib/net/app-server";
import { resetEnvCache } from "../lib/env";
import { makeUser } from "./fixtures";

const change = route({ permission: "incident.triage", body: z.object({}), handler: async ({ actor }) => ({ ok: true, by: actor.role }) });

let server: http.Server;
let port: number;
let cookie: string;
const secret = newClientIpSecret();

function start(trustedProxies: string | undefined) {
  server?.close();
  server = createAppServer(
    async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      // as Next builds it from its configured hostname, whatever host the user typed
      const next = new NextRequest(new URL(req.url ?? "/", "http://localhost:3400"), { method: req.method, headers, body: Buffer.concat(chunks) });
      const out = await change(next, { params: Promise.resolve({}) });
      res.writeHead(out.status, { "content-type": "application/json" }).end(await out.text());
    },
    { trustedProxies, secret },
  );
  return new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => ((port = (server.address() as AddressInfo).port), resolve())));
}

function post(headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/api/v1/x", method: "POST", headers: { cookie, "content-type": "application/json", ...headers } }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end("{}");
  });
}

beforeAll(async () => {
  process.env.BR_CLIENT_IP_SECRET = secret;
  const user = await makeUser("analyst");
  cookie = `next-auth.session-token=${await encode({ token: { uid: user.id, sv: 0 }, secret: process.env.NEXTAUTH_SECRET! })}`;
});

afterEach(() => {
  delete process.env.ALLOWED_ORIGINS;
  resetEnvCache();
});

afterAll(() => {
  server?.close();
  delete process.env.BR_CLIENT_IP_SECRET;
});

describe("signed-in changes are accepted from the origin the user used, and refused cross-site", () => {
  it("localhost, 127.0.0.1 and a second host name: each accepted from itself", async () => {
    await start(undefined);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `soc-dashboard.internal:${port}`]) {
      const res = await post({ host, origin: `http://${host}` });
      expect(res.status, `${host}: ${res.body}`).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ ok: true, by: "analyst" });
    }
  });

  it("refuses a genuine cross-site origin, and one host's page posting to another", async () => {
    await start(undefined);
    const evil = await post({ host: `127.0.0.1:${port}`, origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body).error.message).toMatch(/cross-site request refused/);
    expect((await post({ host: `127.0.0.1:${port}`, origin: `http://localhost:${port}` })).status).toBe(403);
    expect((await post({ host: `127.0.0.1:${port}`, origin: "null" })).status).toBe(403);
  });

  it("behind a trusted proxy, by the forwarded host and scheme; forwarded headers from anyone else count for nothing", async () => {
    const forwarded = { host: `127.0.0.1:${port}`, "x-forwarded-host": "soc.example.org", "x-forwarded-proto": "https", origin: "https://soc.example.org" };
    await start("127.0.0.1");
    expect((await post({ ...forwarded, host: `127.0.0.1:${port}` })).status).toBe(200);
    expect((await post({ ...forwarded, host: `127.0.0.1:${port}`, origin: "https://evil.example" })).status).toBe(403);
    await start(undefined);
    // the same headers from a client that is not a trusted proxy: the origin is the Host it connected to
    expect((await post({ ...forwarded, host: `127.0.0.1:${port}` })).status).toBe(403);
    // and a client cannot smuggle the server's own stamp
    expect((await post({ host: `127.0.0.1:${port}`, origin: "https://evil.example", "x-br-origin": "https://evil.example", "x-br-client-ip-secret": "guess" })).status).toBe(403);
  });

  it("ALLOWED_ORIGINS adds deliberate names, and nothing else", async () => {
    await start(undefined);
    process.env.ALLOWED_ORIGINS = "https://soc.example.org";
    resetEnvCache();
    expect((await post({ host: `127.0.0.1:${port}`, origin: "https://soc.example.org" })).status).toBe(200);
    expect((await post({ host: `127.0.0.1:${port}`, origin: "https://other.example.org" })).status).toBe(403);
  });
});
