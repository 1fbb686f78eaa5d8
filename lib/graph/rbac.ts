// RBAC as the Kubernetes authorizer evaluates it: each binding with its (aggregated) role becomes
// one PermissionSet; requests are matched rule by rule; service accounts find their sets by subject.
// Checks that need two permissions at once are made against the union of an identity's sets in
// escalation-rules.ts, as the API server makes them.
//
// Deliberate differences from the API server, each with its reason:
// - A User's group memberships come from its authenticator, which no inventory shows: a User is
//   matched only by bindings that name it (service accounts' groups are known and matched).
// - An aggregated ClusterRole read from manifests gets the union of the ClusterRoles the inventory
//   holds; the controller would also include selected roles the inventory lacks. In a selection
//   cycle every role of the cycle gets every rule written in it (the controller's result depends on
//   its sync order; this is the upper bound).
// - Admission (Pod Security, policy engines) is not evaluated here: RBAC says what may be asked.
import { compileLabelSelector, type TLabelSelector } from "../inventory/label-selector";
import type { TInventory, TK8sObject } from "../inventory/types";

export interface TPolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export interface TSubject {
  kind: "ServiceAccount" | "User" | "Group";
  name: string;
  namespace?: string;
}

export interface TPermissionSet {
  /** "PermissionSet/<ns of the binding, or * for a ClusterRoleBinding>/<role>::<binding>" */
  id: string;
  roleKind: "Role" | "ClusterRole";
  roleName: string;
  bindingKind: "RoleBinding" | "ClusterRoleBinding";
  bindingName: string;
  /** where the grant applies: the RoleBinding's namespace; null = cluster-wide (ClusterRoleBinding) */
  namespace: string | null;
  rules: TPolicyRule[];
  subjects: TSubject[];
}

export interface TAccessRequest {
  verb: string;
  /** API group, "" for the core group */
  group: string;
  resource: string;
  subresource?: string;
  name?: string;
  /** null = a cluster-scoped request or one across all namespaces */
  namespace: string | null;
}

/** One set per (binding, role), sorted by id; bindings to missing roles are skipped. */
export function resolvePermissionSets(inv: TInventory): TPermissionSet[] {
  const clusterRoleRules = aggregateClusterRoles(inv.clusterRoles);
  const roleRules = new Map(inv.roles.map((role) => [`${role.metadata.namespace}/${role.metadata.name}`, readRules(role)]));
  const sets: TPermissionSet[] = [];

  for (const binding of inv.roleBindings) {
    const namespace = binding.metadata.namespace ?? "default";
    const { kind, name } = binding.roleRef ?? {};
    // A RoleBinding may grant a Role of its own namespace or a ClusterRole, in that namespace only.
    // Source: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding
    const rules = kind === "Role" ? roleRules.get(`${namespace}/${name}`) : kind === "ClusterRole" ? clusterRoleRules.get(name) : undefined;
    if (!rules) continue;
    sets.push(makeSet(kind, name, "RoleBinding", binding, namespace, rules));
  }
  for (const binding of inv.clusterRoleBindings) {
    const { kind, name } = binding.roleRef ?? {};
    // A ClusterRoleBinding can only reference a ClusterRole.
    // Source: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#clusterrolebinding-example
    const rules = kind === "ClusterRole" ? clusterRoleRules.get(name) : undefined;
    if (!rules) continue;
    sets.push(makeSet(kind, name, "ClusterRoleBinding", binding, null, rules));
  }
  return sets.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function makeSet(
  roleKind: "Role" | "ClusterRole",
  roleName: string,
  bindingKind: TPermissionSet["bindingKind"],
  binding: TK8sObject,
  namespace: string | null,
  rules: TPolicyRule[],
): TPermissionSet {
  const bindingName = binding.metadata.name;
  return {
    id: `PermissionSet/${namespace ?? "*"}/${roleName}::${bindingName}`,
    roleKind,
    roleName,
    bindingKind,
    bindingName,
    namespace,
    rules,
    subjects: readSubjects(binding, namespace),
  };
}

const SUBJECT_KINDS = new Set(["ServiceAccount", "User", "Group"]);

// A ServiceAccount subject without a namespace means the binding's own namespace.
// Source: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects
function readSubjects(binding: TK8sObject, bindingNamespace: string | null): TSubject[] {
  const subjects: TSubject[] = [];
  for (const subject of (binding.subjects ?? []) as { kind?: string; name?: string; namespace?: string | null }[]) {
    if (!subject || !SUBJECT_KINDS.has(subject.kind ?? "") || !subject.name) continue;
    const kind = subject.kind as TSubject["kind"];
    if (kind !== "ServiceAccount") subjects.push({ kind, name: subject.name });
    else {
      const namespace = subject.namespace || bindingNamespace;
      subjects.push(namespace ? { kind, name: subject.name, namespace } : { kind, name: subject.name });
    }
  }
  return subjects;
}

function readRules(role: TK8sObject): TPolicyRule[] {
  const rules = (role.rules ?? []) as Partial<Record<keyof TPolicyRule, string[] | null>>[];
  return rules.map((rule) => ({
    apiGroups: rule?.apiGroups ?? [],
    resources: rule?.resources ?? [],
    verbs: rule?.verbs ?? [],
    resourceNames: rule?.resourceNames ?? [],
    nonResourceURLs: rule?.nonResourceURLs ?? [],
  }));
}

// An aggregated ClusterRole's rules are what the aggregation controller writes into it: the union
// of the current rules of every ClusterRole its clusterRoleSelectors match. Rules written in the
// aggregated role's own manifest are overwritten and never in force; a selected role that is itself
// aggregated contributes its own union (transitively). In a cluster dump the stored rules already
// are that union; from manifests it is computed here from the ClusterRoles the inventory has.
// Sources: kubernetes/pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go
// (syncClusterRole: `newPolicyRules` built from the selected roles only, then written over
// `.Rules`); https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles
// Deliberate difference: in a selection cycle the controller's result depends on the order it
// syncs the roles in; here every role of the cycle gets every rule written in it (an upper bound).
function aggregateClusterRoles(clusterRoles: TK8sObject[]): Map<string, TPolicyRule[]> {
  const own = new Map(clusterRoles.map((role) => [role.metadata.name, readRules(role)]));
  const selected = new Map<string, string[]>();
  for (const role of clusterRoles) {
    const selectors = (role.aggregationRule?.clusterRoleSelectors ?? []) as TLabelSelector[];
    if (!role.aggregationRule) continue;
    const matchers = selectors.map(compileLabelSelector);
    const names = clusterRoles
      .filter((other) => other !== role && matchers.some((match) => match(other.metadata.labels)))
      .map((other) => other.metadata.name);
    selected.set(role.metadata.name, names);
  }

  const result = new Map(own);
  for (const name of selected.keys()) {
    const reached = new Set<string>();
    const queue = [...(selected.get(name) ?? [])];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (reached.has(next)) continue;
      reached.add(next);
      queue.push(...(selected.get(next) ?? []));
    }
    const inCycle = reached.has(name);
    const rules: TPolicyRule[] = [];
    const keys = new Set<string>();
    for (const next of reached) {
      // an aggregated role's written rules are overwritten, except as the upper bound of a cycle
      if (selected.has(next) && !inCycle) continue;
      for (const rule of own.get(next) ?? []) {
        const key = ruleKey(rule);
        if (!keys.has(key)) {
          keys.add(key);
          rules.push(rule);
        }
      }
    }
    result.set(name, rules);
  }
  return result;
}

const ruleKey = (rule: TPolicyRule) => JSON.stringify([rule.apiGroups, rule.resources, rule.verbs, rule.resourceNames, rule.nonResourceURLs]);

/**
 * Whether the set grants the request. A namespaced grant (RoleBinding) never covers another
 * namespace nor a cluster-wide request.
 * Source: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
 */
export function allows(ps: TPermissionSet, req: TAccessRequest): boolean {
  if (ps.namespace !== null && req.namespace !== ps.namespace) return false;
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  for (const rule of ps.rules) if (ruleAllows(rule, req, combined)) return true;
  return false;
}

// Mirrors RuleAllows in kubernetes/plugin/pkg/auth/authorizer/rbac/rbac.go and the matchers of
// pkg/apis/rbac/v1/evaluation_helpers.go: "*" matches any verb, group or resource (subresources
// included); "*/scale" matches that subresource of any resource; "pods/*" is not a wildcard
// there. resourceNames never match a request without a name (list, watch, create, deletecollection).
// Source: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources
function ruleAllows(rule: TPolicyRule, req: TAccessRequest, combined: string): boolean {
  if (!includesOrStar(rule.verbs, req.verb)) return false;
  if (!includesOrStar(rule.apiGroups, req.group)) return false;
  if (!resourceMatches(rule.resources, combined, req.subresource)) return false;
  if (rule.resourceNames.length === 0) return true;
  return !!req.name && rule.resourceNames.includes(req.name);
}

function includesOrStar(values: string[], wanted: string): boolean {
  for (const value of values) if (value === "*" || value === wanted) return true;
  return false;
}

function resourceMatches(resources: string[], combined: string, subresource: string | undefined): boolean {
  for (const resource of resources) {
    if (resource === "*" || resource === combined) return true;
    if (subresource && resource.length === subresource.length + 2 && resource.startsWith("*/") && resource.endsWith(subresource)) return true;
  }
  return false;
}

/**
 * Non-resource URLs (`/metrics`, `/healthz`) are cluster-scoped: only a ClusterRoleBinding grants
 * them; a trailing "*" is a prefix match.
 * Source: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole
 */
export function allowsNonResourceURL(ps: TPermissionSet, verb: string, url: string): boolean {
  if (ps.namespace !== null) return false;
  return ps.rules.some(
    (rule) =>
      includesOrStar(rule.verbs, verb) &&
      rule.nonResourceURLs.some((pattern) => pattern === "*" || pattern === url || (pattern.endsWith("*") && url.startsWith(pattern.replace(/\*+$/, "")))),
  );
}

/**
 * Who a service account is to the authorizer: its ServiceAccount subject, the user
 * system:serviceaccount:<ns>:<name>, and the groups system:serviceaccounts,
 * system:serviceaccounts:<ns> and system:authenticated.
 * Source: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions
 */
export function subjectMatchesServiceAccount(s: TSubject, saNamespace: string, saName: string): boolean {
  switch (s.kind) {
    case "ServiceAccount":
      return s.name === saName && s.namespace === saNamespace;
    case "User":
      return s.name === `system:serviceaccount:${saNamespace}:${saName}`;
    case "Group":
      return s.name === "system:serviceaccounts" || s.name === `system:serviceaccounts:${saNamespace}` || s.name === "system:authenticated";
  }
}

interface TSubjectIndex {
  /** "<ns>/<name>" → set positions */
  byAccount: Map<string, number[]>;
  /** "<ns>" → set positions (group system:serviceaccounts:<ns>) */
  byNamespace: Map<string, number[]>;
  /** every service account (groups system:serviceaccounts, system:authenticated) */
  everyone: number[];
}

// Built once per array of sets; the graph asks for thousands of service accounts.
const indexes = new WeakMap<readonly TPermissionSet[], TSubjectIndex>();

function indexSubjects(sets: readonly TPermissionSet[]): TSubjectIndex {
  const index: TSubjectIndex = { byAccount: new Map(), byNamespace: new Map(), everyone: [] };
  const add = (map: Map<string, number[]>, key: string, position: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [position]);
    else if (list[list.length - 1] !== position) list.push(position);
  };
  sets.forEach((set, position) => {
    for (const s of set.subjects) {
      if (s.kind === "ServiceAccount" && s.namespace) add(index.byAccount, `${s.namespace}/${s.name}`, position);
      else if (s.kind === "User" && s.name.startsWith("system:serviceaccount:")) {
        const [namespace, name, ...rest] = s.name.slice("system:serviceaccount:".length).split(":");
        if (namespace && name && rest.length === 0) add(index.byAccount, `${namespace}/${name}`, position);
      } else if (s.kind === "Group" && (s.name === "system:serviceaccounts" || s.name === "system:authenticated")) {
        if (index.everyone[index.everyone.length - 1] !== position) index.everyone.push(position);
      } else if (s.kind === "Group" && s.name.startsWith("system:serviceaccounts:")) {
        add(index.byNamespace, s.name.slice("system:serviceaccounts:".length), position);
      }
    }
  });
  return index;
}

/** The sets that apply to one service account, in the order of `sets` (sorted by id when they come from resolvePermissionSets). */
export function permissionSetsForServiceAccount(sets: TPermissionSet[], ns: string, name: string): TPermissionSet[] {
  let index = indexes.get(sets);
  if (!index) {
    index = indexSubjects(sets);
    indexes.set(sets, index);
  }
  const positions = new Set([...(index.byAccount.get(`${ns}/${name}`) ?? []), ...(index.byNamespace.get(ns) ?? []), ...index.everyone]);
  return [...positions].sort((a, b) => a - b).map((position) => sets[position]);
}
