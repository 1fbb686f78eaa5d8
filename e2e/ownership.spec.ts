// A manager finds an unowned workload that reaches a critical asset, gives it to the payments team
// in place, sees the SLA list, accepts the risk of one edge of the workload's graph with an expiry,
// and the payments developer then sees the workload and the accepted risk; response times render
// exactly what the API answers. On a cluster of its own, so the demo's ownership stays as other
// specs expect it.
import { expect, test } from "@playwright/test";
import { ADMIN_AUTH, login, USERS } from "./helpers";

const CLUSTER = "e2e-ownership";
const INVENTORY = `
apiVersion: v1
kind: ServiceAccount
metadata: { name: ledger, namespace: ledger }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: read-secrets, namespace: ledger }
rules: [{ apiGroups: [""], resources: [secrets], verbs: [get, list] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ledger-reads-secrets, namespace: ledger }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-secrets }
subjects: [{ kind: ServiceAccount, name: ledger, namespace: ledger }]
---
apiVersion: v1
kind: Secret
metadata: { name: ledger-db, namespace: ledger, labels: { blastradius.dev/sensitivity: critical } }
type: Opaque
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ledger-api, namespace: ledger }
spec: { template: { spec: { serviceAccountName: ledger, containers: [{ name: api, image: ledger/api:1 }] } } }
`;

test("a manager gives an unowned critical-reach workload to a team, accepts a risk with an expiry, and that team's developer sees it", async ({ page, request, browser }) => {
  test.setTimeout(120_000);
  const up = await request.post(`/api/v1/inventory?cluster=${CLUSTER}`, { headers: { ...ADMIN_AUTH, "content-type": "application/yaml" }, data: INVENTORY });
  expect(up.status()).toBe(200);

  await login(page, USERS.manager);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/ownership");
  // the response-times table renders exactly the API's groups
  const api = await (await page.request.get(`/api/v1/metrics/response?groupBy=tier&from=${new Date(Date.now() - 84 * 86_400_000).toISOString()}&to=${new Date().toISOString()}`)).json();
  await expect(page.getByTestId("response-row")).toHaveCount(api.groups.length);
  for (const [i, g] of api.groups.entries()) {
    const row = page.getByTestId("response-row").nth(i);
    await expect(row.locator("td").nth(0)).toHaveText(g.group);
    await expect(row.locator("td").nth(1)).toHaveText(String(g.count));
    await expect(row.locator("td").nth(2)).toHaveText(String(g.open));
  }
  await page.screenshot({ path: "test-results/screens/ownership.png" });

  // the unowned workload of the new cluster, which reaches a critical Secret
  await page.getByRole("search", { name: "Filter workloads by owner" }).getByLabel("Cluster").selectOption(CLUSTER);
  const row = page.locator('[data-testid="ownership-row"][data-workload="Deployment/ledger/ledger-api"]');
  await expect(row.getByTestId("ownership-team")).toHaveText("Unowned");
  await expect(row).toContainText("1 critical");
  await row.getByRole("button", { name: "Assign owner" }).click();
  await page.getByLabel("Owner", { exact: true }).selectOption("payments");
  await page.getByLabel(/every workload of namespace ledger/).check();
  await page.getByRole("button", { name: "Save owner" }).click();
  await expect(page.getByTestId("ownership-said")).toContainText("Namespace ledger now belongs to payments");
  await expect(row.getByTestId("ownership-team")).toHaveText("payments");
  await expect(row).toContainText("Namespace rule");
  await expect(page.getByRole("table", { name: "Ownership rules" })).toContainText("every workload of namespace ledger");
  await page.screenshot({ path: "test-results/screens/ownership-assigned.png" });

  // the SLA list: targets per tier, and the incidents past or near them
  const slaApi = await (await page.request.get("/api/v1/sla")).json();
  await expect(page.getByText("Targets from the first alert")).toBeVisible();
  await expect(page.getByRole("region", { name: "Breached now" }).getByTestId("sla-row")).toHaveCount(slaApi.breached.length);
  await expect(page.getByRole("region", { name: "At risk" }).getByTestId("sla-row")).toHaveCount(slaApi.atRisk.length);

  // accept the risk of the workload's first step (its identity) until a date 60 days on
  await row.getByRole("link", { name: /ledger-api/ }).click();
  await expect(page.getByRole("heading", { name: "ledger-api", exact: true })).toBeVisible();
  await page.getByText("Paths as a list").click();
  await page.getByRole("button", { name: /^IDENTITY_ASSUME from Container\/ledger\// }).first().click();
  await page.getByRole("button", { name: "Accept this edge's risk…" }).click();
  const until = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const dialog = page.getByRole("dialog", { name: "Accept the risk of one edge" });
  await expect(dialog.getByTestId("accept-edge")).toContainText("IDENTITY_ASSUME");
  await dialog.getByLabel("Reason").fill("Ledger moves to Vault-issued credentials next sprint");
  await dialog.getByLabel("Accepted until").fill(until);
  await page.screenshot({ path: "test-results/screens/accept-risk.png" });
  await dialog.getByRole("button", { name: "Accept risk" }).click();
  await expect(dialog).toBeHidden();
  const accepted = page.getByTestId("accepted-risks");
  await expect(accepted).toContainText(`accepted until ${until} by Morgan Manager`);
  await expect(accepted).toContainText("Vault-issued credentials");
  await expect(page.getByTestId("edge-accepted")).toContainText(`accepted until ${until}`);
  await page.screenshot({ path: "test-results/screens/accepted-risk.png" });

  // listed for managers, with its owner and expiry
  await page.goto("/ownership");
  const risks = page.getByRole("table", { name: "Accepted risks" });
  await expect(risks.getByTestId("accepted-risk-row").filter({ hasText: "ledger-api" })).toContainText(until);

  // the payments developer now sees the workload, and the accepted risk on it
  const dev = await browser.newPage();
  await login(dev, USERS.developer);
  await dev.goto(`/workloads?cluster=${CLUSTER}`);
  await expect(dev.getByTestId("workload-link").filter({ hasText: "ledger-api" })).toBeVisible();
  await dev.getByTestId("workload-link").filter({ hasText: "ledger-api" }).click();
  await expect(dev.getByTestId("accepted-risks")).toContainText(`accepted until ${until} by Morgan Manager`);
  await expect(dev.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await expect(dev.getByRole("button", { name: "Accept risk…" })).toHaveCount(0);
  await dev.close();
});
