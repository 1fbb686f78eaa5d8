-- Sessions end when a user's password, role or enabled flag changes, or on "sign out everywhere".
ALTER TABLE "users" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- What start-up last applied from BOOTSTRAP_ADMIN_* (argon2id fingerprints, not values).
CREATE TABLE "bootstrap_state" (
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bootstrap_state_pkey" PRIMARY KEY ("key")
);
