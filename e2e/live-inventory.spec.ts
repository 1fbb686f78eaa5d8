// A live inventory seen from the Sources page: a cluster whose collector streams watch events is
// "live" with its lag; one that uploads full inventories is "periodic" with its age.
import { expect, test } from "@playwright/test";
import { ADMIN_AUTH, login, USERS } from "./helpers";

const BASE = {
  apiVersion: "v1",
  kind: "List",
  items: [
    { apiVersion: "v1", kind: "Node", metadata: { name: "node-a" } },
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } },
    { apiVersion: "v1", kind: "Pod", metadata: { name: "api-1", namespace: "shop" }, spec: { nodeName: "node-a", containers: [{ name: "api", image: "shop/api:1" }] } },
  ],
};

test("Sources shows a live inventory with its lag, next to periodic ones", async ({ page, request }) => {
  const cluster = `live-e2e-${Date.now().toString(36)}`;
  expect((await request.post(`/api/v1/inventory?cluster=${cluster}`, { headers: ADMIN_AUTH, data: BASE })).status()).toBe(200);
  const res = await request.post(`/api/v1/inventory/changes?cluster=${cluster}&wait=1`, {
    headers: ADMIN_AUTH,
    data: { changes: [{ type: "ADDED", object: { apiVersion: "v1", kind: "Pod", metadata: { name: "api-2", namespace: "shop" }, spec: { nodeName: "node-a", containers: [{ name: "api", image: "shop/api:1" }] } } }] },
  });
  expect(res.status()).toBe(200);
  expect((await res.json()).snapshotId).toBeTruthy();

  await login(page, USERS.admin);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/settings/sources");
  const live = page.getByTestId(`inventory-${cluster}`);
  await expect(live).toContainText("live");
  await expect(live).toContainText("live changes");
  await expect(page.getByTestId(`inventory-lag-${cluster}`)).toHaveText(/^\d+\.\d s$/);
  const demo = page.getByTestId("inventory-demo-prod");
  await expect(demo).toContainText("periodic uploads");
  await page.screenshot({ path: "test-results/screens/sources-live-inventory.png", fullPage: true });
});
