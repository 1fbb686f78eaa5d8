// The assets of a blast radius (DESIGN.md "Assets"): SensitiveAssets, Secrets other than service
// account tokens, annotated Services, Nodes and the ControlPlane, each with type and sensitivity.
import { SENSITIVITIES, type TAssetType, type TInventory, type TK8sObject, type TSensitivity } from "../inventory/types";
import type { GraphBuilder } from "./graph-store";
import { vid } from "./ids";

export const SENSITIVITY_KEY = "blastradius.dev/sensitivity";
export const ASSET_TYPE_KEY = "blastradius.dev/asset-type";
export const SA_TOKEN_TYPE = "kubernetes.io/service-account-token";
const ASSET_TYPES: readonly TAssetType[] = ["bucket", "database", "secret-store", "kms", "queue", "api", "other"];

function sensitivityOf(object: TK8sObject): TSensitivity | null {
  const value = object.metadata.labels?.[SENSITIVITY_KEY] ?? object.metadata.annotations?.[SENSITIVITY_KEY];
  return value && (SENSITIVITIES as readonly string[]).includes(value) ? (value as TSensitivity) : null;
}

export interface TSecretIndex {
  /** the inventory holds Secrets: token rules use them instead of KubeHound's fallback */
  present: boolean;
  /** asset Secret names by namespace (service account tokens excluded), inventory order */
  assets: Map<string, string[]>;
  /** service account token Secrets by namespace: the Secret's name and the account it authenticates */
  tokens: Map<string, { secret: string; serviceAccount: string }[]>;
  /** `ns/name` of token Secrets: never assets, never mounted as one */
  tokenNames: Set<string>;
}

export function indexSecrets(inv: TInventory): TSecretIndex {
  const index: TSecretIndex = { present: inv.secrets.length > 0, assets: new Map(), tokens: new Map(), tokenNames: new Set() };
  for (const secret of inv.secrets) {
    const ns = secret.metadata.namespace ?? "default";
    const name = secret.metadata.name;
    if (secret.type === SA_TOKEN_TYPE) {
      index.tokenNames.add(`${ns}/${name}`);
      const serviceAccount = secret.metadata.annotations?.["kubernetes.io/service-account.name"];
      if (!serviceAccount) continue;
      const list = index.tokens.get(ns) ?? [];
      list.push({ secret: name, serviceAccount });
      index.tokens.set(ns, list);
    } else {
      const list = index.assets.get(ns) ?? [];
      list.push(name);
      index.assets.set(ns, list);
    }
  }
  return index;
}

/** A Secret a pod references but the inventory lacks (a manifest bundle) still counts, at the default sensitivity. */
export function addReferencedSecret(b: GraphBuilder, secrets: TSecretIndex, ns: string, name: string): string | null {
  if (secrets.tokenNames.has(`${ns}/${name}`)) return null;
  const id = vid.secret(ns, name);
  if (!b.has(id)) {
    b.asset(id, { type: "secret", sensitivity: "medium" });
    const list = secrets.assets.get(ns) ?? [];
    list.push(name);
    secrets.assets.set(ns, list);
  }
  return id;
}

export function addAssets(b: GraphBuilder, inv: TInventory, cluster: string): void {
  b.asset(vid.controlPlane(cluster), { type: "control-plane", sensitivity: "critical" });
  for (const node of inv.nodes) b.asset(vid.node(node.metadata.name), { type: "node", sensitivity: "high" });
  for (const asset of inv.sensitiveAssets) b.asset(vid.sensitiveAsset(asset.name), { type: asset.type, sensitivity: asset.sensitivity });
  for (const secret of inv.secrets) {
    if (secret.type === SA_TOKEN_TYPE) continue;
    b.asset(vid.secret(secret.metadata.namespace ?? "default", secret.metadata.name), { type: "secret", sensitivity: sensitivityOf(secret) ?? "medium" });
  }
  for (const service of inv.services) {
    const annotation = service.metadata.annotations?.[SENSITIVITY_KEY];
    if (annotation === undefined) continue;
    const declared = service.metadata.annotations?.[ASSET_TYPE_KEY];
    const type = declared === undefined ? "database" : ASSET_TYPES.includes(declared as TAssetType) ? (declared as TAssetType) : "other";
    const sensitivity = (SENSITIVITIES as readonly string[]).includes(annotation) ? (annotation as TSensitivity) : "medium";
    b.asset(vid.service(service.metadata.namespace ?? "default", service.metadata.name), { type, sensitivity });
  }
}

/** Asset Services: the targets of NETWORK_REACH. */
export function isAssetService(service: TK8sObject): boolean {
  return service.metadata.annotations?.[SENSITIVITY_KEY] !== undefined;
}
