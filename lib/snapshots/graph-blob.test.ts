import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildDemoInventory } from "../demo/build-demo-inventory";
import { loadDemoSources } from "../demo/load-demo-sources";
import { analyzeInventory, graphAssets } from "./analyze-inventory";
import { compactAttackGraph, compactGraph, VertexDictionary, type TCompactGraph } from "./compact-snapshot";
import { decodeGraph, encodeGraph } from "./graph-blob";
import { prepareSnapshot } from "./prepare-snapshot";
import { parseInventory } from "../inventory/parse-inventory";
import { DEFAULT_READS_SECRET_YAML } from "../../test/cluster-fixture";

const plain = (g: TCompactGraph) => ({ v: g.v, a: g.a, e: [...g.e] });

describe("stored graph blob", () => {
  it("round-trips the demo inventory's graph, as stored (gzip'd)", () => {
    const { graph } = analyzeInventory([{ name: "demo", text: buildDemoInventory(loadDemoSources()) }], "demo");
    const compact = compactAttackGraph(new VertexDictionary(), graph, graphAssets(graph));
    expect(compact.e.length).toBeGreaterThan(3000);
    const stored = gzipSync(encodeGraph(compact));
    const back = decodeGraph(gunzipSync(stored));
    expect(back.e).toBeInstanceOf(Int32Array);
    expect(plain(back)).toEqual(plain(compact));
  });

  it("keeps the edges aligned whatever the header's length, and reads identifiers outside ASCII", () => {
    for (const name of ["a", "ab", "abc", "abcd", "Pod/ns/é-ü"]) {
      const g = compactGraph(new VertexDictionary(), [{ from: `Pod/ns/${name}`, edge: "CONTAINER_ATTACH", to: `Container/ns/${name}/c` }], [[`Container/ns/${name}/c`, { type: "node", sensitivity: "high" }]]);
      expect(plain(decodeGraph(encodeGraph(g)))).toEqual(plain(g));
    }
  });

  it("a prepared snapshot's stored graph names every vertex its workloads' paths name, unknown-pod stand-ins included", async () => {
    // the demo, and a namespace whose default service account reads a critical Secret
    const inventory = parseInventory([
      { name: "demo", text: buildDemoInventory(loadDemoSources()) },
      { name: "shop", text: DEFAULT_READS_SECRET_YAML },
    ]);
    const prepared = await prepareSnapshot({ inventory }, "demo", { maxEdges: 1e6, maxVertices: 1e6 });
    const { v } = decodeGraph(gunzipSync(prepared.graph));
    expect(prepared.unknownPods.length).toBeGreaterThan(0);
    for (const w of [...prepared.workloads, ...prepared.unknownPods]) {
      for (const [asset, , ...walk] of (w.reachable as { p: number[][] }).p) {
        expect(v[asset]).toBeDefined();
        for (let i = 0; i < walk.length; i += 2) expect(v[walk[i]], w.key).toBeDefined();
      }
    }
  });

  it("encodes a dictionary that grew between two graphs as a fresh encoding would (its identifiers' JSON is extended, not redone)", () => {
    const dict = new VertexDictionary();
    const first = compactGraph(dict, [{ from: "Pod/ns/a", edge: "CONTAINER_ATTACH", to: "Container/ns/a/c" }], []);
    const once = encodeGraph(first);
    // the same array, two identifiers more (one outside ASCII, one needing escapes)
    const second = compactGraph(dict, [{ from: "Pod/ns/é", edge: "CONTAINER_ATTACH", to: 'Container/ns/é/"c"' }], [["Pod/ns/a", { type: "node", sensitivity: "high" }]]);
    expect(second.v).toBe(first.v);
    const fresh = (g: TCompactGraph) => {
      const header = Buffer.from(JSON.stringify({ v: g.v, a: g.a }), "utf8");
      return header.toString("utf8");
    };
    const headerOf = (b: Buffer) => b.subarray(8, 8 + b.readUInt32LE(4)).toString("utf8");
    expect(headerOf(once)).toBe(fresh({ ...first, v: ["Pod/ns/a", "Container/ns/a/c"] }));
    expect(headerOf(encodeGraph(second))).toBe(fresh(second));
    expect(plain(decodeGraph(encodeGraph(second)))).toEqual(plain(second));
  });

  it("still reads a graph stored as JSON before this format", () => {
    const g: TCompactGraph = { v: ["Pod/a/p", "Container/a/p/c"], a: [[1, "node", "high"]], e: [0, 1, 6] };
    expect(plain(decodeGraph(Buffer.from(JSON.stringify(g))))).toEqual(plain(g));
  });
});
