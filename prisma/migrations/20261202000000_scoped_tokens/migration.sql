-- Scoped ingest tokens: limited to clusters, to alerts or inventories, and to uploads whose Team
-- documents are applied only when allowed. Tokens made before keep their rights (any cluster,
-- both kinds, Team documents applied).
ALTER TABLE "api_tokens" ADD COLUMN "clusters" TEXT[] DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "kinds" TEXT[] DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "allowTeams" BOOLEAN NOT NULL DEFAULT false;
UPDATE "api_tokens" SET "allowTeams" = true;
