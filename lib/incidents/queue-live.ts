// Live updates that do not move rows under the user's pointer: while the queue is held
// (pointer over it, focus or a keyboard cursor in it) rows keep their order and only their
// contents refresh; incidents that arrived meanwhile are counted for a "N new — show" bar.

export interface TLiveView<T> {
  rows: T[];
  /** ids in the latest answer that the held view does not show */
  newIds: string[];
}

export function liveView<T extends { id: string }>(latest: readonly T[], held: readonly T[] | null): TLiveView<T> {
  if (!held) return { rows: [...latest], newIds: [] };
  const latestById = new Map(latest.map((r) => [r.id, r]));
  const heldIds = new Set(held.map((r) => r.id));
  return {
    rows: held.map((r) => latestById.get(r.id) ?? r),
    newIds: latest.filter((r) => !heldIds.has(r.id)).map((r) => r.id),
  };
}

