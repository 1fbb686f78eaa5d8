-- Ingest folds each batch into its incidents with one UPDATE per incident, which always moves
-- "lastSeen" and the counts. With "lastSeen" in no index and room left on every page, those
-- updates are HOT (heap-only): no new entries in the nine incident indexes, and old row versions
-- are pruned in place. The queue still reads in its order: the index gives score and severity,
-- and PostgreSQL sorts each group of equal ones by last seen (incremental sort).
DROP INDEX "incidents_score_severityRank_lastSeen_id_idx";
CREATE INDEX "incidents_score_severityRank_idx" ON "incidents"("score" DESC, "severityRank" DESC);
-- The open-incident lookup of ingest uses incidents_clusterId_workloadKey_status_idx.
DROP INDEX "incidents_open_idx";
ALTER TABLE "incidents" SET (fillfactor = 70);
