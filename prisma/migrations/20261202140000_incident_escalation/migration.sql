-- A developer escalates an incident of their team with a note: who, when and the note, until an
-- analyst clears it. The queue filters on it and shows it as a badge.
ALTER TABLE "incidents" ADD COLUMN "escalation" JSONB;
CREATE INDEX "incidents_escalated_idx" ON "incidents" ("score" DESC) WHERE "escalation" IS NOT NULL;
