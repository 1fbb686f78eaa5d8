// "The incident is open" in SQL, from the one list of closing statuses.
import { CLOSED_STATUSES } from "../domain/incident-status";

/** `<alias.>status NOT IN ('resolved', 'false_positive')` (statuses are fixed identifiers, never input). */
export const openStatusSql = (alias?: string) => `${alias ? `${alias}.` : ""}status NOT IN (${CLOSED_STATUSES.map((s) => `'${s}'`).join(", ")})`;

export const OPEN_STATUS_SQL = openStatusSql();
