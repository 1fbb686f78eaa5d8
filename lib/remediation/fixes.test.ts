import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildAttackGraph } from "../graph/build-graph";
import { parseInventory } from "../inventory/parse-inventory";
import { applyToPodSpec, canNarrow, narrowRules } from "./fixes";
import { fixPatch } from "./patch";

describe("narrowing a role", () => {
  it("takes the verbs away from the resource only, keeping the rest of the rule", () => {
    const rules = [{ apiGroups: [""], resources: ["secrets", "configmaps"], verbs: ["get", "list", "create"] }];
    expect(narrowRules(rules, "read-secrets")).toEqual([
      { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "create"] },
      { apiGroups: [""], resources: ["secrets"], verbs: ["create"] },
    ]);
  });

  it("spells out `*` verbs before removing some, and drops a rule left empty", () => {
    expect(narrowRules([{ apiGroups: [""], resources: ["pods/exec"], verbs: ["*"] }], "exec-pods")).toEqual([
      { apiGroups: [""], resources: ["pods/exec"], verbs: ["get", "list", "watch", "update", "patch", "delete", "deletecollection"] },
    ]);
    expect(narrowRules([{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "watch"] }], "read-secrets")).toEqual([]);
  });

  it("is not offered when the permission comes from `resources: [\"*\"]` (narrowing would rewrite every other resource)", () => {
    expect(canNarrow([{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }], "read-secrets")).toBe(false);
    expect(canNarrow([{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }], "read-secrets")).toBe(true);
    expect(canNarrow([{ apiGroups: [""], resources: ["pods"], verbs: ["list"] }], "read-secrets")).toBe(false);
  });
});

describe("pod-template fixes", () => {
  it("no-token also removes the token volume admission injected, and its mounts", () => {
    const spec = {
      containers: [{ name: "app", volumeMounts: [{ name: "kube-api-access-x7k2p", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" }, { name: "data", mountPath: "/data" }] }],
      volumes: [{ name: "kube-api-access-x7k2p", projected: { sources: [{ serviceAccountToken: { path: "token" } }] } }, { name: "data", emptyDir: {} }],
    };
    applyToPodSpec(spec, { kind: "no-token", workload: "Deployment/a/b" });
    expect(spec).toEqual({ automountServiceAccountToken: false, containers: [{ name: "app", volumeMounts: [{ name: "data", mountPath: "/data" }] }], volumes: [{ name: "data", emptyDir: {} }] });
  });

  it("remove-secret-mount drops env, envFrom and the volume when no other container mounts it", () => {
    const spec = {
      containers: [
        { name: "app", env: [{ name: "K", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }, { name: "X", value: "1" }], envFrom: [{ secretRef: { name: "s" } }], volumeMounts: [{ name: "sv", mountPath: "/s" }] },
        { name: "side", volumeMounts: [] },
      ],
      volumes: [{ name: "sv", secret: { secretName: "s" } }],
    };
    applyToPodSpec(spec, { kind: "remove-secret-mount", workload: "Deployment/a/b", container: "app", secret: "s" });
    expect(spec.containers[0]).toEqual({ name: "app", env: [{ name: "X", value: "1" }], envFrom: [], volumeMounts: [] });
    expect(spec.volumes).toEqual([]);
  });
});

describe("patches", () => {
  const text = [
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: nginx, securityContext: {privileged: true}}]\n",
    "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: \"x';rm -rf /\", namespace: shop}\nroleRef: {kind: ClusterRole, name: view}\nsubjects: [{kind: ServiceAccount, name: default}]\n",
  ].join("");
  const inv = parseInventory([{ name: "p.yaml", text }]);
  const graph = buildAttackGraph(inv, { cluster: "p" });

  it("a pod-template fix is a merge patch of the controller with the whole fixed field, applied by one command", () => {
    const patch = fixPatch(inv, { kind: "drop-privileged", workload: "Deployment/shop/web", container: "app" }, graph);
    expect(patch.format).toBe("merge-patch");
    expect(parse(patch.yaml)).toEqual({ spec: { template: { spec: { containers: [{ name: "app", image: "nginx", securityContext: { privileged: false } }] } } } });
    expect(patch.command).toBe("kubectl -n 'shop' patch deployment 'web' --type=merge --patch-file=fix.yaml");
  });

  it("a hostile binding name reaches the delete command as one quoted word", () => {
    const patch = fixPatch(inv, { kind: "delete-binding", bindingKind: "RoleBinding", namespace: "shop", binding: "x';rm -rf /" }, graph);
    expect(patch.command).toBe(`kubectl -n 'shop' delete rolebinding 'x'\\'';rm -rf /'`);
  });

  it("a policy fix is the NetworkPolicy selecting the workload's pods by its selector", () => {
    const patch = fixPatch(inv, { kind: "block-imds", workload: "Deployment/shop/web" }, graph);
    const policy = parse(patch.yaml);
    expect(policy).toMatchObject({ kind: "NetworkPolicy", metadata: { namespace: "shop" }, spec: { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Egress"] } });
    expect(JSON.stringify(policy.spec.egress)).toContain("169.254.169.254/32");
  });
});
