// A live run's per-snapshot rows (pod index, controllers) as a change against the previous
// snapshot's: the rows of `before` that are gone or differ, and the rows of `after` to write. The
// storage copies the unchanged rows inside PostgreSQL instead of receiving them all again
// (lib/db/snapshots.ts): a pod replaced in a 10,000-pod cluster writes 2 rows, not 10,000.

export interface TRowDelta<T> {
  /** keys of `before` rows not to copy: removed, or replaced by a row of `write` */
  drop: T[];
  /** rows of `after` that are new or differ */
  write: T[];
}

/**
 * `key` names a row; `same` says two rows with one key are equal. A row that is the same object in
 * both is unchanged (the analysis keeps a row's object while its fields stay): those pair off
 * first, without making keys.
 */
export function rowDelta<T>(before: readonly T[], after: readonly T[], key: (row: T) => string, same: (a: T, b: T) => boolean): TRowDelta<T> {
  const kept = new Set(before);
  const rest: T[] = [];
  for (const row of after) if (!kept.delete(row)) rest.push(row);
  // rows of `before` not matched yet: what is left at the end is gone
  const old = new Map<string, T>();
  for (const row of kept) old.set(key(row), row);
  const drop: T[] = [];
  const write: T[] = [];
  for (const row of rest) {
    const k = key(row);
    const was = old.get(k);
    if (was !== undefined) old.delete(k);
    if (was !== undefined && same(was, row)) continue;
    if (was !== undefined) drop.push(was);
    write.push(row);
  }
  for (const row of old.values()) drop.push(row);
  return { drop, write };
}
