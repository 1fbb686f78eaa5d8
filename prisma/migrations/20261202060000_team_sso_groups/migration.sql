-- SSO groups a team takes its members from (besides OIDC_TEAM_PREFIX + its name): set by managers.
ALTER TABLE "teams" ADD COLUMN "oidcGroups" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
