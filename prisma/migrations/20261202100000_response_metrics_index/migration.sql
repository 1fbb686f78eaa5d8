-- Response times and the weekly review read every incident first seen in a period, but only these
-- columns: a covering index lets PostgreSQL answer from the index alone (an index-only scan)
-- instead of reading the whole, wide incident rows. Ingest updates none of these columns, so its
-- incident updates stay heap-only (see 20261127040000_incident_hot_updates). Prisma cannot express
-- INCLUDE, so the schema names the index on its key column only.
CREATE INDEX "incidents_firstSeen_response_idx" ON "incidents"("firstSeen")
  INCLUDE ("mergedIntoId", "teamId", "tier", "status", "acknowledgedAt", "containedAt", "resolvedAt");
