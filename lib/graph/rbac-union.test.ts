// RBAC where the graph must follow the API server, not one binding at a time (issue: "RBAC as the
// API server decides it"). Each case cites the Kubernetes source that defines the behaviour.
import { describe, expect, it } from "vitest";
import { parseInventory } from "../inventory/parse-inventory";
import { computeBlastRadius } from "./blast-radius";
import { buildAttackGraph } from "./build-graph";
import { buildPathGraph } from "./path-graph";

const BASE = `
apiVersion: v1
kind: Node
metadata: {name: node-a}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: deployer, namespace: apps}
---
apiVersion: v1
kind: Pod
metadata: {name: ci-runner, namespace: apps}
spec:
  nodeName: node-a
  serviceAccountName: deployer
  containers: [{name: runner, image: ci/runner:1}]
---
apiVersion: v1
kind: Secret
metadata: {name: payments-db, namespace: apps, labels: {blastradius.dev/sensitivity: critical}}
type: Opaque
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secret-reader, namespace: apps}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: auditors-read-secrets, namespace: apps}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}
subjects: [{kind: Group, name: auditors}]
`;

const build = (yaml: string) => {
  const inv = parseInventory([{ name: "cluster.yaml", text: BASE + yaml }]);
  const graph = buildAttackGraph(inv, { cluster: "t" });
  const edges = [...graph.edges()].map((e) => `${e.from} ${e.edge} ${e.to}`);
  const radius = computeBlastRadius(graph, inv).find((r) => r.workload === "Pod/apps/ci-runner")!;
  return { graph, edges, radius, reaches: (asset: string) => radius.reachable.some((r) => r.asset === asset) };
};
const SECRET = "Secret/apps/payments-db";
const SA = "ServiceAccount/apps/deployer";
const TARGET = "PermissionSet/apps/secret-reader::auditors-read-secrets";

// kubernetes/plugin/pkg/auth/authorizer/rbac/rbac.go: Authorize visits the rules of every binding
// that applies to the user (VisitRulesFor) and allows on the first rule that matches; the
// RoleBinding storage (pkg/registry/rbac/rolebinding/policybased/storage.go) then checks `bind`
// on the referenced role with the same authorizer (rbacregistryvalidation.BindingAuthorized).
describe("one identity's permissions are the union of all its bindings", () => {
  const splitOverRoleBindings = `
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: binding-creator, namespace: apps}
rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer-creates-bindings, namespace: apps}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: binding-creator}
subjects: [{kind: ServiceAccount, name: deployer, namespace: apps}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: role-binder, namespace: apps}
rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [bind], resourceNames: [secret-reader]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer-binds-roles, namespace: apps}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: role-binder}
subjects: [{kind: ServiceAccount, name: deployer, namespace: apps}]
`;

  it("create rolebindings from one RoleBinding and bind from another: a ROLE_BIND edge from the identity, and the secret in reach", () => {
    const { edges, reaches } = build(splitOverRoleBindings);
    expect(edges).toContain(`${SA} ROLE_BIND ${TARGET}`);
    // neither binding alone grants it: no edge leaves either PermissionSet
    expect(edges.filter((e) => e.includes(" ROLE_BIND ") && e.startsWith("PermissionSet/"))).toEqual([]);
    expect(reaches(SECRET)).toBe(true);
  });

  it("without one half there is no edge (the union needs both)", () => {
    const createOnly = splitOverRoleBindings.split("---").filter((doc) => !doc.includes("role-binder")).join("---");
    const { edges, reaches } = build(createOnly);
    expect(edges.filter((e) => e.includes(" ROLE_BIND "))).toEqual([]);
    expect(reaches(SECRET)).toBe(false);
  });

  it("split over two ClusterRoleBindings: binds a ClusterRole cluster-wide", () => {
    const { edges, reaches } = build(`
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secrets-everywhere}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: nobody-yet}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secrets-everywhere}
subjects: [{kind: Group, name: break-glass}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: crb-creator}
rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: deployer-creates-crbs}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: crb-creator}
subjects: [{kind: ServiceAccount, name: deployer, namespace: apps}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: binder}
rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [secrets-everywhere]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: deployer-binds}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: binder}
subjects: [{kind: ServiceAccount, name: deployer, namespace: apps}]
`);
    expect(edges).toContain(`${SA} ROLE_BIND PermissionSet/*/secrets-everywhere::nobody-yet`);
    expect(edges.filter((e) => e.startsWith("PermissionSet/") && e.includes(" ROLE_BIND "))).toEqual([]);
    expect(reaches(SECRET)).toBe(true);
  });

  it("the same split through a group every service account is in (system:serviceaccounts) counts for the service account", () => {
    const viaGroup = splitOverRoleBindings.replace(
      "name: deployer-binds-roles, namespace: apps}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: role-binder}\nsubjects: [{kind: ServiceAccount, name: deployer, namespace: apps}]",
      "name: deployer-binds-roles, namespace: apps}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: role-binder}\nsubjects: [{kind: Group, name: 'system:serviceaccounts:apps'}]",
    );
    expect(viaGroup).not.toBe(splitOverRoleBindings);
    expect(build(viaGroup).edges).toContain(`${SA} ROLE_BIND ${TARGET}`);
  });

  it("cluster-admin equivalence from two bindings: create clusterrolebindings + bind cluster-admin; escalate + update", () => {
    const crb = (name: string, role: string) =>
      `\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ${name}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}\nsubjects: [{kind: ServiceAccount, name: deployer, namespace: apps}]`;
    const role = (name: string, rule: string) => `\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: ${name}}\nrules: [${rule}]`;
    const bindAdmin = build(
      role("crb-creator", "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}") +
        crb("a", "crb-creator") +
        role("admin-binder", "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [cluster-admin]}") +
        crb("b", "admin-binder"),
    );
    expect(bindAdmin.edges).toContain(`${SA} CLUSTER_ADMIN ControlPlane/t`);
    expect(bindAdmin.edges.filter((e) => e.includes(" CLUSTER_ADMIN ") && e.startsWith("PermissionSet/"))).toEqual([]);
    const escalate = build(
      role("escalator", "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate]}") +
        crb("a", "escalator") +
        role("updater", "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [update]}") +
        crb("b", "updater"),
    );
    expect(escalate.edges).toContain(`${SA} CLUSTER_ADMIN ControlPlane/t`);
    // one half alone is not cluster-admin
    const half = build(role("escalator", "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate]}") + crb("a", "escalator"));
    expect(half.edges.filter((e) => e.includes(" CLUSTER_ADMIN "))).toEqual([]);
  });

  it("says on the edge that the identity's bindings together grant it", () => {
    const { radius } = build(splitOverRoleBindings);
    const view = buildPathGraph("Pod/apps/ci-runner", ["Pod/apps/ci-runner"], radius.reachable, new Map(), new Map());
    const edge = view.edges.find((e) => e.edge === "ROLE_BIND");
    expect(edge?.from).toBe(SA);
    expect(edge?.explanation).toMatch(/its bindings together/);
    expect(edge?.remediation).toMatch(/one of the identity's bindings/);
  });
});

// kubernetes/staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go: for list and watch
// a `metadata.name` field selector sets RequestInfo.Name (requestinfo_test.go, "list with
// fieldSelector"); the RBAC docs ("Referring to resources") say resourceNames then apply to them.
describe("list and watch with resourceNames", () => {
  const namedList = (verb: string) => `
---
apiVersion: v1
kind: Secret
metadata: {name: other-db, namespace: apps, labels: {blastradius.dev/sensitivity: critical}}
type: Opaque
---
apiVersion: v1
kind: Secret
metadata: {name: builder-token, namespace: apps, annotations: {kubernetes.io/service-account.name: builder}}
type: kubernetes.io/service-account-token
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: one-secret, namespace: apps}
rules: [{apiGroups: [""], resources: [secrets], verbs: [${verb}], resourceNames: [payments-db, builder-token]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer-one-secret, namespace: apps}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: one-secret}
subjects: [{kind: ServiceAccount, name: deployer, namespace: apps}]
`;

  for (const verb of ["list", "watch"]) {
    it(`\`${verb}\` narrowed to a name reads that Secret, not the others, and lists nothing`, () => {
      const { edges } = build(namedList(verb));
      const set = "PermissionSet/apps/one-secret::deployer-one-secret";
      expect(edges).toContain(`${set} SECRET_READ ${SECRET}`);
      expect(edges).not.toContain(`${set} SECRET_READ Secret/apps/other-db`);
      expect(edges.filter((e) => e.startsWith(set) && e.includes(" TOKEN_LIST "))).toEqual([]);
      expect(edges).toContain(`${set} TOKEN_BRUTEFORCE ServiceAccount/apps/builder`);
    });
  }
});

// kubernetes/pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go: the rules
// of an aggregated ClusterRole are replaced by the union of the selected roles' rules.
describe("aggregated ClusterRoles in the graph", () => {
  it("a rule written in the aggregated role's manifest grants nothing; the selected roles' rules do", () => {
    const { edges, reaches } = build(`
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {example.com/aggregate-to-monitoring: "true"}}]}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-reader, labels: {example.com/aggregate-to-monitoring: "true"}}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer-monitoring, namespace: apps}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects: [{kind: ServiceAccount, name: deployer, namespace: apps}]
`);
    expect(edges.filter((e) => e.startsWith("PermissionSet/apps/monitoring::") && e.includes(" SECRET_READ "))).toEqual([]);
    expect(reaches(SECRET)).toBe(false);
  });
});
