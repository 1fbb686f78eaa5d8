// End-to-end tests in a real Chromium against the production build, served by the same
// `scripts/start.ts` as `npm start`, on a fresh embedded database of its own.
import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";

const PORT = Number(process.env.E2E_PORT ?? 3100);
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
  webServer: {
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
      LOGIN_RATE_LIMIT: "5",
      LOG_LEVEL: "warn",
    },
  },
});
