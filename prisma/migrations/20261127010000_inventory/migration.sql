-- CreateTable
CREATE TABLE "clusters" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "currentSnapshotId" TEXT,

    CONSTRAINT "clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_snapshots" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploadedBy" TEXT NOT NULL,
    "objects" INTEGER NOT NULL,
    "pods" INTEGER NOT NULL,
    "edges" INTEGER NOT NULL,
    "assets" INTEGER NOT NULL,
    "skipped" JSONB NOT NULL,
    "graph" BYTEA NOT NULL,

    CONSTRAINT "inventory_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workloads" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "teamId" TEXT,
    "score" DOUBLE PRECISION NOT NULL,
    "breakdown" JSONB NOT NULL,
    "pods" TEXT[],
    "tierCounts" JSONB NOT NULL,
    "reachable" JSONB NOT NULL,

    CONSTRAINT "workloads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshot_pods" (
    "snapshotId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "workloadKey" TEXT NOT NULL,
    "nodeName" TEXT,
    "serviceAccount" TEXT,

    CONSTRAINT "snapshot_pods_pkey" PRIMARY KEY ("snapshotId","namespace","name")
);

-- CreateIndex
CREATE INDEX "snapshot_pods_snapshotId_serviceAccount_idx" ON "snapshot_pods"("snapshotId", "serviceAccount");

-- CreateIndex
CREATE UNIQUE INDEX "clusters_name_key" ON "clusters"("name");

-- CreateIndex
CREATE INDEX "inventory_snapshots_clusterId_createdAt_idx" ON "inventory_snapshots"("clusterId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "workloads_snapshotId_score_idx" ON "workloads"("snapshotId", "score" DESC);

-- CreateIndex
CREATE INDEX "workloads_teamId_idx" ON "workloads"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "workloads_snapshotId_key_key" ON "workloads"("snapshotId", "key");

-- AddForeignKey
ALTER TABLE "inventory_snapshots" ADD CONSTRAINT "inventory_snapshots_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workloads" ADD CONSTRAINT "workloads_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "inventory_snapshots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workloads" ADD CONSTRAINT "workloads_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot_pods" ADD CONSTRAINT "snapshot_pods_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "inventory_snapshots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

