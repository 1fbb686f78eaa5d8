// The reverse question, as an analyst asks it: from the Assets list (crown jewels first) to
// customer-db's page — every workload that could reach it, cheapest first, with its path and open
// incidents — and from a vertex on an incident's graph to the same page. A developer sees only
// their team's workloads there.
import { expect, test } from "@playwright/test";
import { login, USERS } from "./helpers";

test("an analyst finds who could reach customer-db, from the Assets list", async ({ page }) => {
  await login(page, USERS.analyst);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assets" }).click();
  await expect(page.getByRole("heading", { name: "Assets" })).toBeVisible();
  const rows = page.getByTestId("asset-row");
  await expect(rows.first()).toContainText("critical");
  await page.getByLabel("Search").fill("customer-db");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("SensitiveAsset/customer-db");
  await page.screenshot({ path: "test-results/screens/assets.png" });
  await rows.first().getByTestId("asset-link").click();

  await expect(page.getByTestId("vertex-id")).toHaveText("SensitiveAsset/customer-db");
  await expect(page.getByTestId("reachers-summary")).toContainText(/\d+ workloads? can reach it/);
  const reachers = page.getByTestId("reacher-row");
  await expect(reachers.first()).toBeVisible();
  const costs = (await reachers.locator("td:first-child").allTextContents()).map(Number);
  expect(costs.length).toBeGreaterThan(1);
  expect(costs).toEqual([...costs].sort((a, b) => a - b));
  // the payments API reaches it over the network, and the path says so
  const api = reachers.filter({ hasText: "payments-api" }).first();
  await expect(api).toContainText("NETWORK_REACH");
  await page.screenshot({ path: "test-results/screens/asset-reachers.png", fullPage: true });
});

test("a developer sees only their team's workloads among the reachers", async ({ page }) => {
  await login(page, USERS.developer);
  await page.goto(`/assets/${encodeURIComponent("SensitiveAsset/customer-db")}?cluster=demo-prod`);
  const reachers = page.getByTestId("reacher-row");
  await expect(reachers.first()).toBeVisible();
  for (const team of await reachers.locator("td:nth-child(3)").allTextContents()) expect(team.trim()).toBe("payments");
});
