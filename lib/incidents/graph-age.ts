// The incident page warns when the inventory its graph comes from was taken well before the first
// alert: the workload may have changed since (a periodic collector; a live one keeps this short).

/** Older than this before the first alert, the graph gets a warning. */
export const GRAPH_AGE_WARNING_MINUTES = 10;

function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** Null when the snapshot is recent enough (or unknown). */
export function graphAgeWarning(snapshotAt: string | Date | null, firstSeen: string | Date): string | null {
  if (!snapshotAt) return null;
  const gap = new Date(firstSeen).getTime() - new Date(snapshotAt).getTime();
  if (gap <= GRAPH_AGE_WARNING_MINUTES * 60_000) return null;
  return `This graph comes from an inventory taken ${span(gap)} before the first alert: the workload may have changed since. A collector in --watch mode keeps it seconds behind.`;
}
