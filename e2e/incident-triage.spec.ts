// The analyst's day: the ranked queue explains its scores, the incident page shows the attack
// graph with remediation per edge, and triage goes assign → contain → resolve.
import { expect, test, type Page } from "@playwright/test";
import { login, USERS } from "./helpers";

type TCyLike = {
  edges: (sel: string) => { length: number; [i: number]: { id: () => string; renderedMidpoint: () => { x: number; y: number } } };
  center: (el: unknown) => void;
};

/** Clicks an edge on the cytoscape canvas: one the alerts exercised if there is one, else any technique edge. */
async function clickGraphEdge(page: Page): Promise<string> {
  const canvas = page.getByTestId("graph-canvas");
  await canvas.scrollIntoViewIfNeeded();
  await expect
    .poll(() => canvas.evaluate((el) => ((el as HTMLElement & { __cy?: TCyLike }).__cy?.edges(":not(.structural)").length ?? 0)))
    .toBeGreaterThan(0);
  const point = await canvas.evaluate((el) => {
    const cy = (el as HTMLElement & { __cy: TCyLike }).__cy;
    const exercised = cy.edges(".exercised");
    const edge = exercised.length ? exercised[0] : cy.edges(":not(.structural)")[0];
    cy.center(edge);
    const mid = edge.renderedMidpoint();
    const box = el.getBoundingClientRect();
    return { x: box.left + mid.x, y: box.top + mid.y, id: edge.id() };
  });
  await page.mouse.click(point.x, point.y);
  return point.id;
}

test("an analyst opens the top incident, reads an edge's remediation, assigns it, contains and resolves it", async ({ page }) => {
  await login(page, USERS.analyst);
  await page.goto("/incidents");
  const top = page.getByTestId("incident-row").first();
  await expect(top).toBeVisible();

  // The score is never a bare number: hovering it explains tiers, severity and evidence.
  await top.getByTestId("score").hover();
  const why = page.getByRole("tooltip");
  await expect(why).toContainText("blast radius");
  await expect(why).toContainText("severity");
  await expect(why).toContainText(/critical asset/);
  await page.screenshot({ path: "test-results/screens/incident-queue.png" });

  const title = (await top.getByTestId("incident-link").textContent())!.trim();
  await top.getByTestId("incident-link").click();
  await expect(page).toHaveURL(/\/incidents\/[^/]+$/);
  await expect(page.getByTestId("incident-title")).toHaveText(title);

  const edgeId = await clickGraphEdge(page);
  const details = page.getByTestId("graph-details");
  await expect(details).toContainText(edgeId.split("|")[1]);
  await expect(details).toContainText("MITRE T");
  await expect(page.getByTestId("edge-remediation")).not.toHaveText("—");
  await page.screenshot({ path: "test-results/screens/incident-detail.png", fullPage: true });

  await page.getByRole("button", { name: "Assign to me" }).click();
  await expect(page.getByTestId("incident-assignee")).toHaveText("Sam Analyst");
  await page.getByRole("button", { name: "Contain", exact: true }).click();
  await expect(page.getByTestId("incident-status")).toHaveText("Contained");
  // resolving asks how the case ended
  await page.getByRole("button", { name: "Resolve…" }).click();
  const dialog = page.getByRole("dialog", { name: "Resolve the incident" });
  await expect(dialog.getByLabel("True positive")).toBeChecked();
  await dialog.getByLabel("Contained").check();
  await expect(dialog.getByRole("button", { name: "Resolve", exact: true })).toBeDisabled();
  await dialog.getByLabel("Note", { exact: true }).fill("Reverse shell from a vulnerable dependency: pod replaced, token rotated.");
  await page.screenshot({ path: "test-results/screens/resolve-dialog.png" });
  await dialog.getByRole("button", { name: "Resolve", exact: true }).click();
  await expect(page.getByTestId("incident-status")).toHaveText("Resolved");
  await expect(page.getByTestId("incident-disposition")).toHaveText("Closed as true positive · contained");
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();

  const activity = page.getByTestId("activity");
  await expect(activity).toContainText("assigned it to Sam Analyst");
  await expect(activity).toContainText("changed status from Contained to Resolved");
});

test("a false positive needs a reason, and the reason shows in the activity", async ({ page }) => {
  await login(page, USERS.analyst);
  await page.goto("/incidents");
  await page.getByTestId("incident-row").first().getByTestId("incident-link").click();
  await page.getByRole("button", { name: "Mark false positive" }).click();
  const dialog = page.getByRole("dialog", { name: "Mark as false positive" });
  await expect(dialog.getByRole("button", { name: "Mark false positive" })).toBeDisabled();
  await dialog.getByLabel("Reason").fill("Scheduled docker-bench run by the platform team");
  await dialog.getByRole("button", { name: "Mark false positive" }).click();
  await expect(page.getByTestId("incident-status")).toHaveText("False positive");
  await expect(page.getByTestId("activity")).toContainText("Scheduled docker-bench run by the platform team");
  await page.getByRole("button", { name: "Reopen" }).click();
  await expect(page.getByTestId("incident-status")).toHaveText("Investigating");
});

test("the queue keeps its filters in the URL and answers to j/k, x and Enter", async ({ page }) => {
  await login(page, USERS.analyst);
  // every status: the demo's platform team has closed incidents as well as open ones, so the list has rows to move through
  await page.goto("/incidents?status=all");
  await expect(page.getByTestId("incident-row").first()).toBeVisible();

  await page.getByLabel("Team").selectOption("platform");
  await expect(page).toHaveURL(/team=platform/);
  await expect(page).toHaveURL(/status=all/);
  await expect(page.getByTestId("incident-team").first()).toHaveText("platform");
  await page.reload();
  await expect(page.getByLabel("Team")).toHaveValue("platform");
  await expect(page.getByTestId("incident-row").first()).toBeVisible();
  for (const team of await page.getByTestId("incident-team").allTextContents()) expect(team.trim()).toBe("platform");

  const rows = page.getByTestId("incident-row");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("k");
  await expect(rows.nth(0)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("x");
  await expect(rows.nth(0).getByRole("checkbox")).toBeChecked();
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("1 selected");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("region", { name: "Bulk actions" })).toHaveCount(0);

  // Esc cleared the selection and kept the cursor: Enter opens the row it is on
  await expect(rows.nth(0)).toHaveAttribute("aria-current", "true");
  const title = (await rows.nth(0).getByTestId("incident-link").textContent())!.trim();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("incident-title")).toHaveText(title);
});
