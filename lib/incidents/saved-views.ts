// Saved queue views: a person names the filters they use (e.g. "payments, critical, unassigned")
// and opens them again in one click; the view is the queue's own query string, normalized, so a
// view and a shared queue link are the same thing.
import type { TActor } from "../auth/actor";
import { conflicting, invalid, missing, notAllowed } from "../errors";
import { countSavedViews, createSavedView, deleteSavedView, listSavedViews, MAX_VIEWS_PER_USER } from "../db/saved-views";
import { parseQueueFilters, queueSearchParams } from "./queue-filters";

function person(actor: TActor): string {
  if (actor.kind !== "user") throw notAllowed("saved views belong to a person: sign in to save one");
  return actor.id;
}

/** The queue's filters as the canonical query string (unknown keys dropped, values trimmed). */
export function normalizeViewQuery(query: string): string {
  return queueSearchParams(parseQueueFilters(new URLSearchParams(query.replace(/^\?/, "")))).toString();
}

export async function myViews(actor: TActor) {
  return { items: await listSavedViews(person(actor)) };
}

export async function saveView(actor: TActor, name: string, query: string) {
  const userId = person(actor);
  const normalized = normalizeViewQuery(query);
  if (!normalized) throw invalid("body.query: a view needs at least one filter (the queue with none is already one click away)");
  if ((await countSavedViews(userId)) >= MAX_VIEWS_PER_USER) throw conflicting(`you have ${MAX_VIEWS_PER_USER} saved views, the most one person keeps: delete one first`);
  const view = await createSavedView(userId, name.trim(), normalized);
  if (!view) throw conflicting(`you already have a view named “${name.trim()}”`);
  return view;
}

export async function removeView(actor: TActor, id: string) {
  if (!(await deleteSavedView(person(actor), id))) throw missing("saved view");
  return { deleted: id };
}
