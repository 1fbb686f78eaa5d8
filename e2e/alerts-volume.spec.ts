// Alerts at volume, as an analyst works them: the queue's search finds a command line inside an
// incident's alerts and says where it matched; a noisy incident's hundreds of identical alerts read
// as one group with its count, and every one of them can be reached a page at a time.
import { expect, test } from "@playwright/test";
import { ADMIN_AUTH, login, USERS } from "./helpers";

test("search finds what is inside the alerts, and says where", async ({ page }) => {
  await login(page, USERS.analyst);
  await page.goto("/incidents?status=all");
  await page.getByLabel("Search").fill("docker.sock");
  const row = page.getByTestId("incident-row").filter({ hasText: "Container Access to Host Sensitive Paths" });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("incident-matched")).toContainText("command line:");
  // the value around the match, the whole of it on hover
  await expect(row.getByTestId("incident-matched")).toContainText("var/run/docker.sock");
  await expect(row.getByTestId("incident-matched")).toHaveAttribute("title", /unix:\/\/\/var\/run\/docker\.sock/);
  await expect(page.getByTestId("incident-row")).toHaveCount(1);
  await expect(page.getByTestId("queue-histogram")).toContainText("Alerts, last 24 h");
  await page.screenshot({ path: "test-results/screens/queue-search-alerts.png" });
});

test("hundreds of identical alerts read as one group, and every alert is reachable a page at a time", async ({ page, request }) => {
  await login(page, USERS.analyst);
  await page.goto("/incidents?status=all&q=kubernetes-goat-home");
  await page.getByTestId("incident-link").filter({ hasText: "Launch Package Management Process in Container" }).first().click();
  await expect(page.getByTestId("incident-title")).toHaveText("Launch Package Management Process in Container");
  const alerts = page.getByRole("region", { name: "Alerts", exact: true });
  await alerts.scrollIntoViewIfNeeded();
  const group = alerts.getByTestId("alert-group").first();
  await expect(group).toBeVisible();
  const count = Number((await group.getByTestId("alert-group-count").textContent())!.replace("×", ""));
  expect(count).toBeGreaterThan(300);
  await expect(group.getByTestId("alert-group-cmdline")).toContainText("apk add --no-cache curl");
  await expect(alerts.getByTestId("alerts-summary")).toContainText(`${count} alerts · 1 kind`);
  await expect(alerts.getByTestId("alert-bars")).toBeVisible();
  // the wall of cards is gone: the section is short
  expect((await alerts.boundingBox())!.height).toBeLessThan(900);
  await alerts.scrollIntoViewIfNeeded();
  await alerts.screenshot({ path: "test-results/screens/alerts-grouped.png" });

  await group.getByRole("button", { name: "Show the latest alert" }).click();
  await expect(group.getByTestId("alert-card")).toHaveCount(1);
  await group.getByRole("button", { name: `List all ${count}` }).click();
  await expect(alerts.getByTestId("alerts-only")).toBeVisible();
  await expect(alerts.getByTestId("alert-card")).toHaveCount(25);
  await alerts.getByRole("button", { name: "Load more older alerts" }).click();
  await expect(alerts.getByTestId("alert-card")).toHaveCount(50);
  await expect(alerts).toContainText(`50 of ${count} shown`);
  // the oldest alert is there to reach: the API pages to the end with the same cursor the page uses
  const id = page.url().split("/incidents/")[1];
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const res = await request.get(`/api/v1/incidents/${id}/alerts?limit=200${cursor ? `&cursor=${cursor}` : ""}`, { headers: ADMIN_AUTH });
    expect(res.status()).toBe(200);
    const body: { items: { id: string }[]; nextCursor: string | null } = await res.json();
    for (const a of body.items) seen.add(a.id);
    cursor = body.nextCursor;
  } while (cursor);
  expect(seen.size).toBe(count);
});
