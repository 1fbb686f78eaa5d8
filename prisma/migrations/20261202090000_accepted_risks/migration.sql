-- Accepted risks (DESIGN.md "Three kinds of expected"): a workload, or one edge of its graph, whose
-- danger a manager knowingly accepted, with a named owner, a reason and an expiry of at most a year.
-- The workload is referenced by its stable id and by (cluster, workload key), the edge by its stable
-- identifiers (pod names of the workload written as an asterisk), so it holds across snapshots.
CREATE TABLE "accepted_risks" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "workloadId" TEXT NOT NULL,
    "workloadKey" TEXT NOT NULL,
    "edgeFrom" TEXT,
    "edgeKind" TEXT,
    "edgeTo" TEXT,
    "ownerId" TEXT,
    "ownerLabel" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(6) NOT NULL,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "revokedAt" TIMESTAMPTZ(6),
    "revokedByLabel" TEXT,
    -- set by the sweep that audits the expiry, once
    "expiryRecordedAt" TIMESTAMPTZ(6),

    CONSTRAINT "accepted_risks_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "accepted_risks_edge_whole" CHECK (("edgeFrom" IS NULL) = ("edgeKind" IS NULL) AND ("edgeKind" IS NULL) = ("edgeTo" IS NULL))
);
CREATE INDEX "accepted_risks_clusterId_workloadKey_idx" ON "accepted_risks"("clusterId", "workloadKey");
CREATE INDEX "accepted_risks_workloadId_idx" ON "accepted_risks"("workloadId");
CREATE INDEX "accepted_risks_expiresAt_idx" ON "accepted_risks"("expiresAt");
ALTER TABLE "accepted_risks" ADD CONSTRAINT "accepted_risks_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "accepted_risks" ADD CONSTRAINT "accepted_risks_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
