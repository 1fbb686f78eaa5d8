// The containment runbook of one incident (DESIGN.md "Contain and fix"): generated from the pods
// the alerts came from and the attack paths its workload actually has — never a generic list.
// Isolate the pods, preserve evidence before anything is killed, cut only the identities the paths
// use, and cordon the node only when a path escapes to it. Pure: names reach commands only once
// validated as Kubernetes names, and always shell-quoted.
import { isDnsLabel, isDnsSubdomain, shq } from "../domain/shell";
import { stringify } from "yaml";

export const RUNBOOK_STEP_KINDS = ["isolate", "evidence", "identity", "node"] as const;
export type TRunbookStepKind = (typeof RUNBOOK_STEP_KINDS)[number];

export interface TRunbookStep {
  /** stable within the incident (ticks are stored by it) */
  id: string;
  kind: TRunbookStepKind;
  title: string;
  /** one line: the edge or asset it addresses */
  why: string;
  /** a shell command, verbatim */
  command?: string;
  /** a Kubernetes manifest (YAML), verbatim */
  manifest?: string;
  done: boolean;
}

export interface TRunbookInput {
  incidentId: string;
  /** the incident's namespace (null: cluster-wide, e.g. a node or a user) */
  namespace: string | null;
  /** the pods the alerts came from, with the node each ran on; else the workload's pods */
  pods: { name: string; node: string | null; containers: string[] }[];
  /** the service account the workload runs as, if known */
  serviceAccount: string | null;
  /** the workload's attack paths (lib/graph) */
  paths: readonly { asset: string; path: readonly { from: string; edge: string; to: string }[] }[];
  /** where the incident's alerts can be downloaded (the app's own URL) */
  alertsUrl: string;
  /** step ids ticked done */
  done: ReadonlySet<string>;
  /** allow DNS (UDP/TCP 53 to kube-dns) out of the quarantine */
  allowDns?: boolean;
  /**
   * Roles a path uses, narrowed by the fixes engine (lib/remediation): `<namespace>/<role>` for a
   * Role, `*` then the role name for a ClusterRole → the fix's title and the narrowed role's YAML.
   */
  narrowedRoles?: ReadonlyMap<string, { title: string; yaml: string }>;
}

const ESCAPE = /^(CE_|EXPLOIT_HOST_|EXPLOIT_CONTAINERD_SOCK$)/;
const TOKEN_EDGES = new Set(["IDENTITY_ASSUME", "TOKEN_STEAL", "TOKEN_LIST", "TOKEN_BRUTEFORCE"]);
const QUARANTINE_LABEL = "blastradius.dev/quarantine";

const seg = (id: string) => id.split("/");

/** Workload-identity annotation that names this cloud role (EKS ARN, GKE service account e-mail, Azure client id). */
function identityAnnotation(role: string): string {
  if (role.startsWith("arn:")) return "eks.amazonaws.com/role-arn";
  if (role.includes("@") && role.endsWith(".iam.gserviceaccount.com")) return "iam.gke.io/gcp-service-account";
  return "azure.workload.identity/client-id";
}

export function buildRunbook(input: TRunbookInput): { steps: TRunbookStep[]; skipped: string[] } {
  const steps: TRunbookStep[] = [];
  const skipped: string[] = [];
  const add = (s: Omit<TRunbookStep, "done">) => steps.push({ ...s, done: input.done.has(s.id) });
  const ns = input.namespace;
  const nsOk = ns !== null && isDnsLabel(ns);
  if (ns !== null && !nsOk) skipped.push(`namespace ${JSON.stringify(ns)} is not a Kubernetes name: no command names it`);
  const pods = input.pods.filter((p) => {
    if (isDnsSubdomain(p.name)) return true;
    skipped.push(`pod ${JSON.stringify(p.name)} is not a Kubernetes name: no command names it`);
    return false;
  });
  const steps_ = input.paths.flatMap((p) => p.path);
  const podNames = new Set(pods.map((p) => p.name));
  const ownContainer = (id: string) => id.startsWith("Container/") && seg(id)[1] === ns && podNames.has(seg(id)[2]);
  const tag = input.incidentId.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 12) || "incident";

  // 1. isolate
  if (nsOk && pods.length) {
    const names = pods.map((p) => shq(p.name)).join(" ");
    const egress: Record<string, unknown>[] = input.allowDns
      ? [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] }]
      : [];
    const policy = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: `blastradius-quarantine-${tag}`, namespace: ns },
      spec: { podSelector: { matchLabels: { [QUARANTINE_LABEL]: tag } }, policyTypes: ["Ingress", "Egress"], ingress: [], egress },
    };
    add({
      id: "isolate",
      kind: "isolate",
      title: `Quarantine ${pods.length === 1 ? `pod ${pods[0].name}` : `${pods.length} pods`}: no traffic in or out${input.allowDns ? " except DNS" : ""}`,
      why: `The alerts came from ${pods.map((p) => p.name).join(", ")}; the policy selects exactly these pods by a label, so the rest of the workload keeps serving.`,
      command: `kubectl -n ${shq(ns!)} label pod ${names} ${QUARANTINE_LABEL}=${tag} --overwrite && kubectl apply -f quarantine.yaml`,
      manifest: stringify(policy, { lineWidth: 0 }),
    });
    add({
      id: "isolate-undo",
      kind: "isolate",
      title: "Release the quarantine (once the pods are gone or cleared)",
      why: "Removes the label and the policy the quarantine step added, nothing else.",
      command: `kubectl -n ${shq(ns!)} label pod ${names} ${QUARANTINE_LABEL}- ; kubectl -n ${shq(ns!)} delete networkpolicy ${shq(`blastradius-quarantine-${tag}`)}`,
    });
  }

  // 2. evidence, before anything is killed
  if (nsOk) {
    for (const p of pods) {
      for (const c of p.containers) {
        if (!isDnsLabel(c)) {
          skipped.push(`container ${JSON.stringify(c)} is not a Kubernetes name: no command names it`);
          continue;
        }
        add({
          id: `evidence-${p.name}-${c}`,
          kind: "evidence",
          title: `Preserve processes, connections and logs of ${p.name}/${c}`,
          why: "Before the pod is deleted or restarted: the process tree and open connections show what ran and where it talked; the previous logs survive one restart only.",
          command: [
            `kubectl -n ${shq(ns!)} debug ${shq(p.name)} --target=${shq(c)} --image=busybox:1.36 --profile=general -i -- sh -c 'ps -o pid,ppid,user,args; netstat -tunap 2>/dev/null || cat /proc/net/tcp /proc/net/udp' > ${shq(`${p.name}-${c}-processes.txt`)}`,
            `kubectl -n ${shq(ns!)} logs ${shq(p.name)} -c ${shq(c)} --timestamps > ${shq(`${p.name}-${c}.log`)}`,
            `kubectl -n ${shq(ns!)} logs ${shq(p.name)} -c ${shq(c)} --previous --timestamps > ${shq(`${p.name}-${c}-previous.log`)}`,
          ].join("\n"),
        });
        if (p.node && isDnsSubdomain(p.node)) {
          add({
            id: `checkpoint-${p.name}-${c}`,
            kind: "evidence",
            title: `Checkpoint container ${c} on node ${p.node}`,
            why: "A checkpoint keeps the container's memory and file changes for forensics (kubelet ContainerCheckpoint; CRI-O or containerd ≥ 2.0).",
            command: `curl -sk -X POST --cert client.crt --key client.key https://${p.node}:10250/checkpoint/${ns}/${p.name}/${c}`,
          });
        }
      }
    }
  }
  add({
    id: "evidence-alerts",
    kind: "evidence",
    title: "Download the incident's alerts and their SHA-256",
    why: "Every alert as the sensors sent it, in one file; the server states its SHA-256 (X-Content-SHA256) and the command checks the download against it, for the chain of custody.",
    command: [
      `curl -sf -H "Authorization: Bearer $BLAST_RADIUS_TOKEN" -D ${shq(`incident-${tag}-alerts.headers`)} ${shq(input.alertsUrl)} -o ${shq(`incident-${tag}-alerts.json`)}`,
      `echo "$(grep -i '^x-content-sha256:' ${shq(`incident-${tag}-alerts.headers`)} | cut -d' ' -f2 | tr -d '\\r')  incident-${tag}-alerts.json" | sha256sum -c -`,
    ].join(" && \\\n  "),
  });

  // 3. identity: only what the paths use
  const tokenSteps = steps_.filter((s) => TOKEN_EDGES.has(s.edge) && ownContainer(s.from));
  if (nsOk && pods.length && tokenSteps.length) {
    add({
      id: "identity-token",
      kind: "identity",
      title: `Delete ${pods.length === 1 ? "the pod" : "the pods"} to drop ${tokenSteps[0].to.startsWith("ServiceAccount/") ? `the token of ${seg(tokenSteps[0].to).slice(1).join("/")}` : "its projected token"}`,
      why: `Paths use ${[...new Set(tokenSteps.map((s) => s.edge))].join(", ")} from the container's token; a deleted pod's projected token stops being accepted. Run after the evidence steps.`,
      command: `kubectl -n ${shq(ns!)} delete pod ${pods.map((p) => shq(p.name)).join(" ")}`,
    });
  }
  const secrets = [...new Set(steps_.filter((s) => s.to.startsWith("Secret/")).map((s) => s.to))].sort();
  for (const id of secrets) {
    const [, sns, name] = seg(id);
    if (!isDnsLabel(sns) || !isDnsSubdomain(name)) {
      skipped.push(`secret ${JSON.stringify(`${sns}/${name}`)} is not a Kubernetes name: no command names it`);
      continue;
    }
    const via = steps_.find((s) => s.to === id)!;
    add({
      id: `rotate-${sns}-${name}`,
      kind: "identity",
      title: `Rotate Secret ${sns}/${name}`,
      why: `A path reaches it (${via.edge} from ${via.from}): assume it is read. Change the credential where it is issued, then replace the Secret's value.`,
      command: `kubectl -n ${shq(sns)} create secret generic ${shq(name)} --from-literal=<key>=<new value> --dry-run=client -o yaml | kubectl apply -f -`,
    });
  }
  const bindings = [...new Set(steps_.flatMap((s) => [s.from, s.to]).filter((v) => v.startsWith("PermissionSet/")))].sort();
  for (const id of bindings) {
    const [, bns, roleAndBinding] = seg(id);
    const [role, binding] = roleAndBinding.split("::");
    const cluster = bns === "*";
    if (!binding || !isDnsSubdomain(binding) || (!cluster && !isDnsLabel(bns))) {
      skipped.push(`binding ${JSON.stringify(roleAndBinding)} is not a Kubernetes name: no command names it`);
      continue;
    }
    const narrowed = (!cluster ? input.narrowedRoles?.get(`${bns}/${role}`) : undefined) ?? input.narrowedRoles?.get(`*/${role}`);
    add({
      id: `unbind-${bns === "*" ? "cluster" : bns}-${binding}`,
      kind: "identity",
      title: `Remove ${cluster ? "ClusterRoleBinding" : "RoleBinding"} ${cluster ? "" : `${bns}/`}${binding}`,
      why: narrowed
        ? `It grants ${role} to the workload's identity, and a path uses it. Once the incident is closed, apply the narrowed role below (${narrowed.title}) before binding it again.`
        : `It grants ${cluster ? "ClusterRole" : "Role"} ${role} to the workload's identity, and a path uses it. Re-create it narrowed once the incident is closed.`,
      command: cluster ? `kubectl delete clusterrolebinding ${shq(binding)}` : `kubectl -n ${shq(bns)} delete rolebinding ${shq(binding)}`,
      ...(narrowed ? { manifest: narrowed.yaml } : {}),
    });
  }
  for (const s of steps_.filter((x) => x.edge === "WORKLOAD_IDENTITY")) {
    const [, sans, sa] = seg(s.from);
    const role = s.to.slice("CloudRole/".length);
    if (!isDnsLabel(sans) || !isDnsSubdomain(sa)) {
      skipped.push(`service account ${JSON.stringify(`${sans}/${sa}`)} is not a Kubernetes name: no command names it`);
      continue;
    }
    const id = `detach-${sans}-${sa}`;
    if (steps.some((x) => x.id === id)) continue;
    add({
      id,
      kind: "identity",
      title: `Detach cloud role ${role} from ServiceAccount ${sans}/${sa}`,
      why: `A path exchanges the account's token for the cloud role (WORKLOAD_IDENTITY). Removing the annotation stops new exchanges; revoke the role's active sessions in the cloud console.`,
      command: `kubectl -n ${shq(sans)} annotate serviceaccount ${shq(sa)} ${identityAnnotation(role)}-`,
    });
  }

  // 4. node: only when a path escapes to it
  const escapes = steps_.filter((s) => ESCAPE.test(s.edge) && ownContainer(s.from));
  const nodes = [...new Set(pods.filter((p) => p.node && escapes.some((e) => seg(e.from)[2] === p.name)).map((p) => p.node!))].sort();
  for (const node of nodes) {
    if (!isDnsSubdomain(node)) {
      skipped.push(`node ${JSON.stringify(node)} is not a Kubernetes name: no command names it`);
      continue;
    }
    add({
      id: `cordon-${node}`,
      kind: "node",
      title: `Cordon and drain node ${node}`,
      why: `A path escapes from the container to its node (${[...new Set(escapes.map((e) => e.edge))].join(", ")}): treat the node as compromised; no new pods land on it.`,
      command: `kubectl cordon ${shq(node)}\nkubectl drain ${shq(node)} --ignore-daemonsets --delete-emptydir-data`,
    });
  }
  return { steps, skipped };
}

/** The runbook as Markdown, for the page's download. */
export function runbookMarkdown(title: string, steps: readonly TRunbookStep[]): string {
  const lines = [`# Containment runbook: ${title.replace(/[\r\n]+/g, " ")}`, ""];
  for (const s of steps) {
    lines.push(`## [${s.done ? "x" : " "}] ${s.title}`, "", s.why, "");
    if (s.command) lines.push("```sh", s.command, "```", "");
    if (s.manifest) lines.push("```yaml", s.manifest.trimEnd(), "```", "");
  }
  return lines.join("\n");
}
