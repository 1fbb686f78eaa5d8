import { mkdirSync, mkdtempSync, chmodSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkPostgresCanReach, firstClosedFolder } from "./embedded-access";
import { startEmbeddedPostgres } from "./embedded";

const base = mkdtempSync(path.join(tmpdir(), "br-closed-"));
const closed = path.join(base, "home");
mkdirSync(path.join(closed, "clone", ".data"), { recursive: true });
chmodSync(base, 0o755);
chmodSync(closed, 0o700);
afterAll(() => {
  chmodSync(closed, 0o755);
  rmSync(base, { recursive: true, force: true });
});

describe("the postgres user can reach the embedded database's folders", () => {
  it("finds the first folder others may not enter", () => {
    expect(firstClosedFolder(path.join(closed, "clone", ".data", "pg"))).toBe(closed);
    expect(firstClosedFolder(base)).toBeNull();
  });

  it("stops with one line naming the folder and the fixes, as root only", () => {
    const target = path.join(closed, "clone", ".data");
    expect(() => checkPostgresCanReach([target], true)).toThrow(new RegExp(`cannot enter ${closed} .*chmod o\\+x ${closed}.*DATABASE_URL`));
    expect(() => checkPostgresCanReach([target], false)).not.toThrow();
  });

  it.runIf(process.getuid?.() === 0)("npm start's database refuses a data folder under a 0700 parent with that line, not a spawn EACCES", async () => {
    await expect(startEmbeddedPostgres({ dataDir: path.join(closed, "clone", ".data", "pg") })).rejects.toThrow(/cannot enter .*home/);
  });
});
