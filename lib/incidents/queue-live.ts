// Live updates that do not move rows under the user's pointer: while the queue is held
// (pointer over it, focus or a keyboard cursor in it) rows keep their order and only their
// contents refresh; incidents that arrived above the last held row are counted for a
// "N new — show" bar, and rows below it (the next page, late low scores) are appended.

export interface TLiveView<T> {
  rows: T[];
  /** ids in the latest answer that would appear among the held rows */
  newIds: string[];
}

export function liveView<T extends { id: string }>(latest: readonly T[], held: readonly T[] | null): TLiveView<T> {
  if (!held) return { rows: [...latest], newIds: [] };
  const latestById = new Map(latest.map((r) => [r.id, r]));
  const heldIds = new Set(held.map((r) => r.id));
  let lastHeld = -1;
  latest.forEach((r, i) => {
    if (heldIds.has(r.id)) lastHeld = i;
  });
  return {
    rows: [...held.map((r) => latestById.get(r.id) ?? r), ...latest.slice(lastHeld + 1).filter((r) => !heldIds.has(r.id))],
    newIds: latest.slice(0, lastHeld + 1).filter((r) => !heldIds.has(r.id)).map((r) => r.id),
  };
}
