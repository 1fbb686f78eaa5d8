// A developer sees their own teams' incidents only: the queue holds nothing else, and another
// team's incident does not exist for them (a 404 page, not a 403).
import { expect, test } from "@playwright/test";
import { ADMIN_AUTH, login, USERS } from "./helpers";

test("a payments developer sees only payments incidents and a 404 page for a platform incident", async ({ page, request }) => {
  const others = await (await request.get("/api/v1/incidents?team=platform&limit=1", { headers: ADMIN_AUTH })).json();
  const foreign: string = others.items[0].id;

  await login(page, USERS.developer);
  await page.goto("/incidents?status=all");
  await expect(page.getByTestId("incident-row").first()).toBeVisible();
  const teams = (await page.getByTestId("incident-team").allTextContents()).map((t) => t.trim());
  expect(teams.length).toBeGreaterThan(0);
  expect(new Set(teams)).toEqual(new Set(["payments"]));
  // Developers cannot triage: no row selection, no assign shortcut.
  await expect(page.getByRole("checkbox", { name: "Select all incidents shown" })).toHaveCount(0);

  // Their own new incident opens, with acknowledge as the only status action.
  await page.goto("/incidents?status=new");
  await page.getByTestId("incident-link").first().click();
  await expect(page.getByTestId("incident-title")).toBeVisible();
  await expect(page.getByRole("button", { name: "Acknowledge" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Contain" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Assign to me" })).toHaveCount(0);

  const res = await page.goto(`/incidents/${foreign}`);
  expect(res!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Incident not found" })).toBeVisible();
  expect((await page.request.get(`/api/v1/incidents/${foreign}`)).status()).toBe(404);
  expect((await page.request.get(`/api/v1/incidents/${foreign}/activity`)).status()).toBe(404);
});

test("a payments developer sees only payments workloads and a 404 page for another team's workload", async ({ page, request }) => {
  const all = await (await request.get("/api/v1/workloads?cluster=demo-prod&limit=200", { headers: ADMIN_AUTH })).json();
  const foreign = all.items.find((w: { team: string | null }) => w.team !== null && w.team !== "payments");
  const unowned = all.items.find((w: { team: string | null }) => w.team === null);
  expect(foreign, "a workload of another team in the demo").toBeTruthy();

  await login(page, USERS.developer);
  await page.goto("/workloads");
  await expect(page.getByTestId("workload-row").first()).toBeVisible();
  const listed = await page.getByTestId("workload-row").allTextContents();
  expect(listed.length).toBeGreaterThan(0);
  expect(listed.every((row) => row.includes("payments"))).toBe(true);
  // their own workload opens by its stable id
  await page.getByTestId("workload-link").first().click();
  await expect(page).toHaveURL(/\/workloads\/wl_[0-9a-f]{24}$/);

  for (const w of [foreign, unowned].filter(Boolean)) {
    const res = await page.goto(`/workloads/${w.id}`);
    expect(res!.status()).toBe(404);
    expect((await page.request.get(`/api/v1/workloads/${w.id}`)).status()).toBe(404);
  }
});
