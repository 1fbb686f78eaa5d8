-- The distinct values of the fields of each incident's alerts (command line, file, process,
-- parent, image, container id, user, pod, container, peer address, host), cut to 300 characters,
-- so the queue's free-text search finds what is inside the alerts without reading every alert
-- row. Ingest and merge write it, and this migration fills it from the alerts already stored.
CREATE TABLE "incident_terms" (
    "incidentId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    CONSTRAINT "incident_terms_pkey" PRIMARY KEY ("incidentId", "field", "value")
);
ALTER TABLE "incident_terms" ADD CONSTRAINT "incident_terms_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "incident_terms_value_trgm_idx" ON "incident_terms" USING gin ("value" gin_trgm_ops);
INSERT INTO "incident_terms" ("incidentId", "field", "value")
SELECT DISTINCT a."incidentId", f.field, left(f.value, 300)
FROM "alerts" a
CROSS JOIN LATERAL (VALUES
  ('cmdline', a."procCmdline"), ('file', a."file"), ('process', a."procName"), ('parent', a."procParent"),
  ('image', a."image"), ('containerId', a."containerId"), ('user', a."procUser"), ('user', a."auditUser"),
  ('pod', a."pod"), ('container', a."container"), ('peer', a."peerIp"), ('host', a."hostname")
) AS f(field, value)
WHERE a."incidentId" IS NOT NULL AND f.value IS NOT NULL AND f.value <> ''
  AND EXISTS (SELECT 1 FROM "incidents" i WHERE i.id = a."incidentId")
ON CONFLICT DO NOTHING;
