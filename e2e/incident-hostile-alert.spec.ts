// Attacker-controlled alert fields (command line, file name, rule output) are shown as text:
// nothing in them runs, in the alert card, the raw event or the queue.
import { expect, test } from "@playwright/test";
import { ADMIN_AUTH, demoPod, login, postFalco, USERS } from "./helpers";

const CMDLINE = `<script>window.__xss=1</script> <img src=x onerror="window.__xss=2">`;
const FILE = `/tmp/<img src=x onerror="window.__xss=3">`;

test("a hostile command line renders literally and executes nothing", async ({ page, request }) => {
  const pod = await demoPod(request, "payments", "payments-api-");
  const rule = `Shell <img src=x onerror="window.__xss=4">`;
  const sent = await postFalco(request, [
    {
      output: `Notice shell spawned ${CMDLINE}`,
      priority: "Notice",
      rule,
      time: new Date().toISOString(),
      source: "syscall",
      hostname: "e2e-node",
      tags: ["T1059", "mitre_execution"],
      output_fields: {
        "k8s.ns.name": "payments",
        "k8s.pod.name": pod,
        "container.name": "api",
        "proc.name": "sh",
        "proc.cmdline": CMDLINE,
        "proc.pname": "<b>parent</b>",
        "user.name": "root",
        "fd.name": FILE,
      },
    },
  ]);
  expect(sent.accepted).toBe(1);
  const list = await (await request.get("/api/v1/incidents?q=payments-api&limit=200", { headers: ADMIN_AUTH })).json();
  const incident = list.items.find((i: { title: string }) => i.title === rule);
  expect(incident).toBeTruthy();

  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await login(page, USERS.analyst);

  await page.goto("/incidents?q=payments-api");
  const row = page.getByTestId("incident-row").filter({ hasText: "Shell <img" });
  await expect(row.getByTestId("incident-link")).toHaveText(rule);
  await expect(row.locator("img")).toHaveCount(0);

  await row.getByTestId("incident-link").click();
  await expect(page.getByTestId("incident-title")).toHaveText(rule);
  const card = page.getByTestId("alert-card").first();
  await expect(card.getByTestId("alert-cmdline")).toHaveText(CMDLINE);
  await expect(card).toContainText(FILE);
  await expect(card).toContainText("<b>parent</b>");
  await card.getByRole("button", { name: "Show raw event (JSON)" }).click();
  await expect(card.getByTestId("alert-raw")).toContainText("<script>window.__xss=1</script>");

  await expect(page.locator("[data-testid=alert-card] img, [data-testid=alert-card] script, [data-testid=incident-title] img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await page.screenshot({ path: "test-results/screens/incident-hostile-alert.png", fullPage: true });
});
