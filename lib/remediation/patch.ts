// A fix as an engineer applies it: YAML and the one kubectl command that applies it. Pod-template
// fixes are JSON merge patches (RFC 7386) of the workload's controller carrying the whole fixed
// value of each pod-spec field that changed (lists are replaced whole, so the patch is exactly the
// fixed list); a bare pod's spec is immutable, so it is replaced. Role fixes are the fixed Role;
// deletions are the delete command; names reaching a command are shell-quoted.
import { stringify } from "yaml";
import { shq } from "../domain/shell";
import type { TAttackGraph } from "../graph/types";
import type { TInventory, TK8sObject } from "../inventory/types";
import { applyFix, applyToPodSpec, fixPolicy, isPodFix, type TFix } from "./fixes";

export interface TFixPatch {
  /** what the YAML is */
  format: "merge-patch" | "manifest" | "none";
  target: { kind: string; namespace: string | null; name: string };
  yaml: string;
  command: string;
}

const nsOf = (o: TK8sObject) => o.metadata.namespace ?? "default";
const resourceOf = (kind: string) => kind.toLowerCase();

/** Where the pod spec sits in the object, as merge-patch nesting. */
function nest(kind: string, podSpec: Record<string, unknown>): Record<string, unknown> {
  if (kind === "Pod") return { spec: podSpec };
  if (kind === "CronJob") return { spec: { jobTemplate: { spec: { template: { spec: podSpec } } } } };
  return { spec: { template: { spec: podSpec } } };
}

function templateSpec(o: TK8sObject): Record<string, unknown> | undefined {
  if (o.kind === "Pod") return o.spec;
  return o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
}

/** How a fix is applied: what the YAML is, the object it changes, the one command. */
export interface TFixApply {
  format: TFixPatch["format"];
  target: TFixPatch["target"];
  command: string;
}

/**
 * The API's shape (DESIGN.md "Contain and fix": `patch` is YAML): the YAML itself — for a deletion,
 * a YAML comment holding the command — and how to apply it.
 */
export function splitPatch(p: TFixPatch): { patch: string; apply: TFixApply } {
  return { patch: p.yaml || (p.command ? `# ${p.command}\n` : ""), apply: { format: p.format, target: p.target, command: p.command } };
}

export function fixPatch(inv: TInventory, fix: TFix, graph: TAttackGraph): TFixPatch {
  if (isPodFix(fix)) {
    const [kind, namespace, ...rest] = fix.workload.split("/");
    const name = rest.join("/");
    const workload = graph.workload(fix.workload);
    // the top controller when the inventory has it, else the workload's first pod
    const target =
      inv.controllers.find((c) => c.kind === kind && c.metadata.name === name && nsOf(c) === namespace) ??
      inv.pods.find((p) => workload?.pods.includes(`Pod/${nsOf(p)}/${p.metadata.name}`));
    const before = target ? templateSpec(target) : undefined;
    if (!target || !before) return { format: "none", target: { kind, namespace, name }, yaml: "", command: "" };
    const after = structuredClone(before);
    applyToPodSpec(after, fix);
    const changed: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = after[key] ?? null;
    }
    const ns = nsOf(target);
    if (target.kind === "Pod") {
      // a running pod's spec cannot be patched: recreate it from the fixed manifest
      const manifest = { apiVersion: "v1", kind: "Pod", metadata: { name: target.metadata.name, namespace: ns, labels: target.metadata.labels ?? {} }, spec: after };
      return {
        format: "manifest",
        target: { kind: "Pod", namespace: ns, name: target.metadata.name },
        yaml: stringify(manifest),
        command: `kubectl -n ${shq(ns)} replace --force -f fix.yaml`,
      };
    }
    return {
      format: "merge-patch",
      target: { kind: target.kind, namespace: ns, name: target.metadata.name },
      yaml: stringify(nest(target.kind, changed)),
      command: `kubectl -n ${shq(ns)} patch ${resourceOf(target.kind)} ${shq(target.metadata.name)} --type=merge --patch-file=fix.yaml`,
    };
  }
  switch (fix.kind) {
    case "deny-egress":
    case "block-imds": {
      const [, namespace, ...rest] = fix.workload.split("/");
      const policy = fixPolicy(inv, fix, (w) => graph.workload(w)?.pods ?? []);
      if (!policy) return { format: "none", target: { kind: "NetworkPolicy", namespace, name: rest.join("/") }, yaml: "", command: "" };
      return {
        format: "manifest",
        target: { kind: "NetworkPolicy", namespace, name: policy.metadata.name },
        yaml: stringify(policy),
        command: "kubectl apply -f fix.yaml",
      };
    }
    case "narrow-role": {
      const list = fix.roleKind === "Role" ? inv.roles : inv.clusterRoles;
      const role = list.find((r) => r.metadata.name === fix.role && (fix.roleKind === "ClusterRole" || nsOf(r) === fix.namespace));
      const fixed = (fix.roleKind === "Role" ? applyFix(inv, fix, () => []).roles : applyFix(inv, fix, () => []).clusterRoles).find(
        (r) => r.metadata.name === fix.role && (fix.roleKind === "ClusterRole" || nsOf(r) === fix.namespace),
      );
      const metadata = fix.roleKind === "Role" ? { name: fix.role, namespace: fix.namespace } : { name: fix.role };
      const manifest = { apiVersion: "rbac.authorization.k8s.io/v1", kind: fix.roleKind, metadata: { ...metadata, labels: role?.metadata.labels ?? undefined }, rules: fixed?.rules ?? [] };
      if (!manifest.metadata.labels) delete manifest.metadata.labels;
      return { format: "manifest", target: { kind: fix.roleKind, namespace: fix.namespace, name: fix.role }, yaml: stringify(manifest), command: "kubectl apply -f fix.yaml" };
    }
    case "delete-binding": {
      const scope = fix.namespace ? `-n ${shq(fix.namespace)} ` : "";
      return {
        format: "none",
        target: { kind: fix.bindingKind, namespace: fix.namespace, name: fix.binding },
        yaml: "",
        command: `kubectl ${scope}delete ${resourceOf(fix.bindingKind)} ${shq(fix.binding)}`,
      };
    }
    case "remove-workload-identity":
      return {
        format: "merge-patch",
        target: { kind: "ServiceAccount", namespace: fix.namespace, name: fix.serviceAccount },
        yaml: stringify({ metadata: { annotations: { [fix.annotation]: null } } }),
        command: `kubectl -n ${shq(fix.namespace)} patch serviceaccount ${shq(fix.serviceAccount)} --type=merge --patch-file=fix.yaml`,
      };
  }
}
