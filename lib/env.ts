// The one module that reads process.env: every setting, validated once, with its default.
import "#server-only"; // a client component that reaches this module fails the build (package.json "imports")
import { z } from "zod";
import { compileMaskPatterns } from "./alerts/mask-patterns";
import { parseTrustedProxies } from "./net/client-address";
import { parseAllowedOrigins } from "./net/request-origin";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v : undefined));

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** proxies whose X-Forwarded-For is believed (IP addresses or CIDR blocks, comma-separated); none by default */
  TRUSTED_PROXIES: optionalString.superRefine((text, ctx) => {
    try {
      parseTrustedProxies(text);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
    }
  }),
  /** origins besides the one a request came to from which signed-in changes are accepted (comma-separated) */
  ALLOWED_ORIGINS: optionalString
    .superRefine((text, ctx) => {
      try {
        parseAllowedOrigins(text);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    })
    .transform((text) => parseAllowedOrigins(text)),
  /** address to listen on; with demo users and no HOST, 127.0.0.1 only */
  HOST: optionalString,
  DATA_DIR: z.string().default(".data"),
  NEXTAUTH_URL: optionalString,
  NEXTAUTH_SECRET: optionalString,
  SEED_DEMO: flag,
  BOOTSTRAP_ADMIN_TOKEN: optionalString,
  BOOTSTRAP_ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
  BOOTSTRAP_ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, "must be at least 12 characters, as for every user").optional()),
  OIDC_ISSUER: optionalString.pipe(z.url().optional()),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_NAME: z.string().default("Single sign-on"),
  OIDC_GROUPS_CLAIM: z.string().default("groups"),
  /** "admin=sec-admins,analyst=soc;soc-l2,manager=sec-leads": which groups give which role. */
  OIDC_ROLE_GROUPS: z.string().default(""),
  /** A group named `<prefix><team>` makes the user a member of that team. */
  OIDC_TEAM_PREFIX: z.string().default("team-"),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(300),
  /** largest accepted inventory upload, in bytes (DESIGN.md: 100 MB) */
  INVENTORY_MAX_BYTES: z.coerce.number().int().min(1024).default(100 * 1024 * 1024),
  /** largest YAML inventory: parsing YAML takes ~25 × the heap and ~30 × the time of the same objects as JSON */
  INVENTORY_YAML_MAX_BYTES: z.coerce.number().int().min(1024).default(16 * 1024 * 1024),
  /** attack graphs larger than this are refused (413): a 25,000-pod cluster has ~1.8 M edges */
  INVENTORY_MAX_EDGES: z.coerce.number().int().min(1).default(5_000_000),
  INVENTORY_MAX_VERTICES: z.coerce.number().int().min(1).default(1_000_000),
  /** heap cap of the worker thread that analyzes an upload, in MB; above it the upload is refused (413) */
  INVENTORY_ANALYSIS_MEMORY_MB: z.coerce.number().int().min(64).default(2048),
  /** inventory snapshots kept per cluster, so incidents can show the graph at alert time */
  INVENTORY_KEEP_SNAPSHOTS: z.coerce.number().int().min(1).max(1000).default(10),
  /** largest accepted alert batch, in bytes */
  ALERTS_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  /** alerts within this many minutes of an incident's last alert join it */
  CORRELATION_WINDOW_MINUTES: z.coerce.number().min(1).max(24 * 60).default(30),
  /** alerts are kept this long; older monthly partitions are dropped */
  ALERT_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  /** extra secret patterns to mask, one RE2 regular expression per line; an invalid one stops the start naming its line */
  MASK_PATTERNS: z
    .string()
    .default("")
    .superRefine((text, ctx) => {
      try {
        compileMaskPatterns(text);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : String(err) });
      }
    }),
  /** worker threads that split and normalize alert batches; default: one fewer than the cores, at most 4; 0 = on the main thread */
  NORMALIZE_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
  /** a sensor with no event for this long is flagged silent on the Sources page */
  SOURCE_SILENT_MINUTES: z.coerce.number().int().min(1).default(60),
  /** an inventory older than this is flagged stale */
  INVENTORY_STALE_HOURS: z.coerce.number().min(1).default(24),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

/** Parses the environment once; a bad value stops start-up with a message naming the variable. */
export function env(): TEnv {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid environment: ${problems}`);
  }
  if (parsed.data.BOOTSTRAP_ADMIN_EMAIL && !parsed.data.BOOTSTRAP_ADMIN_PASSWORD) {
    throw new Error("invalid environment: BOOTSTRAP_ADMIN_PASSWORD is required with BOOTSTRAP_ADMIN_EMAIL");
  }
  cached = parsed.data;
  return cached;
}

export function oidcEnabled(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
