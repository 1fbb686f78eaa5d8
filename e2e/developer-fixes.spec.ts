// The developer's flow: "My workloads" lists their team's workloads only, each with the change that
// cuts most and the cheapest fix set; the full fix list opens in place; their choke points cover
// their own workloads only, and another team's workload page and fixes stay closed to them.
import { expect, test } from "@playwright/test";
import { stableWorkloadId } from "../lib/snapshots/workload-id";
import { login, USERS } from "./helpers";

test("a developer sees the fixes of their own team's workloads, and nobody else's", async ({ page }) => {
  await login(page, USERS.developer);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My workloads" }).click();
  await expect(page.getByRole("heading", { name: "My workloads", level: 1 })).toBeVisible();

  const cards = page.getByTestId("my-workload");
  await expect(cards.first()).toBeVisible();
  const names = await cards.locator("a").first().allTextContents();
  expect(names.length).toBeGreaterThan(0);
  for (const meta of await cards.locator("p.text-xs").allTextContents()) if (meta.includes("team ")) expect(meta).toContain("team payments");

  const postgres = cards.filter({ hasText: "postgres" }).first();
  await expect(postgres.getByTestId("fix-summary")).toContainText("proven cheapest", { timeout: 30_000 });
  await expect(postgres.getByTestId("fix-summary")).toContainText('Stop mounting Secret "postgres-credentials"');
  await postgres.getByRole("button", { name: "All fixes" }).click();
  await expect(postgres.getByRole("table", { name: "What-if of each change" })).toBeVisible();

  // choke points: only the payments team's workloads are counted or named
  await page.goto("/choke-points");
  const rows = page.getByTestId("choke-row");
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const helped = await rows.locator("td:nth-child(6) a").allTextContents();
  expect(helped.length).toBeGreaterThan(0);
  for (const name of helped) expect(["payments-api", "postgres", "checkout-web"]).toContain(name);

  // another team's workload: not listed, and its fixes are not theirs to read
  const res = await page.request.get("/api/v1/workloads?limit=200");
  const listed: string[] = (await res.json()).items.map((w: { name: string }) => w.name);
  expect(listed).toContain("postgres");
  expect(listed).not.toContain("docker-bench-security");
  const other = stableWorkloadId("demo-prod", "DaemonSet/default/docker-bench-security");
  expect((await page.request.get(`/api/v1/workloads/${other}/fixes`)).status()).toBe(404);
});
