// An alert from a pod the inventory has never seen — a new replica of the demo's payments
// Deployment — ranks with that Deployment's blast radius, and the incident says how it matched.
import { expect, test } from "@playwright/test";
import { ADMIN_AUTH, demoPod, login, postFalco, shellEvent, USERS } from "./helpers";

test("a new replica of payments-api ranks with payments-api's blast radius, matched by ReplicaSet name", async ({ page, request }) => {
  const known = await demoPod(request, "payments", "payments-api-");
  const replicaSet = known.slice(0, known.lastIndexOf("-"));
  const fresh = `${replicaSet}-zq7x2`;
  expect(fresh).not.toBe(known);
  // close payments-api's open incidents, so the new alert opens one of its own
  const open = await (await request.get("/api/v1/incidents?cluster=demo-prod&namespace=payments&limit=200", { headers: ADMIN_AUTH })).json();
  for (const i of open.items.filter((x: { workload: { id: string }; status: string }) => x.workload.id === "Deployment/payments/payments-api" && !["resolved", "false_positive"].includes(x.status))) {
    expect((await request.patch(`/api/v1/incidents/${i.id}`, { headers: ADMIN_AUTH, data: { status: "resolved" } })).status()).toBe(200);
  }
  const rule = "Contact K8S API Server From Container";
  const sent = await postFalco(request, [
    {
      output: `Notice Unexpected connection to K8s API Server from container (pod=${fresh})`,
      priority: "Notice",
      rule,
      time: new Date().toISOString(),
      source: "syscall",
      hostname: "e2e-new-replica",
      tags: ["T1565", "container", "k8s", "mitre_discovery", "network"],
      output_fields: { "k8s.ns.name": "payments", "k8s.pod.name": fresh, "container.name": "api", "proc.name": "curl", "proc.cmdline": "curl https://kubernetes.default.svc/api", "fd.name": "10.0.0.5:44312->10.96.0.1:443" },
    },
  ]);
  expect(sent.accepted).toBe(1);
  const list = await (await request.get("/api/v1/incidents?cluster=demo-prod&namespace=payments&limit=200", { headers: ADMIN_AUTH })).json();
  const incident = list.items.find((i: { workload: { id: string }; status: string }) => i.workload.id === "Deployment/payments/payments-api" && i.status === "new");
  expect(incident).toBeTruthy();
  expect(list.items.find((i: { workload: { id: string } }) => i.workload.id === `Pod/payments/${fresh}`)).toBeUndefined();
  const workloads = await (await request.get("/api/v1/workloads?cluster=demo-prod&namespace=payments&limit=200", { headers: ADMIN_AUTH })).json();
  const deployment = workloads.items.find((w: { workload: string }) => w.workload === "Deployment/payments/payments-api");
  expect(incident.scoreBreakdown.blastRadius).toBe(deployment.score);
  expect(incident.score).toBeGreaterThan(0);
  const detail = await (await request.get(`/api/v1/incidents/${incident.id}`, { headers: ADMIN_AUTH })).json();
  expect(detail).toMatchObject({ resolvedBy: "controller_name", resolution: { kind: "ReplicaSet", name: replicaSet } });

  await login(page, USERS.analyst);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByTestId("incident-resolution")).toContainText(`matched by ReplicaSet name ${replicaSet} to Deployment payments/payments-api`);
  await page.screenshot({ path: "test-results/screens/incident-resolved-by-controller-name.png" });
  // the workload's name links to its page by its stable id (the same in every snapshot)
  expect(detail.workloadId).toBe(deployment.id);
  await page.getByTestId("incident-workload-link").click();
  await expect(page).toHaveURL(new RegExp(`/workloads/${deployment.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("payments-api");
});

test("a pod no controller made is an unknown workload, scored as a new pod of its namespace and drawn from itself", async ({ page, request }) => {
  const pod = `debug-${Date.now().toString(36)}`;
  const sent = await postFalco(request, [shellEvent(pod, "payments", "unknown-pod-node")]);
  expect(sent.accepted).toBe(1);
  const list = await (await request.get("/api/v1/incidents?cluster=demo-prod&namespace=payments&limit=200", { headers: ADMIN_AUTH })).json();
  const incident = list.items.find((i: { workload: { id: string } }) => i.workload.id === `Pod/payments/${pod}`);
  expect(incident).toMatchObject({ notInInventory: true, resolvedBy: "not_in_inventory", workloadId: null });
  // in the demo, payments' default service account holds no role and its policies admit only
  // labelled pods: a new pod there reaches nothing sensitive, and the score says why
  expect(incident.scoreBreakdown.basis).toBe("not_in_inventory");
  expect(incident.score).toBe(0);

  await login(page, USERS.analyst);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByText("not in the inventory: an unknown workload")).toBeVisible();
  await page.getByTestId("score").first().hover();
  await expect(page.getByRole("tooltip")).toContainText("unknown workload");
  await page.screenshot({ path: "test-results/screens/incident-unknown-pod.png" });
});
