// What a live inventory's next graph build can take from the last one (lib/workers/inventory-worker.ts).
// Builds share one VertexNames, so the edges a stretch of rules added are integers that stay valid:
// a pod's structural and escape edges, its network edges as a source, and a Service's endpoint
// edges are recorded once (GraphBuilder.segment) and replayed while what they read is unchanged:
// - a pod's rules read the pod's facts (a new object whenever the pod or its service account's
//   automount setting changes, build-graph.ts), the Secrets (all segments dropped when any Secret
//   changes), and, when noted while they ran (TPodReads), the pods on its node (compared by
//   identity) and its service account's `get pods/log` (asked again);
// - a pod's network edges read its facts and the network model: the policies, the sensitive
//   targets and their backends (all dropped when any of these changes);
// - a Service's endpoint edges read the Service and the pods it selects (compared by identity);
// - a PermissionSet's Secret, token and pod edges in one namespace read its rules and scope, and
//   the namespace's asset Secrets, token Secrets, service accounts and pods (compared by value,
//   pods by identity), and whether the inventory holds Secrets at all.
// Everything else (identities holding sets, escalation, cloud, assets) runs every build. Equal to
// a full build, edge for edge: test/live-inventory-property.test.ts and build-memo.test.ts.
import type { TK8sObject } from "../inventory/types";
import { VertexNames, type TSegment } from "./graph-store";
import type { TPodFacts } from "./pod-facts";
import type { TRbacContext } from "./rbac-rules";

interface TRbacInputs {
  assets: readonly string[];
  tokens: readonly string[];
  accounts: readonly string[];
  pods: readonly TPodFacts[];
}

export interface TPodSegment {
  segment: TSegment;
  secrets: [string, string][];
  node: boolean;
  logs: boolean | undefined;
}

/** Two lists with the very same elements in the same order. */
export function sameItems<T>(a: readonly T[] | undefined | null, b: readonly T[] | undefined | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Identifiers no graph uses any more (pods replaced) stay interned: past this many beyond twice the
// last graph's vertices, the names (and every segment over them) start afresh.
const SPARE_NAMES = 100_000;

export class BuildMemo {
  names = new VertexNames();
  pods = new WeakMap<TPodFacts, TPodSegment>();
  sources = new WeakMap<TPodFacts, TSegment>();
  services = new WeakMap<TK8sObject, { selected: readonly TPodFacts[]; segment: TSegment }>();
  /** what the segments above were recorded against */
  secrets: readonly TK8sObject[] | null = null;
  network: { policies: readonly TK8sObject[]; targets: string; sourceIps: boolean } | null = null;
  podsOnNode: ReadonlyMap<string, readonly TPodFacts[]> = new Map();
  /** by PermissionSet and namespace: the set's rules and scope as JSON, and its edges there */
  private rbac = new Map<string, { rules: string; segment: TSegment }>();
  private rbacUsed = new Map<string, { rules: string; segment: TSegment }>();
  /** per namespace, what the RBAC segments there read, as the last build saw it; and whether each is the same in this build */
  private rbacInputs = new Map<string, TRbacInputs>();
  private rbacSame = new Map<string, boolean>();
  private secretsPresent: boolean | null = null;
  /** in the last build, the pods whose rules were replayed and recorded */
  readonly figures = { replayed: 0, recorded: 0 };

  /** `spareNames`: identifiers kept beyond twice the last graph's before the names start afresh */
  constructor(private readonly spareNames = SPARE_NAMES) {}

  /** Called as a build starts, with the last graph's vertex count. */
  begin(lastVertexCount: number): void {
    this.figures.replayed = 0;
    this.figures.recorded = 0;
    // RBAC segments not used by the last build are gone (their set or namespace is)
    this.rbac = this.rbacUsed;
    this.rbacUsed = new Map();
    this.rbacSame = new Map();
    if (this.names.size <= 2 * lastVertexCount + this.spareNames) return;
    this.names = new VertexNames();
    this.pods = new WeakMap();
    this.sources = new WeakMap();
    this.services = new WeakMap();
    this.rbac = new Map();
  }

  /** A PermissionSet's edges in one namespace (`draw`, rbac-rules.ts): replayed, or drawn and recorded. */
  rbacPortion(ctx: TRbacContext, setId: string, rules: string, ns: string, draw: () => void): void {
    if (this.secretsPresent !== ctx.secrets.present) {
      this.secretsPresent = ctx.secrets.present;
      this.rbac = new Map();
    }
    let same = this.rbacSame.get(ns);
    if (same === undefined) {
      const inputs: TRbacInputs = {
        assets: ctx.secrets.assets.get(ns) ?? [],
        tokens: (ctx.secrets.tokens.get(ns) ?? []).map((t) => `${t.secret}\0${t.serviceAccount}`),
        accounts: (ctx.accountsByNs.get(ns) ?? []).map((a) => a.name),
        pods: ctx.podsByNs.get(ns) ?? [],
      };
      const last = this.rbacInputs.get(ns);
      same = !!last && sameItems(last.assets, inputs.assets) && sameItems(last.tokens, inputs.tokens) && sameItems(last.accounts, inputs.accounts) && sameItems(last.pods, inputs.pods);
      this.rbacSame.set(ns, same);
      this.rbacInputs.set(ns, { ...inputs, assets: [...inputs.assets] });
    }
    const key = `${setId}\0${ns}`;
    const hit = this.rbac.get(key);
    if (same && hit && hit.rules === rules) {
      ctx.b.replay(hit.segment);
      this.rbacUsed.set(key, hit);
      return;
    }
    this.rbacUsed.set(key, { rules, segment: ctx.b.segment(draw) });
  }

  /** The Secrets this build reads: pod segments recorded against other Secrets are dropped. */
  useSecrets(secrets: readonly TK8sObject[]): void {
    if (!sameItems(this.secrets, secrets)) this.pods = new WeakMap();
    this.secrets = secrets;
  }

  /** The network model this build uses: source segments recorded against another are dropped. */
  useNetwork(network: { policies: readonly TK8sObject[]; targets: string; sourceIps: boolean }): void {
    const last = this.network;
    if (!last || !sameItems(last.policies, network.policies) || last.targets !== network.targets || last.sourceIps !== network.sourceIps) this.sources = new WeakMap();
    this.network = network;
  }
}
