// Reads the demo manifests shipped in prisma/demo (I/O kept out of the pure builder).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export const DEMO_DIR = path.resolve(__dirname, "..", "..", "prisma", "demo");

export function loadDemoSources(dir = DEMO_DIR): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...loadDemoSources(full));
    else if (/\.ya?ml$/.test(entry)) out.push({ name: path.relative(DEMO_DIR, full), text: readFileSync(full, "utf8") });
  }
  return out;
}
