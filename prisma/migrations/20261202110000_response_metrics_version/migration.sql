-- Response times are cached per replica (lib/db/response-metrics.ts), keyed by this version: it
-- moves whenever a statement changes what they are computed from (an incident opened, merged or
-- deleted, its first alert, team, tier, status or triage times), and not for the updates ingest
-- makes to incidents all day (last seen, counts, score), so the cache holds while alerts flow.
-- The function body is an escaped string with each semicolon written as the octal escape 073: the
-- migration runner splits a script at every semicolon, inside quotes too.
CREATE SEQUENCE "incident_response_version";

CREATE FUNCTION "bump_incident_response_version"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
      RETURN NULL\073
    END IF\073
  END IF\073
  IF TG_OP = ''DELETE'' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN
      RETURN NULL\073
    END IF\073
  END IF\073
  IF TG_OP = ''UPDATE'' THEN
    IF NOT EXISTS (
      SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n."firstSeen", n."teamId", n.tier, n.status, n."acknowledgedAt", n."containedAt", n."resolvedAt", n."mergedIntoId")
            IS DISTINCT FROM (o."firstSeen", o."teamId", o.tier, o.status, o."acknowledgedAt", o."containedAt", o."resolvedAt", o."mergedIntoId")
    ) THEN
      RETURN NULL\073
    END IF\073
  END IF\073
  PERFORM nextval(''incident_response_version'')\073
  RETURN NULL\073
END
';

CREATE TRIGGER "incidents_response_version_insert" AFTER INSERT ON "incidents"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_incident_response_version"();
CREATE TRIGGER "incidents_response_version_update" AFTER UPDATE ON "incidents"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_incident_response_version"();
CREATE TRIGGER "incidents_response_version_delete" AFTER DELETE ON "incidents"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_incident_response_version"();
