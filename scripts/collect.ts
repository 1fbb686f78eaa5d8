// `npm run collect -- --context NAME [--kubeconfig F] [--catalog FILE…] [--cluster NAME]
//                     (--out FILE | --post URL --token T)`
// Reads a live cluster and writes the inventory as a Kubernetes List, or posts it to Blast Radius.
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseAllDocuments } from "yaml";
import { collectInventory } from "../lib/collector/collect-inventory";

const USAGE =
  "usage: npm run collect -- --context NAME [--kubeconfig FILE] [--catalog FILE]... [--cluster NAME] (--out FILE | --post URL --token TOKEN)";

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
    },
  });
  if (!values.context) fail(`--context is required\n${USAGE}`);
  if (!values.out && !values.post) fail(`give --out FILE or --post URL\n${USAGE}`);
  if (values.post && !values.token) fail("--post needs --token (an ingest or admin API token)");
  const started = Date.now();
  const { list, counts } = await collectInventory({ context: values.context, kubeconfig: values.kubeconfig });
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
  }
}

main().catch((err: Error) => fail(err.message));
