-- Containment runbook steps ticked done, per incident (DESIGN.md "Contain and fix"). The runbook
-- itself is generated on each read from the incident and its paths, so only the ticks are stored.
CREATE TABLE "incident_runbook_steps" (
    "incidentId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "doneAt" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "doneByLabel" TEXT NOT NULL,

    CONSTRAINT "incident_runbook_steps_pkey" PRIMARY KEY ("incidentId", "stepId")
);
ALTER TABLE "incident_runbook_steps" ADD CONSTRAINT "incident_runbook_steps_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
