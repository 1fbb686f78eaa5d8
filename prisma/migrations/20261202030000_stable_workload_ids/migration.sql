-- Stable workload ids (DESIGN.md "Stable identities"): 'wl_' + the first 24 hex digits of
-- sha256(cluster name || LF || workload key), as lib/snapshots/workload-id.ts computes them.
ALTER TABLE "workloads" ADD COLUMN "stableId" TEXT;
UPDATE "workloads" w SET "stableId" = 'wl_' || substr(encode(sha256(convert_to(c.name || E'\n' || w.key, 'UTF8')), 'hex'), 1, 24)
FROM "inventory_snapshots" s JOIN "clusters" c ON c.id = s."clusterId"
WHERE s.id = w."snapshotId";
ALTER TABLE "workloads" ALTER COLUMN "stableId" SET NOT NULL;
CREATE INDEX "workloads_stableId_idx" ON "workloads"("stableId");
