// API tokens: 256 random bits, shown once, stored as a SHA-256 hash.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "br_";

export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** What lists show of a token: enough to recognise it, not to use it. */
export function tokenDisplayPrefix(secret: string): string {
  return secret.slice(0, TOKEN_PREFIX.length + 6);
}
