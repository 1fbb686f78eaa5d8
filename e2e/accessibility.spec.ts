// Every page passes axe-core (WCAG 2.1 A and AA) in both themes, and an analyst can do the day's
// work with the keyboard alone: filter the queue, open an incident, assign it, read an edge's
// remediation on the graph, and mark it a false positive with a reason.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_AUTH, BASE_URL_FOR_COOKIES, login, postFalco, shellEvent, USERS } from "./helpers";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " — " + n.failureSummary?.split("\n").slice(1, 2).join("")).join("\n    ")}`);
  expect(summary, `${what}: axe violations`).toEqual([]);
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, matches: (el: Element) => boolean, max = 80, reverse = false) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(reverse ? "Shift+Tab" : "Tab");
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return;
  }
  throw new Error("the element was not reached with the keyboard");
}

const focusIsOnBody = (page: Page) => page.evaluate(() => document.activeElement === document.body || document.activeElement === null);

for (const theme of ["dark", "light"] as const) {
  test(`axe-core finds no WCAG 2.1 A/AA violation on any page (${theme} theme)`, async ({ page, context, request }) => {
    test.setTimeout(120_000);
    await context.addCookies([{ name: "theme", value: theme, url: BASE_URL_FOR_COOKIES }]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expectNoViolations(page, `/login (${theme})`);

    await login(page, USERS.admin);
    const incidents = (await (await request.get("/api/v1/incidents?status=new&limit=1", { headers: ADMIN_AUTH })).json()).items;
    const workloads = (await (await request.get("/api/v1/workloads?limit=1", { headers: ADMIN_AUTH })).json()).items;
    const pages = [
      "/incidents",
      `/incidents/${incidents[0].id}`,
      "/workloads",
      `/workloads/${workloads[0].id}`,
      "/choke-points",
      "/assets",
      `/assets/${encodeURIComponent("SensitiveAsset/customer-db")}?cluster=demo-prod`,
      "/my-workloads",
      "/ownership",
      "/settings",
      "/settings/sources",
      "/settings/teams",
      "/settings/tokens",
      "/settings/users",
      "/settings/audit",
      "/forbidden",
    ];
    for (const path of pages) {
      await page.goto(path);
      await expect(page.locator("main h1, main h2").first()).toBeVisible();
      if (path.startsWith("/incidents/") || path.startsWith("/workloads/")) {
        await expect(page.getByTestId("graph-canvas")).toHaveAttribute("data-laid-out", /\d+/);
      }
      await page.waitForLoadState("networkidle");
      await expectNoViolations(page, `${path} (${theme})`);
    }
    // the false-positive dialog, open
    await page.goto(`/incidents/${incidents[0].id}`);
    await page.getByRole("button", { name: "Mark false positive" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectNoViolations(page, `false-positive dialog (${theme})`);
  });
}

test("an analyst works an incident with the keyboard alone", async ({ page, request }) => {
  test.setTimeout(90_000);
  // an incident of its own, so this test changes nothing another test reads
  const pod = `kbd-only-${Date.now().toString(36)}`;
  await postFalco(request, [shellEvent(pod, "payments", "kbd-node")]);
  await login(page, USERS.analyst);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/incidents");
  await expect(page.getByTestId("incident-row").first()).toBeVisible();

  // Skip to content, then filter the queue: the search field is the first stop after the skip link.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await tabTo(page, (el) => el.id === "queue-q", 5);
  await page.keyboard.type(pod);
  await expect(page).toHaveURL(new RegExp(`q=${pod}`));
  await expect(page.getByTestId("incident-row")).toHaveCount(1);
  // the severity filter by arrow keys, then "Clear filters": focus goes back to the search field
  await tabTo(page, (el) => el.id === "queue-severity", 10);
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(/severity=/);
  await tabTo(page, (el) => el.textContent?.trim() === "Clear filters", 20);
  await page.keyboard.press("Enter");
  await expect(page.locator("#queue-q")).toBeFocused();
  await expect(page).not.toHaveURL(/severity=/);

  // open the incident from the queue
  await page.keyboard.type(pod);
  await expect(page.getByTestId("incident-row")).toHaveCount(1);
  await tabTo(page, (el) => el.getAttribute("data-testid") === "incident-link", 40);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("incident-title")).toBeVisible();

  // assign: the button goes away once assigned, focus stays in the triage bar, and the result is said
  await tabTo(page, (el) => el.textContent?.trim() === "Assign to me", 40);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("incident-assignee")).toContainText("analyst", { ignoreCase: true });
  await expect(page.getByTestId("triage-announcement")).toHaveText("Assigned to you.");
  expect(await focusIsOnBody(page)).toBe(false);

  // mark false positive: the dialog focuses the reason field, so typing (with spaces) never closes it
  await tabTo(page, (el) => el.textContent?.trim() === "Mark false positive", 20);
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Reason")).toBeFocused();
  await page.keyboard.type("our own debugging shell, opened by the on-call engineer");
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Tab"); // Cancel
  await page.keyboard.press("Tab"); // Mark false positive
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("incident-status")).toContainText("False positive");
  await expect(page.getByTestId("triage-announcement")).toHaveText("Status set to False positive.");
  expect(await focusIsOnBody(page)).toBe(false);
});

test("a keyboard user reaches the graph's edges and reads their remediation", async ({ page, request }) => {
  await login(page, USERS.analyst);
  await page.setViewportSize({ width: 1440, height: 900 });
  const top = (await (await request.get("/api/v1/incidents?status=new&limit=1", { headers: ADMIN_AUTH })).json()).items[0];
  await page.goto(`/incidents/${top.id}`);
  const canvas = page.getByTestId("graph-canvas");
  await expect(canvas).toHaveAttribute("data-laid-out", /\d+/);
  await tabTo(page, (el) => el.getAttribute("data-testid") === "graph-canvas", 120);
  await expect(canvas).toBeFocused();
  // Home: the workload; → follows its edges until one carries a remediation
  await page.keyboard.press("Home");
  const details = page.getByTestId("graph-details");
  let found = false;
  for (let i = 0; i < 12 && !found; i++) {
    await page.keyboard.press("ArrowRight");
    const remediation = details.getByTestId("edge-remediation");
    found = (await remediation.count()) > 0 && !/^—$/.test((await remediation.textContent()) ?? "—");
  }
  expect(found, "an edge with a remediation, reached by arrow keys").toBe(true);
  await expect(canvas).toBeFocused();
  // the path list marks the same selection
  await page.getByText(/Paths as a list/).click();
  await expect(page.locator("[data-testid=graph-details]")).toContainText("Remediation");
  await expect(page.locator("details [aria-current=true]").first()).toBeVisible();
  await page.screenshot({ path: "test-results/screens/graph-keyboard-selection.png" });
});
