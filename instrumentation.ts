// Runs once when the server starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Alert batches are normalized on worker threads: start them now, not on the first batch.
  const { warmNormalizeWorkers } = await import("./lib/workers/normalize-pool");
  const { env } = await import("./lib/env");
  warmNormalizeWorkers(env().NORMALIZE_WORKERS, env().MASK_PATTERNS);
}
