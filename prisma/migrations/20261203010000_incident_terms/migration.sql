-- The distinct values of the fields of each incident alerts (rule, workload, command line, file,
-- process, parent, image, container id, user, pod, container, peer address, host), cut to 300 characters,
-- so the queue free-text search finds what is inside the alerts without reading every alert
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
  ('rule', a."rule"), ('workload', a."workloadKey"), ('cmdline', a."procCmdline"), ('file', a."file"), ('process', a."procName"), ('parent', a."procParent"),
  ('image', a."image"), ('containerId', a."containerId"), ('user', a."procUser"), ('user', a."auditUser"),
  ('pod', a."pod"), ('container', a."container"), ('peer', a."peerIp"), ('host', a."hostname")
) AS f(field, value)
WHERE a."incidentId" IS NOT NULL AND f.value IS NOT NULL AND f.value <> ''
  AND EXISTS (SELECT 1 FROM "incidents" i WHERE i.id = a."incidentId")
ON CONFLICT DO NOTHING;
-- Every incident is found by its title and workload whatever wrote it (ingest, a move to another
-- workload, a rescore, a merge): a row trigger adds them as terms.
CREATE FUNCTION "incident_terms_of_incident"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "incident_terms" ("incidentId", "field", "value")
  VALUES (NEW.id, ''rule'', left(NEW.title, 300)), (NEW.id, ''workload'', left(NEW."workloadKey", 300))
  ON CONFLICT DO NOTHING\073
  RETURN NULL\073
END\073
';
CREATE TRIGGER "incident_terms_of_incident" AFTER INSERT OR UPDATE OF "title", "workloadKey" ON "incidents"
  FOR EACH ROW EXECUTE FUNCTION "incident_terms_of_incident"();
INSERT INTO "incident_terms" ("incidentId", "field", "value")
SELECT i.id, f.field, left(f.value, 300)
FROM "incidents" i CROSS JOIN LATERAL (VALUES ('rule', i.title), ('workload', i."workloadKey")) AS f(field, value)
ON CONFLICT DO NOTHING;
-- The queue search now goes through incident_terms only: the trigram indexes on the incident
-- columns cost every incident write and serve no query.
DROP INDEX IF EXISTS "incidents_title_trgm_idx";
DROP INDEX IF EXISTS "incidents_workloadName_trgm_idx";
DROP INDEX IF EXISTS "incidents_workloadKey_trgm_idx";
-- Ingest appends the terms of its alerts here (no index but the key: cheap inside the ingest
-- transaction), and a timer moves them into incident_terms in large batches, so the trigram
-- index is maintained off the ingest path. A search sees an alert value within seconds.
CREATE TABLE "incident_terms_pending" (
    "id" BIGSERIAL NOT NULL,
    "incidentId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    CONSTRAINT "incident_terms_pending_pkey" PRIMARY KEY ("id")
);
