// Saved queue views of one person (lib/incidents/saved-views.ts checks the input).
import { db } from "./client";
import { prismaCode } from "./errors";

export const MAX_VIEWS_PER_USER = 50;

export async function listSavedViews(userId: string) {
  return db().savedView.findMany({ where: { userId }, orderBy: { name: "asc" }, select: { id: true, name: true, query: true, createdAt: true } });
}

export async function countSavedViews(userId: string): Promise<number> {
  return db().savedView.count({ where: { userId } });
}

/** Null when the person already has a view of that name. */
export async function createSavedView(userId: string, name: string, query: string) {
  try {
    return await db().savedView.create({ data: { userId, name, query }, select: { id: true, name: true, query: true, createdAt: true } });
  } catch (err) {
    if (prismaCode(err) === "P2002") return null;
    throw err;
  }
}

/** Whether a view of this person's was deleted (another person's is not found). */
export async function deleteSavedView(userId: string, id: string): Promise<boolean> {
  const res = await db().savedView.deleteMany({ where: { id, userId } });
  return res.count > 0;
}
