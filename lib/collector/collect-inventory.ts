// Reads a live cluster through its kubeconfig context and returns one Kubernetes `List`, as
// `kubectl get … -A -o json` would print it. Lists are paginated; Secrets come as metadata
// only, with `type` restored for service-account tokens through a field selector.
import http from "node:http";
import https from "node:https";
import { KubeConfig } from "@kubernetes/client-node";
import { METADATA_ONLY_ACCEPT, RESOURCES, SA_TOKEN_TYPE, type TResource } from "./resources";

interface TListPage {
  items?: Record<string, unknown>[];
  metadata?: { continue?: string; resourceVersion?: string };
}

export interface TCollectOptions {
  kubeconfig?: string;
  context?: string;
  pageSize?: number;
}

export interface TCollected {
  list: { apiVersion: "v1"; kind: "List"; items: Record<string, unknown>[] };
  counts: Record<string, number>;
  /** per kind, the resourceVersion of its list: where a watch starts (collector --watch) */
  resourceVersions: Record<string, string>;
}

/** A GET to the API server with the kubeconfig's credentials and TLS settings: the transport and its options. */
export async function apiGet(kc: KubeConfig, url: URL, accept: string, signal?: AbortSignal) {
  const opts: https.RequestOptions = { method: "GET", headers: { Accept: accept }, ...(signal ? { signal } : {}) };
  await kc.applyToHTTPSOptions(opts);
  return { transport: url.protocol === "http:" ? http : https, opts };
}

export async function getJson(kc: KubeConfig, server: string, path: string, accept: string): Promise<TListPage> {
  const url = new URL(path, server);
  const { transport, opts } = await apiGet(kc, url, accept);
  return new Promise((resolve, reject) => {
    const req = transport.request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        if ((res.statusCode ?? 500) >= 400) {
          reject(new Error(`GET ${url.pathname}: HTTP ${res.statusCode}: ${body.slice(0, 300)}`));
          return;
        }
        try {
          resolve(JSON.parse(body) as TListPage);
        } catch {
          reject(new Error(`GET ${url.pathname}: answer is not JSON`));
        }
      });
    });
    req.on("error", reject);
    req.end();
  });
}

export async function listAll(kc: KubeConfig, server: string, r: TResource, pageSize: number, fieldSelector?: string) {
  return (await listWithVersion(kc, server, r, pageSize, fieldSelector)).items;
}

/** Every item of a kind (pages followed) and the list's resourceVersion. */
export async function listWithVersion(kc: KubeConfig, server: string, r: TResource, pageSize: number, fieldSelector?: string) {
  const items: Record<string, unknown>[] = [];
  let cont: string | undefined;
  let resourceVersion = "";
  do {
    const q = new URLSearchParams({ limit: String(pageSize) });
    if (cont) q.set("continue", cont);
    if (fieldSelector) q.set("fieldSelector", fieldSelector);
    const page = await getJson(kc, server, `${r.path}?${q}`, r.metadataOnly ? METADATA_ONLY_ACCEPT : "application/json");
    for (const item of page.items ?? []) items.push(item);
    resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    cont = page.metadata?.continue || undefined;
  } while (cont);
  return { items, resourceVersion };
}

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * A Secret's metadata as it may leave the machine: without managedFields and without kubectl's
 * last-applied-configuration annotation, which holds the whole manifest the Secret was applied
 * from — its values included.
 */
export function secretMetadata(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  const { managedFields: _managed, annotations, ...rest } = (metadata ?? {}) as Record<string, unknown> & { annotations?: Record<string, string> };
  void _managed;
  if (!annotations) return rest;
  const kept = Object.fromEntries(Object.entries(annotations).filter(([k]) => k !== LAST_APPLIED));
  return Object.keys(kept).length ? { ...rest, annotations: kept } : rest;
}

/** Secrets as metadata only; `type` is only known for service-account tokens, which the graph needs. */
export async function listSecrets(kc: KubeConfig, server: string, r: TResource, pageSize: number) {
  const all = await listWithVersion(kc, server, r, pageSize);
  const tokens = await listAll(kc, server, r, pageSize, `type=${SA_TOKEN_TYPE}`);
  const tokenUids = new Set(tokens.map((t) => (t.metadata as { uid?: string })?.uid));
  const items = all.items.map((s) => {
    const metadata = secretMetadata(s.metadata as Record<string, unknown> | undefined);
    return tokenUids.has(metadata.uid as string | undefined) ? { metadata, type: SA_TOKEN_TYPE } : { metadata };
  });
  return { items, resourceVersion: all.resourceVersion, tokenUids };
}

/** The kubeconfig context's client configuration and API server. */
export function loadKube(options: Pick<TCollectOptions, "kubeconfig" | "context">): { kc: KubeConfig; server: string } {
  const kc = new KubeConfig();
  if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
  else kc.loadFromDefault();
  if (options.context) kc.setCurrentContext(options.context);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`kubeconfig context ${options.context ?? kc.getCurrentContext()} has no cluster`);
  return { kc, server: cluster.server };
}

export async function collectInventory(options: TCollectOptions = {}): Promise<TCollected> {
  const { kc, server } = loadKube(options);
  const pageSize = options.pageSize ?? 500;
  const items: Record<string, unknown>[] = [];
  const counts: Record<string, number> = {};
  const resourceVersions: Record<string, string> = {};
  for (const r of RESOURCES) {
    const listed = r.kind === "Secret" ? await listSecrets(kc, server, r, pageSize) : await listWithVersion(kc, server, r, pageSize);
    counts[r.kind] = listed.items.length;
    resourceVersions[r.kind] = listed.resourceVersion;
    // List items come without kind/apiVersion; kubectl adds them, and so do we.
    for (const item of listed.items) items.push({ ...item, apiVersion: r.apiVersion, kind: r.kind });
  }
  return { list: { apiVersion: "v1", kind: "List", items }, counts, resourceVersions };
}
