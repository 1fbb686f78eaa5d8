// End-to-end tests in a real Chromium against the production build, served by the same
// `scripts/start.ts` as `npm start`, on a fresh embedded database of its own.
import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** a real OpenID Connect provider for the single sign-on tests (e2e/oidc-issuer.mjs) */
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3199);
export const BASE_URL = `http://localhost:${PORT}`;
const debianChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: existsSync(debianChromium) ? debianChromium : undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: [
    {
      command: `node e2e/oidc-issuer.mjs ${OIDC_PORT}`,
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
    command: "rm -rf .data/e2e && node node_modules/tsx/dist/cli.mjs scripts/start.ts",
    url: `${BASE_URL}/api/v1/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATA_DIR: ".data/e2e",
      NEXTAUTH_URL: BASE_URL,
      BOOTSTRAP_ADMIN_TOKEN: "e2e-bootstrap-admin-token-0123456789",
      BOOTSTRAP_ADMIN_EMAIL: "root@e2e.blastradius.dev",
      BOOTSTRAP_ADMIN_PASSWORD: "e2e-root-password",
      LOGIN_RATE_LIMIT: "8",
      LOG_LEVEL: "warn",
      OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
      OIDC_CLIENT_ID: "blast-radius-e2e",
      OIDC_CLIENT_SECRET: "e2e-oidc-client-secret-0123456789",
      OIDC_NAME: "Test IdP",
      OIDC_ROLE_GROUPS: "admin=sec-admins,analyst=soc",
    },
    },
  ],
});
