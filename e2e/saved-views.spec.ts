// Saved queue views as an analyst uses them: filter the queue, save the filters under a name, come
// back to the unfiltered queue, open the view again from the list, and delete it.
import { expect, test } from "@playwright/test";
import { login, USERS } from "./helpers";

test("an analyst saves a queue view, opens it again and deletes it", async ({ page }) => {
  await login(page, USERS.analyst);
  await page.goto("/incidents?status=all");
  await page.getByLabel("Team").selectOption("platform");
  await expect(page).toHaveURL(/team=platform/);
  await page.getByRole("button", { name: "Save view…" }).click();
  const dialog = page.getByRole("dialog", { name: "Save this view" });
  await dialog.getByLabel("Name").fill("Platform, every status");
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel("Saved view", { exact: true })).toHaveValue(/.+/);

  await page.goto("/incidents");
  await expect(page).not.toHaveURL(/team=platform/);
  await page.getByLabel("Saved view", { exact: true }).selectOption({ label: "Platform, every status" });
  await expect(page).toHaveURL(/team=platform/);
  await expect(page).toHaveURL(/status=all/);
  await expect(page.getByLabel("Team")).toHaveValue("platform");
  for (const team of await page.getByTestId("incident-team").allTextContents()) expect(team.trim()).toBe("platform");

  await page.getByRole("button", { name: "Delete the saved view Platform, every status" }).click();
  await expect(page.getByLabel("Saved view", { exact: true }).locator("option", { hasText: "Platform, every status" })).toHaveCount(0);
});
