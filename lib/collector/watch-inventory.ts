// The collector's --watch mode (DESIGN.md "Live inventory"): after the full list, one Kubernetes
// watch per kind the graph uses, from the list's resourceVersion, with bookmarks; a watch that
// ends is resumed from the last resourceVersion seen, and one that has expired (410 Gone, as an
// HTTP status or an ERROR event) is replaced by a fresh list whose difference from what the
// collector holds is sent as changes. Changes go out in small batches, in order, retried until
// the server takes them. Secrets are watched as metadata only, as they are listed.
import { createInterface } from "node:readline";
import type { KubeConfig } from "@kubernetes/client-node";
import { apiGet, listSecrets, listWithVersion, loadKube, secretMetadata, type TCollected } from "./collect-inventory";
import { RESOURCES, SA_TOKEN_TYPE, type TResource } from "./resources";

/** Accept header of a metadata-only watch: each event's object is a PartialObjectMetadata. */
export const METADATA_ONLY_WATCH_ACCEPT = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";

export interface TWatchChange {
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: Record<string, unknown>;
}

export interface TWatchOptions {
  kubeconfig?: string;
  context?: string;
  /** what the full list returned (collectInventory) */
  start: TCollected;
  /** delivers one batch; a rejection keeps the batch, which is sent again after a pause */
  send: (changes: TWatchChange[]) => Promise<void>;
  signal: AbortSignal;
  /** a batch leaves after this long, or when it holds maxBatch changes */
  flushMs?: number;
  maxBatch?: number;
  /** asked of the API server per watch request; it ends the stream after that, and the watch resumes */
  timeoutSeconds?: number;
  log?: (message: string) => void;
  pageSize?: number;
}

type TItem = Record<string, unknown> & { metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string } };

const keyOf = (item: TItem) => `${item.metadata?.namespace ?? ""}/${item.metadata?.name ?? ""}`;

class GoneError extends Error {}

/** Sends changes in order, in batches; failed batches are retried with backoff (1 s … 30 s). */
class Batcher {
  private queue: TWatchChange[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> = Promise.resolve();
  constructor(private readonly o: Required<Pick<TWatchOptions, "send" | "flushMs" | "maxBatch" | "signal">> & { log: (m: string) => void }) {}

  push(change: TWatchChange) {
    this.queue.push(change);
    if (this.queue.length >= this.o.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.o.flushMs);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sending = this.sending.then(async () => {
      let pause = 1000;
      while (this.queue.length && !this.o.signal.aborted) {
        const batch = this.queue.slice(0, this.o.maxBatch);
        try {
          await this.o.send(batch);
          this.queue.splice(0, batch.length);
          pause = 1000;
        } catch (err) {
          this.o.log(`sending ${batch.length} changes failed (${(err as Error).message}); again in ${pause / 1000} s`);
          await sleep(pause, this.o.signal);
          pause = Math.min(pause * 2, 30_000);
        }
      }
    });
    return this.sending;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });
}

/** One watch request: events until the server ends the stream. Throws GoneError on 410. */
async function streamWatch(
  kc: KubeConfig,
  server: string,
  path: string,
  query: Record<string, string>,
  accept: string,
  signal: AbortSignal,
  onEvent: (type: string, object: TItem) => void,
): Promise<void> {
  const url = new URL(path, server);
  for (const [k, v] of Object.entries({ watch: "true", allowWatchBookmarks: "true", ...query })) url.searchParams.set(k, v);
  const { transport, opts } = await apiGet(kc, url, accept, signal);
  await new Promise<void>((resolve, reject) => {
    const req = transport.request(url, opts, (res) => {
      if (res.statusCode === 410) {
        res.resume();
        reject(new GoneError(`${url.pathname}: 410 Gone`));
        return;
      }
      if ((res.statusCode ?? 500) >= 400) {
        res.resume();
        reject(new Error(`watch ${url.pathname}: HTTP ${res.statusCode}`));
        return;
      }
      let gone: Error | null = null;
      const lines = createInterface({ input: res });
      lines.on("line", (line) => {
        if (!line.trim() || gone) return;
        let event: { type?: string; object?: TItem & { code?: number } };
        try {
          event = JSON.parse(line);
        } catch {
          return;
        }
        if (event.type === "ERROR") {
          gone = event.object?.code === 410 ? new GoneError(`${url.pathname}: resourceVersion expired`) : new Error(`watch ${url.pathname}: ${JSON.stringify(event.object).slice(0, 200)}`);
          req.destroy();
          return;
        }
        if (event.type && event.object) onEvent(event.type, event.object);
      });
      const failed = (err: Error) => (gone ? reject(gone) : signal.aborted ? resolve() : reject(err));
      lines.on("close", () => (gone ? reject(gone) : resolve()));
      // readline passes the stream's errors on (a hang-up, the collector stopping)
      lines.on("error", failed);
      res.on("error", failed);
    });
    req.on("error", (err) => (signal.aborted ? resolve() : reject(err)));
    req.end();
  });
}

/** Runs until the signal aborts. */
export async function watchInventory(o: TWatchOptions): Promise<void> {
  const { kc, server } = loadKube(o);
  const log = o.log ?? (() => undefined);
  const batcher = new Batcher({ send: o.send, flushMs: o.flushMs ?? 500, maxBatch: o.maxBatch ?? 500, signal: o.signal, log });
  const held = new Map<string, Map<string, TItem>>(RESOURCES.map((r) => [r.kind, new Map()]));
  for (const item of o.start.list.items as TItem[]) held.get(String(item.kind))?.set(keyOf(item), item);
  const tokenUids = new Set((o.start.list.items as TItem[]).filter((i) => i.kind === "Secret" && i.type === SA_TOKEN_TYPE).map((i) => i.metadata?.uid));

  const shape = (r: TResource, raw: TItem): TItem => {
    if (r.kind !== "Secret") {
      const { managedFields: _m, ...metadata } = (raw.metadata ?? {}) as Record<string, unknown>;
      void _m;
      return { ...raw, metadata, apiVersion: r.apiVersion, kind: r.kind } as TItem;
    }
    const metadata = secretMetadata(raw.metadata as Record<string, unknown> | undefined) as TItem["metadata"];
    return { apiVersion: r.apiVersion, kind: r.kind, metadata, ...(tokenUids.has(metadata?.uid) ? { type: SA_TOKEN_TYPE } : {}) };
  };
  const emit = (r: TResource, type: TWatchChange["type"], item: TItem) => {
    const mine = held.get(r.kind)!;
    if (type === "DELETED") mine.delete(keyOf(item));
    else mine.set(keyOf(item), item);
    batcher.push({ type, object: item });
  };

  // After 410: list again and send the difference from what is held.
  const relist = async (r: TResource): Promise<string> => {
    const listed = r.kind === "Secret" ? await listSecrets(kc, server, r, o.pageSize ?? 500) : await listWithVersion(kc, server, r, o.pageSize ?? 500);
    if ("tokenUids" in listed) for (const uid of listed.tokenUids) tokenUids.add(uid);
    const mine = held.get(r.kind)!;
    const seen = new Set<string>();
    for (const raw of listed.items as TItem[]) {
      const item = shape(r, raw);
      const key = keyOf(item);
      seen.add(key);
      const before = mine.get(key);
      if (!before) emit(r, "ADDED", item);
      else if (before.metadata?.resourceVersion !== item.metadata?.resourceVersion || JSON.stringify(before) !== JSON.stringify(item)) emit(r, "MODIFIED", item);
    }
    for (const [key, item] of [...mine]) if (!seen.has(key)) emit(r, "DELETED", { apiVersion: r.apiVersion, kind: r.kind, metadata: { name: item.metadata?.name, namespace: item.metadata?.namespace } });
    log(`${r.kind}: listed again after 410 Gone (${listed.items.length} objects)`);
    return listed.resourceVersion;
  };

  const loop = async (r: TResource, startVersion: string, fieldSelector?: string) => {
    let rv = startVersion;
    let pause = 1000;
    while (!o.signal.aborted) {
      try {
        const query: Record<string, string> = { resourceVersion: rv, timeoutSeconds: String(o.timeoutSeconds ?? 300) };
        if (fieldSelector) query.fieldSelector = fieldSelector;
        await streamWatch(kc, server, r.path, query, r.metadataOnly ? METADATA_ONLY_WATCH_ACCEPT : "application/json", o.signal, (type, raw) => {
          rv = raw.metadata?.resourceVersion ?? rv;
          if (type === "BOOKMARK") return;
          if (type !== "ADDED" && type !== "MODIFIED" && type !== "DELETED") return;
          if (fieldSelector) {
            // the token watch only says which Secrets are service-account tokens
            if (type !== "DELETED" && raw.metadata?.uid && !tokenUids.has(raw.metadata.uid)) {
              tokenUids.add(raw.metadata.uid);
              emit(r, "MODIFIED", shape(r, raw));
            }
            return;
          }
          emit(r, type, type === "DELETED" ? { apiVersion: r.apiVersion, kind: r.kind, metadata: { name: raw.metadata?.name, namespace: raw.metadata?.namespace } } : shape(r, raw));
        });
        pause = 1000;
      } catch (err) {
        if (o.signal.aborted) break;
        if (err instanceof GoneError) {
          if (fieldSelector) rv = "";
          else rv = await relist(r).catch((e: Error) => (log(`${r.kind}: list failed (${e.message})`), rv));
          continue;
        }
        log(`${r.kind}: ${(err as Error).message}; watching again in ${pause / 1000} s`);
        await sleep(pause, o.signal);
        pause = Math.min(pause * 2, 30_000);
      }
    }
  };

  const loops = RESOURCES.map((r) => loop(r, o.start.resourceVersions[r.kind] ?? ""));
  const secrets = RESOURCES.find((r) => r.kind === "Secret");
  if (secrets) loops.push(loop(secrets, o.start.resourceVersions.Secret ?? "", `type=${SA_TOKEN_TYPE}`));
  await Promise.all(loops);
  await batcher.flush();
}
