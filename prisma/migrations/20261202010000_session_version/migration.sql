-- Sessions end when a user's password, role or enabled flag changes, or on "sign out everywhere".
ALTER TABLE "users" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- What start-up last applied from BOOTSTRAP_ADMIN_* (argon2id fingerprints, not values).
CREATE TABLE "bootstrap_state" (
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bootstrap_state_pkey" PRIMARY KEY ("key")
);

-- Sign-in throttling shared by every replica.
CREATE TABLE "login_throttle" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "login_throttle_windowStart_idx" ON "login_throttle"("windowStart");

CREATE TABLE "login_account_delay" (
    "account" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "nextAllowedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "login_account_delay_pkey" PRIMARY KEY ("account")
);
CREATE INDEX "login_account_delay_updatedAt_idx" ON "login_account_delay"("updatedAt");

-- OIDC logins link by (issuer, subject), never by e-mail alone.
ALTER TABLE "users" ADD COLUMN "oidcIssuer" TEXT, ADD COLUMN "oidcSubject" TEXT;
CREATE UNIQUE INDEX "users_oidcIssuer_oidcSubject_key" ON "users"("oidcIssuer", "oidcSubject");
