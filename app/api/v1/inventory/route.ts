import { z } from "zod";
import { route } from "@/lib/api/handler";
import { readBodyText } from "@/lib/api/read-body";
import { ApiError, badRequest } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { ZClusterName } from "@/lib/api/cluster-name";
import { checkIngestScope } from "@/lib/auth/ingest-scope";
import { ingestInventory } from "@/lib/ingest/ingest-inventory";

export const maxDuration = 120;

const ZInventoryQuery = z.object({ cluster: ZClusterName });

function formatOf(contentType: string | null): "json" | "yaml" | undefined {
  if (!contentType) return undefined;
  if (/yaml/i.test(contentType)) return "yaml";
  if (/json/i.test(contentType)) return "json";
  return undefined;
}

export const POST = route({
  permission: "inventory.ingest",
  query: ZInventoryQuery,
  handler: async ({ req, actor, query, ip }) => {
    checkIngestScope(actor, "inventory", query.cluster);
    const text = await readBodyText(req, env().INVENTORY_MAX_BYTES);
    if (text.trim() === "") throw badRequest("body: empty; send a Kubernetes List (JSON) or multi-document YAML");
    const format = formatOf(req.headers.get("content-type"));
    const yaml = format === "yaml" || (format === undefined && !/^\s*[[{]/.test(text));
    const yamlMax = env().INVENTORY_YAML_MAX_BYTES;
    if (yaml && Buffer.byteLength(text) > yamlMax) {
      throw new ApiError(413, "payload_too_large", `YAML inventories are limited to ${yamlMax} bytes (INVENTORY_YAML_MAX_BYTES); send the objects as a JSON List (kubectl get -o json), limited to ${env().INVENTORY_MAX_BYTES} bytes`);
    }
    const result = await ingestInventory(actor, query.cluster, { name: "body", text, format }, ip);
    return {
      cluster: result.cluster,
      objects: result.objects,
      pods: result.pods,
      edges: result.edges,
      assets: result.assets,
      workloads: result.workloads,
      skipped: result.skipped,
      teamsSkipped: result.teamsSkipped,
      snapshotId: result.snapshotId,
    };
  },
});
