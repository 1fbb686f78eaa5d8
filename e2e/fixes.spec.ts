// The analyst asks what single change removes the danger: on the demo's health-check Deployment
// (privileged, with the containerd socket mounted) the cheapest fix set is proven, its edges are
// marked on the graph, and each change carries the patch and the command that applies it.
import { expect, test } from "@playwright/test";
import { login, USERS } from "./helpers";

type TCyLike = { edges: (sel: string) => { length: number } };

test("an analyst reads the cheapest fix set of a workload, sees it on the graph and copies its patch", async ({ page }) => {
  await login(page, USERS.analyst);
  await page.goto("/workloads");
  await page.getByRole("link", { name: "health-check-deployment" }).first().click();
  await expect(page.getByRole("heading", { name: "health-check-deployment", level: 1 })).toBeVisible();

  const cut = page.getByTestId("cut-critical");
  await expect(cut).toContainText("2 changes, cost 2", { timeout: 30_000 });
  await expect(cut).toContainText("proven cheapest");
  await expect(cut).toContainText('Drop privileged: true from container "health-check"');
  await expect(cut).toContainText('Remove hostPath volume "containerd-sock-volume"');

  await cut.getByRole("button", { name: "Show on the graph" }).click();
  const canvas = page.getByTestId("graph-canvas");
  await expect.poll(() => canvas.evaluate((el) => (el as HTMLElement & { __cy?: TCyLike }).__cy?.edges(".fix-removes").length ?? 0)).toBeGreaterThan(0);

  await cut.getByText('Drop privileged: true from container "health-check"').click();
  await expect(cut.locator("details[open] pre").filter({ hasText: "--type=merge --patch-file=fix.yaml" })).toContainText("kubectl -n 'default' patch deployment 'health-check-deployment'");
  await expect(cut.locator("details[open] pre").filter({ hasText: "privileged: false" })).toBeVisible();

  // every other change with its recomputed blast radius
  await expect(page.getByRole("table", { name: "What-if of each change" }).getByRole("row")).not.toHaveCount(1);
});
