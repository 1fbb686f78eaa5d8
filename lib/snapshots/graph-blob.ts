// The stored form of a snapshot's compact graph (inventory_snapshots.graph, before gzip): a 4-byte
// magic "BRG1", the header's length (uint32, little-endian), the header as JSON ({v, a}: vertex
// identifiers and assets), zero padding to a multiple of 4, then the edges as little-endian int32
// triples (from, to, kind). ~1.2 million edge integers on 10,000 pods are neither written nor
// parsed as JSON text. Snapshots stored before this format hold the whole graph as JSON: still read.
import { endianness } from "node:os";
import type { TCompactGraph } from "./compact-snapshot";

const MAGIC = Buffer.from("BRG1", "latin1");
const LITTLE_ENDIAN = endianness() === "LE";

// A live inventory's dictionary only grows (VertexDictionary): its identifiers' JSON is kept per
// identifier array and extended with the new ones, instead of serializing every identifier again.
const identifierJson = new WeakMap<readonly string[], { count: number; parts: Buffer[] }>();

function identifiersJson(ids: readonly string[]): Buffer[] {
  let kept = identifierJson.get(ids);
  if (!kept || kept.count > ids.length) identifierJson.set(ids, (kept = { count: 0, parts: [] }));
  if (kept.count < ids.length) {
    const fresh = ids.slice(kept.count).map((id) => JSON.stringify(id));
    kept.parts.push(Buffer.from((kept.count > 0 ? "," : "") + fresh.join(","), "utf8"));
    kept.count = ids.length;
    if (kept.parts.length > 32) kept.parts = [Buffer.concat(kept.parts)];
  }
  return kept.parts;
}

/** The header's bytes: exactly JSON.stringify({ v, a }). */
function headerBytes(graph: TCompactGraph): Buffer {
  return Buffer.concat([Buffer.from('{"v":[', "utf8"), ...identifiersJson(graph.v), Buffer.from(`],"a":${JSON.stringify(graph.a)}}`, "utf8")]);
}

export function encodeGraph(graph: TCompactGraph): Buffer {
  const header = headerBytes(graph);
  const start = Math.ceil((8 + header.length) / 4) * 4;
  const out = Buffer.alloc(start + graph.e.length * 4);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(header.length, 4);
  header.copy(out, 8);
  const edges = graph.e instanceof Int32Array ? graph.e : Int32Array.from(graph.e);
  if (LITTLE_ENDIAN) Buffer.from(edges.buffer, edges.byteOffset, edges.byteLength).copy(out, start);
  else for (let i = 0; i < edges.length; i++) out.writeInt32LE(edges[i], start + 4 * i);
  return out;
}

export function decodeGraph(bytes: Buffer): TCompactGraph {
  if (bytes.length < 8 || !bytes.subarray(0, 4).equals(MAGIC)) return JSON.parse(bytes.toString("utf8")) as TCompactGraph;
  const length = bytes.readUInt32LE(4);
  const header = JSON.parse(bytes.subarray(8, 8 + length).toString("utf8")) as Pick<TCompactGraph, "v" | "a">;
  const start = Math.ceil((8 + length) / 4) * 4;
  const count = (bytes.length - start) / 4;
  const e = new Int32Array(count);
  if (LITTLE_ENDIAN) Buffer.from(e.buffer).set(bytes.subarray(start));
  else for (let i = 0; i < count; i++) e[i] = bytes.readInt32LE(start + 4 * i);
  return { v: header.v, a: header.a, e };
}
