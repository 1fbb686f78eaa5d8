// Shared steps for the end-to-end specs.
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "blast-radius-demo";
export const USERS = {
  admin: "admin@demo.blastradius.dev",
  analyst: "analyst@demo.blastradius.dev",
  manager: "manager@demo.blastradius.dev",
  developer: "dev@demo.blastradius.dev",
} as const;
export const BOOTSTRAP_TOKEN = "e2e-bootstrap-admin-token-0123456789";

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("whoami")).toContainText(email);
}

/** Signs in through next-auth's credentials endpoint, leaving the session cookie in `request`. */
export async function apiLogin(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  return res;
}

export const ADMIN_AUTH = { authorization: `Bearer ${BOOTSTRAP_TOKEN}` };

/** A pod of the demo inventory whose name starts with `prefix` in `namespace`. */
export async function demoPod(request: APIRequestContext, namespace: string, prefix: string): Promise<string> {
  const res = await request.get(`/api/v1/workloads?cluster=demo-prod&namespace=${namespace}&limit=200`, { headers: ADMIN_AUTH });
  expect(res.status()).toBe(200);
  const pods: string[] = (await res.json()).items.flatMap((w: { pods: string[] }) => w.pods);
  const pod = pods.find((p) => p.startsWith(`Pod/${namespace}/${prefix}`));
  expect(pod, `a pod ${prefix}* in ${namespace}`).toBeTruthy();
  return pod!.split("/")[2];
}

/** Posts Falco events for the demo cluster with the bootstrap admin token. */
export async function postFalco(request: APIRequestContext, events: Record<string, unknown>[]) {
  const res = await request.post("/api/v1/alerts/falco?cluster=demo-prod", { headers: ADMIN_AUTH, data: events });
  expect(res.status()).toBe(202);
  return res.json() as Promise<{ accepted: number; duplicates: number; rejected: unknown[] }>;
}

/** The app's own origin, for cookies a test sets before signing in (playwright.config.ts BASE_URL). */
export const BASE_URL_FOR_COOKIES = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

/** A Falco "Terminal shell in container" event from `pod` in `namespace`, now: an incident of that pod's own. */
export function shellEvent(pod: string, namespace: string, hostname: string): Record<string, unknown> {
  return {
    uuid: `shell-${namespace}-${pod}`,
    time: new Date().toISOString(),
    rule: "Terminal shell in container",
    priority: "Notice",
    source: "syscall",
    hostname,
    tags: ["container", "shell", "mitre_execution", "T1059"],
    output: `A shell was spawned in a container (pod ${pod})`,
    output_fields: { "k8s.ns.name": namespace, "k8s.pod.name": pod, "container.name": "sh", "proc.name": "sh", "proc.cmdline": "sh -i" },
  };
}
