// `npm run collect -- --context NAME [--kubeconfig F] [--catalog FILE…] [--cluster NAME]
//                     (--out FILE | --post URL --token T [--watch])`
// Reads a live cluster and writes the inventory as a Kubernetes List, or posts it to Blast Radius;
// with --watch, then streams the cluster's changes (POST /api/v1/inventory/changes) until stopped.
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseAllDocuments } from "yaml";
import { collectInventory } from "../lib/collector/collect-inventory";
import { watchInventory } from "../lib/collector/watch-inventory";

const USAGE =
  "usage: npm run collect -- --context NAME [--kubeconfig FILE] [--catalog FILE]... [--cluster NAME] (--out FILE | --post URL --token TOKEN [--watch])";

function fail(message: string): never {
  console.error(`collect: ${message}`);
  process.exit(2);
}

/** SensitiveAsset / CloudRole / Team documents to send along with the cluster's objects. */
function readCatalog(files: string[]): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  for (const file of files) {
    parseAllDocuments(readFileSync(file, "utf8")).forEach((doc, i) => {
      if (doc.errors.length) fail(`${file}: document ${i}: ${doc.errors[0].message}`);
      const value = doc.toJS();
      if (value) docs.push(value);
    });
  }
  return docs;
}

async function main() {
  const { values } = parseArgs({
    options: {
      context: { type: "string" },
      kubeconfig: { type: "string" },
      catalog: { type: "string", multiple: true },
      cluster: { type: "string" },
      out: { type: "string" },
      post: { type: "string" },
      token: { type: "string" },
      watch: { type: "boolean" },
    },
  });
  if (!values.context) fail(`--context is required\n${USAGE}`);
  if (!values.out && !values.post) fail(`give --out FILE or --post URL\n${USAGE}`);
  if (values.post && !values.token) fail("--post needs --token (an ingest or admin API token)");
  if (values.watch && !values.post) fail("--watch needs --post URL --token TOKEN");
  const started = Date.now();
  const collected = await collectInventory({ context: values.context, kubeconfig: values.kubeconfig });
  const { list, counts } = collected;
  list.items.push(...readCatalog(values.catalog ?? []));
  const body = JSON.stringify(list);
  console.error(`collect: ${list.items.length} objects in ${Date.now() - started} ms ${JSON.stringify(counts)}`);
  if (values.out) {
    // the inventory maps the cluster's identities and weak points: readable by its owner only
    writeFileSync(values.out, body, { mode: 0o600 });
    chmodSync(values.out, 0o600);
    console.error(`collect: wrote ${values.out} (${body.length} bytes)`);
  }
  if (values.post) {
    const cluster = values.cluster ?? values.context;
    const url = new URL(`/api/v1/inventory?cluster=${encodeURIComponent(cluster)}`, values.post);
    const res = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${values.token}`, "content-type": "application/json" },
      body,
    });
    const answer = await res.text();
    if (!res.ok) fail(`POST ${url}: HTTP ${res.status}: ${answer}`);
    console.log(answer);
    if (values.watch) await watch(values.post, cluster, values.token!, collected, values);
  }
}

/** Streams the cluster's changes until SIGINT/SIGTERM. */
async function watch(post: string, cluster: string, token: string, start: Awaited<ReturnType<typeof collectInventory>>, values: { context?: string; kubeconfig?: string }) {
  const url = new URL(`/api/v1/inventory/changes?cluster=${encodeURIComponent(cluster)}`, post);
  const controller = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());
  console.error(`collect: watching ${cluster}; changes go to ${url.origin} (Ctrl-C stops)`);
  await watchInventory({
    context: values.context,
    kubeconfig: values.kubeconfig,
    start,
    signal: controller.signal,
    log: (m) => console.error(`collect: ${m}`),
    send: async (changes) => {
      const res = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ changes }) });
      const answer = await res.text();
      // 4xx other than 429 will not get better by retrying (token, rights, no base inventory): stop, saying why
      if (res.status >= 400 && res.status < 500 && res.status !== 429) fail(`POST ${url.pathname}: HTTP ${res.status}: ${answer.slice(0, 500)}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = JSON.parse(answer) as { accepted: number; rejected: { index: number; error: string }[] };
      for (const r of body.rejected) console.error(`collect: change ${r.index} refused: ${r.error}`);
    },
  });
}

main().catch((err: Error) => fail(err.message));
