// A week of alerts on the demo cluster, from real Falco rules: a few attacks on workloads
// with a large blast radius, and much louder noise on harmless ones — so ranking by blast
// radius visibly beats sorting by severity.
import { falcoRule, makeFalcoEvent } from "./synthetic-falco";

type TObj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface TPodRef {
  namespace: string;
  pod: string;
  node: string;
  container: string;
  image: string;
}

interface TScenario {
  /** pod name prefix, in its namespace */
  namespace: string;
  prefix: string;
  /** [rule, minutes before now, extra output fields] */
  steps: [string, number, Record<string, string>?][];
}

const HOUR = 60;
const DAY = 24 * HOUR;

const ATTACKS: TScenario[] = [
  {
    namespace: "payments",
    prefix: "payments-api-",
    steps: [
      ["Terminal shell in container", 2 * DAY + 30, { "proc.cmdline": "bash -i" }],
      ["Read sensitive file untrusted", 2 * DAY + 27, { "fd.name": "/var/run/secrets/kubernetes.io/serviceaccount/token", "proc.cmdline": "cat /var/run/secrets/kubernetes.io/serviceaccount/token" }],
      ["Contact EC2 Instance Metadata Service From Container", 2 * DAY + 25, { "proc.cmdline": "curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/", "fd.sip": "169.254.169.254", "fd.rip": "169.254.169.254" }],
      ["Find AWS Credentials", 2 * DAY + 22, { "proc.cmdline": "grep -r aws_secret_access_key /app" }],
    ],
  },
  {
    namespace: "default",
    prefix: "system-monitor-deployment-",
    steps: [
      ["Terminal shell in container", 6 * HOUR, { "proc.cmdline": "sh" }],
      ["Change thread namespace", 6 * HOUR - 4, { "proc.name": "nsenter", "proc.cmdline": "nsenter --target 1 --mount --uts --ipc --net --pid -- bash" }],
      ["Write below etc", 6 * HOUR - 9, { "fd.name": "/etc/cron.d/backdoor", "proc.cmdline": "tee /etc/cron.d/backdoor" }],
    ],
  },
  {
    namespace: "default",
    prefix: "health-check-deployment-",
    steps: [["Container Access to Host Sensitive Paths", DAY + 3 * HOUR, { "fd.name": "/var/run/docker.sock", "proc.cmdline": "docker -H unix:///var/run/docker.sock ps" }]],
  },
  {
    namespace: "argocd",
    prefix: "argocd-application-controller-",
    steps: [["Kubernetes Client Tool Launched in Container", 3 * DAY + 5 * HOUR, { "proc.name": "kubectl", "proc.cmdline": "kubectl get secrets -A" }]],
  },
];

/**
 * Loud and severe, but on workloads that reach little. Each fires more often than the
 * correlation window, so it grows one long incident instead of hundreds.
 */
const NOISE: { namespace: string; prefix: string; rule: string; everyMinutes: number; fields?: Record<string, string> }[] = [
  { namespace: "payments", prefix: "checkout-web-", rule: "Drop and execute new binary in container", everyMinutes: 25, fields: { "proc.cmdline": "/tmp/.next/cache/swc-loader" } },
  { namespace: "default", prefix: "kubernetes-goat-home-deployment-", rule: "Launch Package Management Process in Container", everyMinutes: 20, fields: { "proc.cmdline": "apk add --no-cache curl" } },
  { namespace: "default", prefix: "build-code-deployment-", rule: "Fileless execution via memfd_create", everyMinutes: 28, fields: { "proc.cmdline": "node /app/build.js" } },
  { namespace: "default", prefix: "poor-registry-deployment-", rule: "Redirect STDOUT/STDIN to Network Connection in Container", everyMinutes: 15 },
  { namespace: "monitoring", prefix: "grafana-", rule: "Packet socket created in container", everyMinutes: 12 },
];

function podsOf(list: TObj[]): TPodRef[] {
  return list
    .filter((o) => o.kind === "Pod")
    .map((p) => ({
      namespace: p.metadata.namespace,
      pod: p.metadata.name,
      node: p.spec.nodeName,
      container: p.spec.containers?.[0]?.name ?? "main",
      image: p.spec.containers?.[0]?.image ?? "unknown:latest",
    }));
}

export function demoFalcoEvents(inventoryJson: string, now = new Date()): Record<string, unknown>[] {
  const pods = podsOf(JSON.parse(inventoryJson).items);
  const find = (ns: string, prefix: string) => pods.filter((p) => p.namespace === ns && p.pod.startsWith(prefix));
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
  const event = (rule: string, p: TPodRef, minutesAgo: number, fields?: Record<string, string>) =>
    makeFalcoEvent(falcoRule(rule), { time: at(minutesAgo), hostname: p.node, namespace: p.namespace, pod: p.pod, container: p.container, image: p.image, fields });
  const events: Record<string, unknown>[] = [];
  for (const s of ATTACKS) {
    const target = find(s.namespace, s.prefix)[0];
    if (target) for (const [rule, ago, fields] of s.steps) events.push(event(rule, target, ago, fields));
  }
  for (const n of NOISE) {
    const targets = find(n.namespace, n.prefix);
    let i = 0;
    for (let ago = 7 * DAY; ago > 10 && targets.length; ago -= n.everyMinutes) events.push(event(n.rule, targets[i++ % targets.length], ago, n.fields));
  }
  return events;
}

/** Rules the history draws from: what a SOC sees week after week. */
const HISTORY_RULES = [
  "Terminal shell in container",
  "Read sensitive file untrusted",
  "Drop and execute new binary in container",
  "Launch Package Management Process in Container",
  "Redirect STDOUT/STDIN to Network Connection in Container",
  "Packet socket created in container",
];

/**
 * Five earlier weeks of incidents (7 to 41 days ago), six a week on workloads across the demo cluster,
 * one alert each: the history the managers' response times are computed from (they are triaged and
 * closed by lib/demo/plan-demo-triage.ts before the current week is loaded).
 */
export function demoHistoryEvents(inventoryJson: string, now = new Date()): Record<string, unknown>[] {
  const pods = podsOf(JSON.parse(inventoryJson).items)
    .filter((p) => p.namespace !== "kube-system")
    .sort((a, b) => (a.namespace + a.pod < b.namespace + b.pod ? -1 : 1));
  if (!pods.length) return [];
  const events: Record<string, unknown>[] = [];
  for (let week = 1; week <= 5; week++) {
    for (let k = 0; k < 6; k++) {
      const p = pods[(week * 7 + k * 5) % pods.length];
      const ago = week * 7 * DAY + k * DAY + ((week * 37 + k * 131) % (10 * HOUR));
      events.push(
        makeFalcoEvent(falcoRule(HISTORY_RULES[(week + k) % HISTORY_RULES.length]), {
          time: new Date(now.getTime() - ago * 60_000),
          hostname: p.node,
          namespace: p.namespace,
          pod: p.pod,
          container: p.container,
          image: p.image,
        }),
      );
    }
  }
  return events;
}
