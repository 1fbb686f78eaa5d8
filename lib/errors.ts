// Errors of the domain, said in its own words: lib/ modules throw these, never HTTP statuses;
// lib/api/handler.ts turns each kind into its status (DESIGN.md's error shapes).

export type TDomainErrorKind = "invalid" | "not_allowed" | "not_found" | "conflict" | "too_large" | "busy";

export class DomainError extends Error {
  constructor(
    readonly kind: TDomainErrorKind,
    message: string,
    readonly details?: unknown,
    /** for "busy": when to try again */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The input is wrong; the message names the field. */
export const invalid = (message: string, details?: unknown) => new DomainError("invalid", message, details);
/** The actor may not do this. */
export const notAllowed = (message = "your role may not do this") => new DomainError("not_allowed", message);
/** It does not exist (or not for this actor). */
export const missing = (what = "resource") => new DomainError("not_found", `${what} not found`);
/** It cannot be done in the state things are in. */
export const conflicting = (message: string) => new DomainError("conflict", message);
export const tooLargeInput = (message: string) => new DomainError("too_large", message);
export const busy = (message: string, retryAfterSeconds: number) => new DomainError("busy", message, undefined, retryAfterSeconds);
