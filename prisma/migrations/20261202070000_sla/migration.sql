-- Response targets per incident tier, and the breaches of them, recorded when they happen (with
-- the target then in force) so history stays true after a target changes.
CREATE TABLE "sla_targets" (
    "tier" TEXT NOT NULL,
    "acknowledgeMinutes" INTEGER NOT NULL,
    "containMinutes" INTEGER NOT NULL,
    "updatedByLabel" TEXT,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),

    CONSTRAINT "sla_targets_pkey" PRIMARY KEY ("tier")
);
INSERT INTO "sla_targets" ("tier", "acknowledgeMinutes", "containMinutes") VALUES
  ('critical', 15, 60),
  ('high', 60, 240),
  ('other', 480, 1440);

CREATE TABLE "sla_breaches" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    -- acknowledge or contain
    "kind" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "targetMinutes" INTEGER NOT NULL,
    "dueAt" TIMESTAMPTZ(6) NOT NULL,
    "recordedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "teamId" TEXT,

    CONSTRAINT "sla_breaches_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sla_breaches_incidentId_kind_key" ON "sla_breaches"("incidentId", "kind");
CREATE INDEX "sla_breaches_dueAt_idx" ON "sla_breaches"("dueAt");
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;
