-- Managers (DESIGN.md "Managers"): the tier of an incident, written once when it opens, where each
-- owner of a workload came from, and the ownership rules managers set, which outlive snapshots.

-- Incident tier. Back-filled from the stored breakdown with lib/domain/incident-tier.ts
-- rule: critical when a critical asset was reached at cost <= 3, else high likewise, else other.
ALTER TABLE "incidents" ADD COLUMN "tier" TEXT NOT NULL DEFAULT 'other';
UPDATE "incidents" i SET "tier" = CASE
    WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(i."scoreBreakdown"->'tiers') = 'array' THEN i."scoreBreakdown"->'tiers' ELSE '[]'::jsonb END) t
                 WHERE t->>'tier' = 'critical' AND COALESCE((t->>'count')::int, 0) > 0 AND (t->>'nearestCost')::float8 <= 3) THEN 'critical'
    WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(i."scoreBreakdown"->'tiers') = 'array' THEN i."scoreBreakdown"->'tiers' ELSE '[]'::jsonb END) t
                 WHERE t->>'tier' = 'high' AND COALESCE((t->>'count')::int, 0) > 0 AND (t->>'nearestCost')::float8 <= 3) THEN 'high'
    ELSE 'other' END;
CREATE INDEX "incidents_tier_firstSeen_idx" ON "incidents"("tier", "firstSeen");
CREATE INDEX "incidents_teamId_firstSeen_idx" ON "incidents"("teamId", "firstSeen");

-- Where the owner of a workload came from: the Team documents (by namespace or by label
-- selector), or a manager rule (for the namespace, or for the one workload). What the Team
-- documents say is kept beside the effective owner, so removing a rule restores it.
ALTER TABLE "workloads"
  ADD COLUMN "teamSource" TEXT,
  ADD COLUMN "inventoryTeamId" TEXT,
  ADD COLUMN "inventoryTeamSource" TEXT;
UPDATE "workloads" SET "inventoryTeamId" = "teamId", "teamSource" = 'team_namespace', "inventoryTeamSource" = 'team_namespace' WHERE "teamId" IS NOT NULL;
ALTER TABLE "workloads" ADD CONSTRAINT "workloads_inventoryTeamId_fkey" FOREIGN KEY ("inventoryTeamId") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "ownership_rules" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    -- null: every workload of the namespace, else the key of one workload (<Kind>/<ns>/<name>)
    "workloadKey" TEXT,
    "teamId" TEXT NOT NULL,
    "reason" TEXT,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),

    CONSTRAINT "ownership_rules_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ownership_rules_clusterId_namespace_workloadKey_key" ON "ownership_rules"("clusterId", "namespace", COALESCE("workloadKey", ''));
ALTER TABLE "ownership_rules" ADD CONSTRAINT "ownership_rules_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ownership_rules" ADD CONSTRAINT "ownership_rules_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ownership_rules" ADD CONSTRAINT "ownership_rules_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
