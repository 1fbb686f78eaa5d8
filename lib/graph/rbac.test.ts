import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseInventory } from "../inventory/parse-inventory";
import type { TInventorySource } from "../inventory/types";
import {
  allows,
  allowsNonResourceURL,
  permissionSetsForServiceAccount,
  resolvePermissionSets,
  subjectMatchesServiceAccount,
  type TAccessRequest,
  type TPermissionSet,
  type TPolicyRule,
} from "./rbac";

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
const fixture = (relative: string): TInventorySource => ({ name: relative, text: readFileSync(FIXTURES + relative, "utf8") });
const fromFixtures = (...files: string[]) => resolvePermissionSets(parseInventory(files.map(fixture)));
const fromYaml = (text: string) => resolvePermissionSets(parseInventory([{ name: "test.yaml", text }]));
const byId = (sets: TPermissionSet[], id: string) => {
  const found = sets.find((set) => set.id === id);
  if (!found) throw new Error(`no ${id} among ${sets.map((s) => s.id).join(", ")}`);
  return found;
};

const rule = (partial: Partial<TPolicyRule>): TPolicyRule => ({ apiGroups: [""], resources: [], verbs: [], resourceNames: [], nonResourceURLs: [], ...partial });
const clusterWide = (...rules: TPolicyRule[]): TPermissionSet => ({
  id: "PermissionSet/*/r::b",
  roleKind: "ClusterRole",
  roleName: "r",
  bindingKind: "ClusterRoleBinding",
  bindingName: "b",
  namespace: null,
  rules,
  subjects: [],
});
const req = (partial: Partial<TAccessRequest>): TAccessRequest => ({ verb: "get", group: "", resource: "secrets", namespace: "default", ...partial });

describe("allows: rule matching as the Kubernetes authorizer does it", () => {
  it("treats * as any verb, group and resource, subresources included", () => {
    const admin = clusterWide(rule({ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }));
    expect(allows(admin, req({ verb: "escalate", group: "rbac.authorization.k8s.io", resource: "clusterroles", namespace: null }))).toBe(true);
    expect(allows(admin, req({ verb: "create", resource: "pods", subresource: "exec" }))).toBe(true);
    const anyVerb = clusterWide(rule({ resources: ["secrets"], verbs: ["*"] }));
    expect(allows(anyVerb, req({ verb: "list" }))).toBe(true);
    expect(allows(anyVerb, req({ verb: "list", group: "apps" }))).toBe(false);
  });

  it("needs the exact resource/subresource, or */subresource; resource/* is no wildcard in Kubernetes", () => {
    const exec = req({ verb: "create", resource: "pods", subresource: "exec" });
    expect(allows(clusterWide(rule({ resources: ["pods"], verbs: ["create"] })), exec)).toBe(false);
    expect(allows(clusterWide(rule({ resources: ["pods/exec"], verbs: ["create"] })), exec)).toBe(true);
    expect(allows(clusterWide(rule({ resources: ["*/exec"], verbs: ["create"] })), exec)).toBe(true);
    expect(allows(clusterWide(rule({ resources: ["*/exec"], verbs: ["create"] })), req({ verb: "create", resource: "pods" }))).toBe(false);
    expect(allows(clusterWide(rule({ resources: ["pods/*"], verbs: ["create"] })), exec)).toBe(false);
    expect(allows(clusterWide(rule({ resources: ["pods/exec"], verbs: ["create"] })), req({ verb: "create", resource: "pods" }))).toBe(false);
  });

  it("narrows by resourceNames, which never match a request without a name", () => {
    const one = clusterWide(rule({ resources: ["secrets"], verbs: ["get", "list", "watch"], resourceNames: ["db-password"] }));
    expect(allows(one, req({ name: "db-password" }))).toBe(true);
    expect(allows(one, req({ name: "other" }))).toBe(false);
    expect(allows(one, req({ verb: "list" }))).toBe(false);
    expect(allows(one, req({ verb: "watch" }))).toBe(false);
  });

  it("scopes a namespaced grant to its namespace", () => {
    const namespaced: TPermissionSet = { ...clusterWide(rule({ resources: ["secrets"], verbs: ["list"] })), namespace: "payments" };
    expect(allows(namespaced, req({ verb: "list", namespace: "payments" }))).toBe(true);
    expect(allows(namespaced, req({ verb: "list", namespace: "default" }))).toBe(false);
    expect(allows(namespaced, req({ verb: "list", namespace: null }))).toBe(false);
    expect(allows({ ...namespaced, namespace: null }, req({ verb: "list", namespace: "default" }))).toBe(true);
  });

  it("grants non-resource URLs only cluster-wide, with trailing * as a prefix", () => {
    const [prometheus] = fromFixtures("inventory/kube-prometheus/prometheus-clusterRole.yaml", "inventory/kube-prometheus/prometheus-clusterRoleBinding.yaml");
    expect(allowsNonResourceURL(prometheus, "get", "/metrics")).toBe(true);
    expect(allowsNonResourceURL(prometheus, "get", "/healthz")).toBe(false);
    expect(allowsNonResourceURL(clusterWide(rule({ verbs: ["get"], nonResourceURLs: ["/api/*"] })), "get", "/api/v1")).toBe(true);
    expect(allowsNonResourceURL({ ...prometheus, namespace: "monitoring" }, "get", "/metrics")).toBe(false);
  });
});

describe("resolvePermissionSets on real manifests", () => {
  it("lets ingress-nginx's controller list Secrets cluster-wide through its ClusterRoleBinding", () => {
    const sets = fromFixtures("inventory/ingress-nginx-deploy.yaml");
    const controller = permissionSetsForServiceAccount(sets, "ingress-nginx", "ingress-nginx");
    expect(controller.map((set) => set.id)).toEqual(["PermissionSet/*/ingress-nginx::ingress-nginx", "PermissionSet/ingress-nginx/ingress-nginx::ingress-nginx"]);
    const [crb, rb] = controller;
    expect(allows(crb, { verb: "list", group: "", resource: "secrets", namespace: null })).toBe(true);
    expect(allows(crb, { verb: "get", group: "", resource: "secrets", name: "x", namespace: "kube-system" })).toBe(false);
    // the Role adds get, in its own namespace only
    expect(allows(rb, { verb: "get", group: "", resource: "secrets", name: "x", namespace: "ingress-nginx" })).toBe(true);
    expect(allows(rb, { verb: "get", group: "", resource: "secrets", name: "x", namespace: "default" })).toBe(false);
    expect(allows(rb, { verb: "update", group: "coordination.k8s.io", resource: "leases", name: "ingress-nginx-leader", namespace: "ingress-nginx" })).toBe(true);
    expect(allows(rb, { verb: "update", group: "coordination.k8s.io", resource: "leases", name: "other", namespace: "ingress-nginx" })).toBe(false);
  });

  it("merges the kube-prometheus folder into sets sorted by id, each subject namespaced", () => {
    const dir = "inventory/kube-prometheus";
    const files = readdirSync(FIXTURES + dir).map((file) => `${dir}/${file}`);
    const sets = fromFixtures(...files);
    expect(sets.map((set) => set.id)).toEqual([...sets.map((set) => set.id)].sort());
    // 12 bindings; system:auth-delegator and extension-apiserver-authentication-reader are built in, so absent
    expect(sets).toHaveLength(10);
    expect(sets.some((set) => set.roleName === "system:auth-delegator")).toBe(false);
    const config = byId(sets, "PermissionSet/default/prometheus-k8s::prometheus-k8s");
    expect(config).toMatchObject({ roleKind: "Role", bindingKind: "RoleBinding", namespace: "default" });
    expect(config.subjects).toEqual([{ kind: "ServiceAccount", name: "prometheus-k8s", namespace: "monitoring" }]);
    const prometheus = permissionSetsForServiceAccount(sets, "monitoring", "prometheus-k8s").map((set) => set.id);
    expect(prometheus).toEqual([
      "PermissionSet/*/prometheus-k8s::prometheus-k8s",
      "PermissionSet/default/prometheus-k8s::prometheus-k8s",
      "PermissionSet/kube-system/prometheus-k8s::prometheus-k8s",
      "PermissionSet/monitoring/prometheus-k8s-config::prometheus-k8s-config",
      "PermissionSet/monitoring/prometheus-k8s::prometheus-k8s",
    ]);
  });

  it("skips bindings whose role is missing and ClusterRoleBindings that reference a Role", () => {
    // cluster-admin is built in, so not in the manifest
    expect(fromFixtures("kubernetes-goat/scenarios/insecure-rbac/setup.yaml")).toEqual([]);
    const dir = "kubehound/collector_testdata";
    const sets = fromFixtures(`${dir}/clusterroles.rbac.authorization.k8s.io.json`, `${dir}/clusterrolebindings.rbac.authorization.k8s.io.json`, `${dir}/namespace-1/roles.rbac.authorization.k8s.io.json`, `${dir}/namespace-1/rolebindings.rbac.authorization.k8s.io.json`);
    expect(sets.map((set) => set.id)).toEqual(["PermissionSet/test-app/test-reader::app-monitors-read"]);
    expect(allows(sets[0], { verb: "list", group: "apps", resource: "statefulsets", namespace: "test-app" })).toBe(true);
    expect(allows(sets[0], { verb: "list", group: "", resource: "configmaps", namespace: "test-app" })).toBe(false);
    expect(allows(sets[0], { verb: "list", group: "", resource: "pods", namespace: "default" })).toBe(false);
  });
});

describe("resolvePermissionSets on KubeHound's ROLE_BIND fixtures", () => {
  const sets = fromFixtures("kubehound/attacks/ROLE_BIND_RB_CR-SA.yaml", "kubehound/attacks/ROLE_BIND_CRB_CR.yaml", "kubehound/attacks/ROLE_BIND_RB_R-SA.yaml", "kubehound/attacks/ROLE_BIND_RB_R-UG.yaml");
  const bind = (resource: string, name: string, namespace: string | null): TAccessRequest => ({ verb: "bind", group: "rbac.authorization.k8s.io", resource, name, namespace });
  const create = (resource: string, namespace: string | null): TAccessRequest => ({ verb: "create", group: "rbac.authorization.k8s.io", resource, namespace });

  it("scopes a RoleBinding to a ClusterRole to the binding's namespace", () => {
    const [set] = permissionSetsForServiceAccount(sets, "default", "rolebind-sa-rb-cr-rb-cr");
    expect(set).toMatchObject({ id: "PermissionSet/default/rolebind-rb-cr-rb-cr::pod-bind-role-rb-cr-rb-cr", roleKind: "ClusterRole", bindingKind: "RoleBinding", namespace: "default" });
    expect(allows(set, create("rolebindings", "default"))).toBe(true);
    expect(allows(set, bind("clusterroles", "cluster-admin", "default"))).toBe(true);
    expect(allows(set, create("rolebindings", "kube-system"))).toBe(false);
    // the "-fail" case: clusterrolebindings are cluster-scoped, a RoleBinding never reaches them
    const [fail] = permissionSetsForServiceAccount(sets, "default", "rolebind-sa-rb-cr-crb-cr-fail");
    expect(allows(fail, create("clusterrolebindings", null))).toBe(false);
  });

  it("grants a ClusterRoleBinding everywhere, and only the verbs it lists", () => {
    const [set] = permissionSetsForServiceAccount(sets, "default", "rolebind-sa-crb-cr-crb-cr");
    expect(set.id).toBe("PermissionSet/*/rolebind-crb-cr-crb-cr::pod-bind-role-crb-cr-crb-cr");
    expect(allows(set, create("clusterrolebindings", null))).toBe(true);
    expect(allows(set, bind("clusterroles", "cluster-admin", null))).toBe(true);
    const [fail] = permissionSetsForServiceAccount(sets, "default", "rolebind-sa-crb-cr-crb-r-fail");
    expect(allows(fail, bind("clusterroles", "cluster-admin", null))).toBe(false);
    expect(allows(fail, bind("roles", "admin", "vault"))).toBe(true);
  });

  it("keeps User and Group subjects, which no service account matches", () => {
    const group = byId(sets, "PermissionSet/default/rolebind-rb-r-rb-r::pod-bind-role-rb-r-rb-r-g");
    expect(group.subjects).toEqual([{ kind: "Group", name: "group-rb-r-rb-r" }]);
    const user = byId(sets, "PermissionSet/default/rolebind-rb-r-rb-r::pod-bind-role-rb-r-rb-r-u");
    expect(user.subjects).toEqual([{ kind: "User", name: "user-rb-r-rb-r" }]);
    expect(permissionSetsForServiceAccount(sets, "default", "rolebind-sa-rb-r-rb-r").map((set) => set.id)).toEqual(["PermissionSet/default/rolebind-rb-r-rb-r::pod-bind-role-rb-r-rb-r"]);
    // alone, the User/Group bindings reference Roles defined elsewhere: skipped
    expect(fromFixtures("kubehound/attacks/ROLE_BIND_RB_R-UG.yaml")).toEqual([]);
  });
});

describe("aggregated ClusterRoles", () => {
  const roles = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {rbac.authorization.k8s.io/aggregate-to-admin: "true"}}]
rules: [{apiGroups: [""], resources: [namespaces], verbs: [get]}]
---
kind: ClusterRole
metadata: {name: edit, labels: {rbac.authorization.k8s.io/aggregate-to-admin: "true"}}
aggregationRule:
  clusterRoleSelectors: [{matchExpressions: [{key: rbac.authorization.k8s.io/aggregate-to-edit, operator: In, values: ["true"]}]}]
---
kind: ClusterRole
metadata: {name: secrets-writer, labels: {rbac.authorization.k8s.io/aggregate-to-edit: "true"}}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list, create]}]
---
kind: ClusterRole
metadata: {name: unrelated, labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}}
rules: [{apiGroups: [""], resources: [pods/exec], verbs: [create]}]
---
kind: RoleBinding
metadata: {name: team-admin, namespace: payments}
roleRef: {kind: ClusterRole, name: admin}
subjects: [{kind: Group, name: "system:serviceaccounts:payments"}]
`;

  // kubernetes/pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go: syncClusterRole
  // builds newPolicyRules from the selected roles only and writes them over the role's .Rules
  // (clusterroleaggregation_controller_test.go "update": the aggregated role's old rules are gone).
  it("gives an aggregated role exactly the union of the selected roles' rules, transitively; its own written rules are not in force", () => {
    const sets = fromYaml(roles);
    const [admin] = sets;
    expect(admin.id).toBe("PermissionSet/payments/admin::team-admin");
    expect(allows(admin, { verb: "get", group: "", resource: "namespaces", name: "payments", namespace: "payments" })).toBe(false);
    expect(allows(admin, { verb: "list", group: "", resource: "secrets", namespace: "payments" })).toBe(true);
    expect(allows(admin, { verb: "create", group: "", resource: "pods", subresource: "exec", namespace: "payments" })).toBe(false);
    expect(allows(admin, { verb: "list", group: "", resource: "secrets", namespace: "default" })).toBe(false);
  });

  it("aggregates kube-prometheus' aggregated-metrics-reader into a view role", () => {
    const view = "kind: ClusterRole\nmetadata: {name: view}\naggregationRule: {clusterRoleSelectors: [{matchLabels: {rbac.authorization.k8s.io/aggregate-to-view: 'true'}}]}\n---\nkind: ClusterRoleBinding\nmetadata: {name: viewers}\nroleRef: {kind: ClusterRole, name: view}\nsubjects: [{kind: Group, name: system:authenticated}]\n";
    const sets = resolvePermissionSets(
      parseInventory([fixture("inventory/kube-prometheus/prometheusAdapter-clusterRoleAggregatedMetricsReader.yaml"), { name: "view.yaml", text: view }]),
    );
    const [viewers] = permissionSetsForServiceAccount(sets, "anywhere", "default");
    expect(viewers.id).toBe("PermissionSet/*/view::viewers");
    expect(allows(viewers, { verb: "list", group: "metrics.k8s.io", resource: "pods", namespace: null })).toBe(true);
  });

  it("survives aggregation cycles", () => {
    const cycle = "kind: ClusterRole\nmetadata: {name: a, labels: {x: a}}\naggregationRule: {clusterRoleSelectors: [{matchLabels: {x: b}}]}\nrules: [{apiGroups: [''], resources: [pods], verbs: [get]}]\n---\nkind: ClusterRole\nmetadata: {name: b, labels: {x: b}}\naggregationRule: {clusterRoleSelectors: [{matchLabels: {x: a}}]}\nrules: [{apiGroups: [''], resources: [secrets], verbs: [get]}]\n---\nkind: ClusterRoleBinding\nmetadata: {name: a}\nroleRef: {kind: ClusterRole, name: a}\n";
    const [a] = fromYaml(cycle);
    expect(a.rules.map((r) => r.resources[0]).sort()).toEqual(["pods", "secrets"]);
  });
});

describe("service account subjects", () => {
  it("matches the ServiceAccount subject, its user name and its groups", () => {
    expect(subjectMatchesServiceAccount({ kind: "ServiceAccount", name: "api", namespace: "payments" }, "payments", "api")).toBe(true);
    expect(subjectMatchesServiceAccount({ kind: "ServiceAccount", name: "api", namespace: "default" }, "payments", "api")).toBe(false);
    expect(subjectMatchesServiceAccount({ kind: "ServiceAccount", name: "api" }, "payments", "api")).toBe(false);
    expect(subjectMatchesServiceAccount({ kind: "User", name: "system:serviceaccount:payments:api" }, "payments", "api")).toBe(true);
    expect(subjectMatchesServiceAccount({ kind: "User", name: "api" }, "payments", "api")).toBe(false);
    for (const group of ["system:serviceaccounts", "system:serviceaccounts:payments", "system:authenticated"]) {
      expect(subjectMatchesServiceAccount({ kind: "Group", name: group }, "payments", "api")).toBe(true);
    }
    expect(subjectMatchesServiceAccount({ kind: "Group", name: "system:serviceaccounts:default" }, "payments", "api")).toBe(false);
  });

  it("fills a ServiceAccount subject's namespace from its RoleBinding, and indexes every kind of subject", () => {
    const sets = fromYaml(`
kind: ClusterRole
metadata: {name: reader}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
kind: RoleBinding
metadata: {name: implicit-ns, namespace: payments}
roleRef: {kind: ClusterRole, name: reader}
subjects: [{kind: ServiceAccount, name: api}]
---
kind: ClusterRoleBinding
metadata: {name: by-user}
roleRef: {kind: ClusterRole, name: reader}
subjects: [{kind: User, name: "system:serviceaccount:payments:api"}]
---
kind: RoleBinding
metadata: {name: by-ns-group, namespace: payments}
roleRef: {kind: ClusterRole, name: reader}
subjects: [{kind: Group, name: "system:serviceaccounts:payments"}, {kind: ServiceAccount, name: api}]
---
kind: ClusterRoleBinding
metadata: {name: everyone}
roleRef: {kind: ClusterRole, name: reader}
subjects: [{kind: Group, name: "system:serviceaccounts"}]
`);
    expect(byId(sets, "PermissionSet/payments/reader::implicit-ns").subjects).toEqual([{ kind: "ServiceAccount", name: "api", namespace: "payments" }]);
    const forApi = permissionSetsForServiceAccount(sets, "payments", "api").map((set) => set.id);
    expect(forApi).toEqual([
      "PermissionSet/*/reader::by-user",
      "PermissionSet/*/reader::everyone",
      "PermissionSet/payments/reader::by-ns-group",
      "PermissionSet/payments/reader::implicit-ns",
    ]);
    expect(permissionSetsForServiceAccount(sets, "payments", "worker").map((set) => set.id)).toEqual(["PermissionSet/*/reader::everyone", "PermissionSet/payments/reader::by-ns-group"]);
    expect(permissionSetsForServiceAccount(sets, "default", "api").map((set) => set.id)).toEqual(["PermissionSet/*/reader::everyone"]);
    for (const id of forApi) expect(byId(sets, id).subjects.some((s) => subjectMatchesServiceAccount(s, "payments", "api"))).toBe(true);
  });

  it("answers thousands of service accounts quickly", () => {
    const docs: string[] = ["kind: ClusterRole\nmetadata: {name: r}\nrules: [{apiGroups: [''], resources: [secrets], verbs: [get]}]"];
    for (let i = 0; i < 3000; i++) docs.push(`kind: RoleBinding\nmetadata: {name: b${i}, namespace: ns${i % 100}}\nroleRef: {kind: ClusterRole, name: r}\nsubjects: [{kind: ServiceAccount, name: sa${i}}]`);
    const sets = resolvePermissionSets(parseInventory([{ name: "many.yaml", text: docs.join("\n---\n") }]));
    const started = performance.now();
    let found = 0;
    for (let i = 0; i < 10_000; i++) found += permissionSetsForServiceAccount(sets, `ns${i % 100}`, `sa${i}`).length;
    const elapsed = performance.now() - started;
    expect(found).toBe(3000);
    expect(elapsed).toBeLessThan(500);
  });
});
