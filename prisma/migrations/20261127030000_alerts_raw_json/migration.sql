-- Databases created before the raw payload moved from jsonb to json (it is kept and shown, never
-- queried) still hold jsonb there, and the binary COPY of ingest writes json. On a column that is
-- already json this changes nothing and rewrites nothing.
ALTER TABLE "alerts" ALTER COLUMN "raw" TYPE JSON USING "raw"::json;
