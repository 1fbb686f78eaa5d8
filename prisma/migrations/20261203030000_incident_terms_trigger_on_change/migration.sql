-- The incident terms trigger fired on every UPDATE that named title or workloadKey, so a
-- re-score of the open incidents after each inventory ran it for every one of them. Now an insert
-- always adds the terms and an update only when the title or the workload really changed.
DROP TRIGGER "incident_terms_of_incident" ON "incidents";
CREATE TRIGGER "incident_terms_of_new_incident" AFTER INSERT ON "incidents"
  FOR EACH ROW EXECUTE FUNCTION "incident_terms_of_incident"();
CREATE TRIGGER "incident_terms_of_changed_incident" AFTER UPDATE OF "title", "workloadKey" ON "incidents"
  FOR EACH ROW WHEN (OLD."title" IS DISTINCT FROM NEW."title" OR OLD."workloadKey" IS DISTINCT FROM NEW."workloadKey")
  EXECUTE FUNCTION "incident_terms_of_incident"();
