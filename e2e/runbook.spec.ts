// The analyst contains an incident from its runbook: the steps are this incident's (its pod, its
// privileged container's node, the Secret its token reads), and ticking the quarantine marks the
// incident contained. On a cluster of its own, so the demo's incidents keep their statuses.
import { expect, test } from "@playwright/test";
import { ADMIN_AUTH, login, shellEvent, USERS } from "./helpers";

const CLUSTER = "e2e-runbook";
const INVENTORY = `
apiVersion: v1
kind: Node
metadata: { name: worker-1 }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: billing, namespace: billing }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: read-secrets, namespace: billing }
rules: [{ apiGroups: [""], resources: [secrets], verbs: [get] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: billing-reads-secrets, namespace: billing }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-secrets }
subjects: [{ kind: ServiceAccount, name: billing, namespace: billing }]
---
apiVersion: v1
kind: Secret
metadata: { name: stripe-key, namespace: billing, labels: { blastradius.dev/sensitivity: critical } }
type: Opaque
---
apiVersion: v1
kind: Pod
metadata: { name: billing-worker, namespace: billing }
spec:
  nodeName: worker-1
  serviceAccountName: billing
  containers: [{ name: worker, image: billing/worker:3, securityContext: { privileged: true } }]
`;

test("an analyst follows the runbook: its steps name this incident's pod, node and Secret, and the quarantine contains it", async ({ page, request }) => {
  test.setTimeout(90_000);
  const up = await request.post(`/api/v1/inventory?cluster=${CLUSTER}`, { headers: { ...ADMIN_AUTH, "content-type": "application/yaml" }, data: INVENTORY });
  expect(up.status()).toBe(200);
  const sent = await request.post(`/api/v1/alerts/falco?cluster=${CLUSTER}`, { headers: ADMIN_AUTH, data: [shellEvent("billing-worker", "billing", "worker-1")] });
  expect(sent.status()).toBe(202);
  const list = await (await request.get(`/api/v1/incidents?cluster=${CLUSTER}&status=new`, { headers: ADMIN_AUTH })).json();
  const incident = list.items.find((i: { workload: { id: string } }) => i.workload.id === "Pod/billing/billing-worker");
  expect(incident).toBeTruthy();

  await login(page, USERS.analyst);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/incidents/${incident.id}`);
  const runbook = page.locator("section", { has: page.getByRole("heading", { name: "Containment runbook" }) });
  await expect(runbook.locator('[data-step="isolate"]')).toContainText("Quarantine pod billing-worker");
  await expect(runbook.locator('[data-step="cordon-worker-1"]')).toContainText("Cordon and drain node worker-1");
  await expect(runbook.locator('[data-step="rotate-billing-stripe-key"]')).toContainText("Rotate Secret billing/stripe-key");
  await expect(runbook.locator('[data-step="isolate"] pre').first()).toContainText("kubectl -n 'billing' label pod 'billing-worker'");
  await runbook.locator('[data-step="isolate"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/runbook.png" });

  await runbook.getByRole("checkbox", { name: /^Done: Quarantine pod billing-worker/ }).check();
  await expect(page.getByTestId("incident-status")).toContainText("Contained");
  await expect(runbook.locator('[data-step="isolate"]')).toContainText("done by");
  const after = await (await request.get(`/api/v1/incidents/${incident.id}`, { headers: ADMIN_AUTH })).json();
  expect(after.status).toBe("contained");
  expect(after.containedAt).toBeTruthy();
});
