-- A live inventory (DESIGN.md "Live inventory"): watch events kept durably as they arrive, and
-- each snapshot keeps the documents it was computed from, so changes can be applied to it.
ALTER TABLE "inventory_snapshots"
  ADD COLUMN "source" BYTEA,
  ADD COLUMN "throughSeq" BIGINT,
  ADD COLUMN "live" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "lastChangeAt" TIMESTAMPTZ(6);

CREATE TABLE "inventory_changes" (
    "seq" BIGSERIAL NOT NULL,
    "clusterId" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "type" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "document" JSONB,

    CONSTRAINT "inventory_changes_pkey" PRIMARY KEY ("seq")
);
CREATE INDEX "inventory_changes_clusterId_seq_idx" ON "inventory_changes"("clusterId", "seq");
ALTER TABLE "inventory_changes" ADD CONSTRAINT "inventory_changes_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;
