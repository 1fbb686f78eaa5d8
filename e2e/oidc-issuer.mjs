// A small OpenID Connect provider for the end-to-end tests: discovery, an authorization page that
// lists test identities, a token endpoint issuing RS256 ID tokens (signed with node:crypto), JWKS
// and userinfo. Nothing here is mocked inside the app: next-auth talks to it over HTTP.
// Usage: node e2e/oidc-issuer.mjs <port>
import http from "node:http";
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";

const port = Number(process.argv[2] ?? 3199);
const issuer = `http://127.0.0.1:${port}`;
const CLIENT_ID = "blast-radius-e2e";
const CLIENT_SECRET = "e2e-oidc-client-secret-0123456789";
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const kid = "e2e-key-1";
const jwk = { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };

export const IDENTITIES = {
  "soc-analyst": { sub: "idp-sub-analyst", email: "oidc.analyst@idp.example", email_verified: true, name: "Olivia OIDC", groups: ["soc", "team-payments"] },
  unverified: { sub: "idp-sub-unverified", email: "unverified@idp.example", email_verified: false, name: "Uma Unverified", groups: ["soc"] },
  squatter: { sub: "idp-sub-squatter", email: "analyst@demo.blastradius.dev", email_verified: true, name: "Sam Squatter", groups: ["sec-admins"] },
};

const codes = new Map();
const b64url = (buf) => Buffer.from(buf).toString("base64url");

function idToken(claims, nonce) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const payload = b64url(JSON.stringify({ iss: issuer, aud: CLIENT_ID, iat: now, exp: now + 300, ...(nonce ? { nonce } : {}), ...claims }));
  const signature = sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${b64url(signature)}`;
}

const json = (res, status, body) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(req) {
  let text = "";
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

http
  .createServer(async (req, res) => {
    const url = new URL(req.url, issuer);
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        userinfo_endpoint: `${issuer}/userinfo`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      });
    }
    if (url.pathname === "/jwks") return json(res, 200, { keys: [jwk] });
    if (url.pathname === "/authorize") {
      if (url.searchParams.get("client_id") !== CLIENT_ID) return json(res, 400, { error: "unauthorized_client" });
      const links = Object.keys(IDENTITIES)
        .map((who) => {
          const approve = new URL("/approve", issuer);
          for (const [k, v] of url.searchParams) approve.searchParams.set(k, v);
          approve.searchParams.set("who", who);
          return `<li><a href="${escape(approve.pathname + approve.search)}">${escape(who)}</a></li>`;
        })
        .join("");
      return res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>Test IdP</title><h1>Choose an identity</h1><ul>${links}</ul>`);
    }
    if (url.pathname === "/approve") {
      const who = url.searchParams.get("who");
      if (!IDENTITIES[who]) return json(res, 400, { error: "unknown identity" });
      const code = randomBytes(16).toString("hex");
      codes.set(code, { who, nonce: url.searchParams.get("nonce"), challenge: url.searchParams.get("code_challenge"), redirectUri: url.searchParams.get("redirect_uri") });
      const back = new URL(url.searchParams.get("redirect_uri"));
      back.searchParams.set("code", code);
      if (url.searchParams.get("state")) back.searchParams.set("state", url.searchParams.get("state"));
      return res.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      const form = await readBody(req);
      const basic = (req.headers.authorization ?? "").replace(/^Basic /, "");
      const [id, secret] = basic ? Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent) : [form.get("client_id"), form.get("client_secret")];
      if (id !== CLIENT_ID || secret !== CLIENT_SECRET) return json(res, 401, { error: "invalid_client" });
      const grant = codes.get(form.get("code"));
      codes.delete(form.get("code"));
      if (!grant || grant.redirectUri !== form.get("redirect_uri")) return json(res, 400, { error: "invalid_grant" });
      if (grant.challenge) {
        const verifier = form.get("code_verifier") ?? "";
        if (createHash("sha256").update(verifier).digest("base64url") !== grant.challenge) return json(res, 400, { error: "invalid_grant", error_description: "PKCE" });
      }
      const claims = IDENTITIES[grant.who];
      const accessToken = `at-${grant.who}-${randomBytes(8).toString("hex")}`;
      return json(res, 200, { access_token: accessToken, token_type: "Bearer", expires_in: 300, id_token: idToken(claims, grant.nonce) });
    }
    if (url.pathname === "/userinfo") {
      const who = /^Bearer at-([a-z-]+)-/.exec(req.headers.authorization ?? "")?.[1];
      return IDENTITIES[who] ? json(res, 200, IDENTITIES[who]) : json(res, 401, { error: "invalid_token" });
    }
    json(res, 404, { error: "not found" });
  })
  .listen(port, "127.0.0.1", () => console.log(`test OIDC issuer on ${issuer}`));
