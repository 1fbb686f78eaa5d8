// "The incident is open" in SQL, from the one list of closing statuses.
import { CLOSED_STATUSES } from "../domain/incident-status";

/** `status NOT IN ('resolved', 'false_positive')` (statuses are fixed identifiers, never input). */
export const OPEN_STATUS_SQL = `status NOT IN (${CLOSED_STATUSES.map((s) => `'${s}'`).join(", ")})`;
