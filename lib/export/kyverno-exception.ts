// An accepted risk as a Kyverno PolicyException (kyverno.io/v2): the admission-side twin of the
// decision, so the cluster lets exactly this workload through the named policy rules until the
// same expiry, after which Kyverno's cleanup controller deletes the exception
// (label cleanup.kyverno.io/ttl, in Kyverno's layout "2006-01-02T150405Z", UTC).
import { stringify } from "yaml";
import type { TAcceptedRisk } from "../ownership/accepted-risks";

/** Kyverno's ValueTtlDateTimeLayout: `2027-03-01T093000Z`. */
export function kyvernoTtl(at: Date): string {
  const iso = at.toISOString(); // 2027-03-01T09:30:00.000Z
  return `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** A DNS-1123 subdomain name for the exception, derived from the workload and the risk's id. */
export function exceptionName(risk: Pick<TAcceptedRisk, "id" | "name">): string {
  const base = risk.name.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "workload";
  return `blast-radius-${base}-${risk.id.replace(/[^a-z0-9]/g, "").slice(0, 8)}`;
}

export interface TExceptionTarget {
  policyName: string;
  ruleNames: string[];
}

/** The controller kinds whose pods are named `<name>-…`. */
const POD_OWNERS = new Set(["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController"]);

export function kyvernoPolicyException(risk: TAcceptedRisk, target: TExceptionTarget) {
  const resources = [{ kinds: [risk.kind], namespaces: [risk.namespace], names: [risk.name] }];
  // Kyverno checks the pods too (and its autogen rules the controller): exempt the workload's pods by name
  if (POD_OWNERS.has(risk.kind)) resources.push({ kinds: ["Pod"], namespaces: [risk.namespace], names: [`${risk.name}-*`] });
  const edge = risk.edge ? `${risk.edge.from} ${risk.edge.edge} ${risk.edge.to}` : "the whole workload";
  return {
    apiVersion: "kyverno.io/v2",
    kind: "PolicyException",
    metadata: {
      name: exceptionName(risk),
      namespace: risk.namespace,
      labels: {
        "app.kubernetes.io/managed-by": "blast-radius",
        "cleanup.kyverno.io/ttl": kyvernoTtl(new Date(risk.expiresAt)),
      },
      annotations: {
        "blast-radius.io/accepted-risk": risk.id,
        "blast-radius.io/owner": risk.owner.name,
        "blast-radius.io/reason": risk.reason,
        "blast-radius.io/accepted": edge,
        "blast-radius.io/expires-at": risk.expiresAt,
      },
    },
    spec: {
      exceptions: [{ policyName: target.policyName, ruleNames: target.ruleNames }],
      match: { any: resources.map((resources) => ({ resources })) },
    },
  };
}

export function kyvernoPolicyExceptionYaml(risk: TAcceptedRisk, target: TExceptionTarget): string {
  // every value quoted: a YAML 1.1 reader (kubectl's) must not take a TTL or a name for a timestamp or a number
  return stringify(kyvernoPolicyException(risk, target), { lineWidth: 0, defaultKeyType: "PLAIN", defaultStringType: "QUOTE_DOUBLE" });
}
