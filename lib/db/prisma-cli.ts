// Runs the Prisma CLI without any download: the client engine is "client" (no native
// library) and migrations use the wasm schema engine configured in prisma.config.ts.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/** `prisma generate` still looks for the native query engine; give it a placeholder it never loads. */
function placeholderEngine(): string {
  const file = path.join(ROOT, "node_modules", ".cache", "blast-radius", "libquery_engine-placeholder.so.node");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "");
  }
  return file;
}

export function runPrismaCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    PRISMA_DISABLE_WARNINGS: "1",
  };
  if (!childEnv.PRISMA_QUERY_ENGINE_LIBRARY) childEnv.PRISMA_QUERY_ENGINE_LIBRARY = placeholderEngine();
  // `generate` reads the datasource url although it never connects.
  if (!childEnv.DATABASE_URL) childEnv.DATABASE_URL = "postgresql://unused@127.0.0.1:1/unused";
  const cli = path.join(ROOT, "node_modules", "prisma", "build", "index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`prisma ${args.join(" ")} failed (exit ${code}):\n${output}`));
    });
  });
}
