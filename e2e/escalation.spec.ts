// The developer escalates an incident of their team with a note; the analyst finds it with the
// queue's Escalated filter, reads the note on the row and on the incident, and clears it.
import { expect, test } from "@playwright/test";
import { login, USERS } from "./helpers";

const NOTE = "not us: nothing of ours downloads binaries at run time";

test("a developer escalates, the analyst sees the badge, filters on it and clears it", async ({ browser }) => {
  const dev = await browser.newPage();
  await login(dev, USERS.developer);
  await dev.goto("/incidents?status=new");
  await dev.getByTestId("incident-link").first().click();
  await expect(dev.getByTestId("incident-title")).toBeVisible();
  const title = (await dev.getByTestId("incident-title").textContent())!.trim();
  await dev.getByRole("button", { name: "Escalate…" }).click();
  await dev.getByLabel("Note").fill(NOTE);
  await dev.getByRole("dialog").getByRole("button", { name: "Escalate" }).click();
  await expect(dev.getByTestId("escalation")).toContainText(NOTE);
  await expect(dev.getByRole("button", { name: "Escalate…" })).toHaveCount(0);
  // a developer cannot clear it
  await expect(dev.getByRole("button", { name: "Clear escalation" })).toHaveCount(0);
  await dev.close();

  const analyst = await browser.newPage();
  await login(analyst, USERS.analyst);
  await analyst.goto("/incidents?escalated=only");
  const rows = analyst.getByTestId("incident-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("incident-escalated")).toContainText(NOTE);
  await expect(rows.first()).toContainText(title);
  await rows.first().getByTestId("incident-link").click();
  await expect(analyst.getByTestId("escalation")).toContainText(NOTE);
  await analyst.getByRole("button", { name: "Clear escalation" }).click();
  await expect(analyst.getByTestId("escalation")).toHaveCount(0);
  await analyst.goto("/incidents?escalated=only");
  await expect(analyst.getByTestId("incident-row")).toHaveCount(0);
  await analyst.close();
});
