-- Trigram search for the incident queue's free-text filter (pg_trgm is a trusted extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateTable
CREATE TABLE "alerts" (
    "id" BIGSERIAL NOT NULL,
    "time" TIMESTAMPTZ(6) NOT NULL,
    "timeNs" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clusterId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "activity" BOOLEAN NOT NULL DEFAULT false,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "tags" TEXT[],
    "mitreTechniques" TEXT[],
    "mitreTactics" TEXT[],
    "hostname" TEXT,
    "namespace" TEXT,
    "pod" TEXT,
    "container" TEXT,
    "containerId" TEXT,
    "image" TEXT,
    "procName" TEXT,
    "procCmdline" TEXT,
    "procParent" TEXT,
    "procUser" TEXT,
    "procPid" INTEGER,
    "execId" TEXT,
    "parentExecId" TEXT,
    "auditUser" TEXT,
    "peerIp" TEXT,
    "peerPort" INTEGER,
    "protocol" TEXT,
    "file" TEXT,
    "capabilities" TEXT[],
    "output" TEXT NOT NULL,
    "raw" JSON NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "workloadKey" TEXT,
    "incidentId" TEXT,
    "evidence" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("time","id")
) PARTITION BY RANGE ("time");
-- Hand-written: Prisma cannot express partitioning. Monthly partitions are created ahead and on
-- demand by lib/db/partitions.ts, and retention drops whole partitions instead of deleting rows.

-- CreateTable
CREATE TABLE "incidents" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "workloadKey" TEXT NOT NULL,
    "workloadKind" TEXT NOT NULL,
    "namespace" TEXT,
    "workloadName" TEXT NOT NULL,
    "teamId" TEXT,
    "notInInventory" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "severityRank" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "assigneeId" TEXT,
    "score" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "scoreBreakdown" JSONB NOT NULL DEFAULT '{}',
    "alertCount" INTEGER NOT NULL DEFAULT 0,
    "firstSeen" TIMESTAMPTZ(6) NOT NULL,
    "lastSeen" TIMESTAMPTZ(6) NOT NULL,
    "snapshotAtFirstAlert" TEXT,
    "mitreTactics" TEXT[],
    "acknowledgedAt" TIMESTAMPTZ(6),
    "containedAt" TIMESTAMPTZ(6),
    "resolvedAt" TIMESTAMPTZ(6),
    "disposition" JSONB,
    "mergedIntoId" TEXT,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alerts_incidentId_time_idx" ON "alerts"("incidentId", "time");

-- CreateIndex
CREATE INDEX "alerts_clusterId_namespace_pod_time_idx" ON "alerts"("clusterId", "namespace", "pod", "time");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_dedupeKey_time_key" ON "alerts"("dedupeKey", "time");

-- CreateIndex
CREATE INDEX "incidents_clusterId_workloadKey_status_idx" ON "incidents"("clusterId", "workloadKey", "status");

-- CreateIndex
CREATE INDEX "incidents_score_severityRank_lastSeen_id_idx" ON "incidents"("score" DESC, "severityRank" DESC, "lastSeen" DESC, "id");

-- CreateIndex
CREATE INDEX "incidents_teamId_idx" ON "incidents"("teamId");

-- CreateIndex
CREATE INDEX "incidents_status_idx" ON "incidents"("status");

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: free-text search over incident titles and workloads.
CREATE INDEX "incidents_title_trgm_idx" ON "incidents" USING gin ("title" gin_trgm_ops);
CREATE INDEX "incidents_workloadName_trgm_idx" ON "incidents" USING gin ("workloadName" gin_trgm_ops);
CREATE INDEX "incidents_workloadKey_trgm_idx" ON "incidents" USING gin ("workloadKey" gin_trgm_ops);
-- Open incidents of a workload: the correlation lookup on every ingest.
CREATE INDEX "incidents_open_idx" ON "incidents" ("clusterId", "workloadKey", "lastSeen" DESC) WHERE "status" NOT IN ('resolved', 'false_positive');
