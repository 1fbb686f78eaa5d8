-- Pods newer than the inventory: the controllers that name pods are kept per snapshot, and an
-- incident records how its pod was matched to the workload.
CREATE TABLE "snapshot_controllers" (
    "snapshotId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "workloadKey" TEXT NOT NULL,
    "selector" JSONB,

    CONSTRAINT "snapshot_controllers_pkey" PRIMARY KEY ("snapshotId","namespace","kind","name")
);
ALTER TABLE "snapshot_controllers" ADD CONSTRAINT "snapshot_controllers_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "inventory_snapshots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "incidents" ADD COLUMN "resolvedBy" TEXT, ADD COLUMN "resolution" JSONB;
