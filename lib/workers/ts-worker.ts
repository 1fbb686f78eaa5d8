// Starts a worker thread on one of the project's TypeScript files, through tsx (a runtime
// dependency already), so dev, tests and the production build run the same source. The entry is
// found from the project root, wherever the process was started and whatever the bundler did to
// this module's own path.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker, type ResourceLimits } from "node:worker_threads";

/**
 * The project root holding `probe` (a path inside it), found from (in order) BLAST_RADIUS_ROOT,
 * this module's own file, the running script, and the working directory. `npm start` sets
 * BLAST_RADIUS_ROOT for the web server, whose bundled modules have no source path.
 */
export function findProjectRoot(probe = path.join("lib", "workers", "ts-worker.ts")): string | null {
  const here = typeof __filename === "string" ? path.dirname(__filename) : null;
  const starts = [process.env.BLAST_RADIUS_ROOT, here, process.argv[1] ? path.dirname(path.resolve(process.argv[1])) : null, process.cwd()];
  for (const start of starts) {
    if (!start) continue;
    // (turbopackIgnore: these paths are looked up at run time; the bundle must not trace them)
    for (let dir = path.resolve(/*turbopackIgnore: true*/ start); ; dir = path.dirname(dir)) {
      if (existsSync(path.join(/*turbopackIgnore: true*/ dir, probe)) && existsSync(path.join(/*turbopackIgnore: true*/ dir, "package.json"))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  return null;
}

/** A worker running `entry` (a path from the project root, e.g. "lib/workers/normalize-worker.ts"). */
export function startTsWorker(entry: string, opts: { workerData?: unknown; resourceLimits?: ResourceLimits } = {}): Worker {
  const root = findProjectRoot(entry);
  if (!root) throw new Error(`cannot find ${entry}: set BLAST_RADIUS_ROOT to the project folder`);
  const tsx = createRequire(path.join(/*turbopackIgnore: true*/ root, "package.json")).resolve("tsx/cjs/api");
  const source = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(path.join(/*turbopackIgnore: true*/ root, entry))});`;
  return new Worker(source, { eval: true, workerData: opts.workerData, resourceLimits: opts.resourceLimits });
}

/**
 * Posts `message` and waits for the worker's reply with the same id. When the worker fails or
 * exits first, `gone` runs (forget that worker) and the promise rejects with the worker's error
 * (`code` "EXIT" when it exited).
 */
export function exchange<TReply extends { id: number }>(w: Worker, message: { id: number }, what: string, gone: () => void): Promise<TReply> {
  return new Promise<TReply>((resolve, reject) => {
    const onMessage = (msg: TReply) => {
      if (msg.id !== message.id) return;
      cleanup();
      resolve(msg);
    };
    const onError = (err: Error & { code?: string }) => {
      cleanup();
      gone();
      reject(err);
    };
    const onExit = (code: number) => onError(Object.assign(new Error(`${what} worker exited with code ${code}`), { code: "EXIT" }));
    const cleanup = () => {
      w.off("message", onMessage);
      w.off("error", onError);
      w.off("exit", onExit);
    };
    w.on("message", onMessage);
    w.on("error", onError);
    w.on("exit", onExit);
    w.postMessage(message);
  });
}
