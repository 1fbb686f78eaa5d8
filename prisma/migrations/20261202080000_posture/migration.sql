-- Posture over time: one point per cluster and hour at most (the latest snapshot of the hour),
-- kept when the snapshot itself is pruned.
CREATE TABLE "posture_points" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    -- the snapshot it was computed from, while it is kept (no foreign key: points outlive snapshots)
    "snapshotId" TEXT,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "figures" JSONB NOT NULL,

    CONSTRAINT "posture_points_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "posture_points_clusterId_at_idx" ON "posture_points"("clusterId", "at");
ALTER TABLE "posture_points" ADD CONSTRAINT "posture_points_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;
