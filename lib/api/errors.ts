// Uniform JSON errors: {error: {code, message, details?}} with the status DESIGN.md names.
import { z } from "zod";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, "bad_request", message, details);
export const unauthorized = () => new ApiError(401, "unauthorized", "authentication required: sign in or send a Bearer token");
export const forbidden = (message = "your role may not do this") => new ApiError(403, "forbidden", message);
export const notFound = (what = "resource") => new ApiError(404, "not_found", `${what} not found`);
export const conflict = (message: string) => new ApiError(409, "conflict", message);
export const tooLarge = (limit: number) =>
  new ApiError(413, "payload_too_large", `request body is larger than the limit of ${limit} bytes`);
export const tooManyRequests = (retryAfter: number) =>
  new ApiError(429, "rate_limited", "too many requests; try again later", undefined, { "Retry-After": String(retryAfter) });
export const serviceBusy = (message: string, retryAfter: number) =>
  new ApiError(503, "busy", message, undefined, { "Retry-After": String(retryAfter) });
export const databaseUnavailable = () =>
  new ApiError(503, "database_unavailable", "the database is not answering; retry shortly", undefined, { "Retry-After": "5" });

/** "body.email: Invalid email address; body.role: ..." — every message names its field. */
export function zodMessage(where: string, error: z.ZodError): string {
  return error.issues
    .map((i) => `${[where, ...i.path.map(String)].join(".")}: ${i.message}`)
    .join("; ");
}

export function errorResponse(err: ApiError): Response {
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: err.code, message: err.message },
  };
  if (err.details !== undefined) body.error.details = err.details;
  return Response.json(body, { status: err.status, headers: err.headers });
}
