// Who is making a request: a signed-in user or a machine token, as read from the database
// on this very request (a JWT may be stale).
import type { TTokenRole } from "./permissions";

export interface TActor {
  kind: "user" | "token";
  /** user id or token id */
  id: string;
  /** e-mail of the user, or the token's name: shown in the audit log */
  label: string;
  role: TTokenRole;
  teamIds: string[];
  /** the user behind the request (for tokens: their creator, if any) */
  userId: string | null;
  /** a token's limits on what it may post; absent for users */
  ingestScope?: TIngestScope;
}

export const INGEST_KINDS = ["alerts", "inventory"] as const;
export type TIngestKind = (typeof INGEST_KINDS)[number];

export interface TIngestScope {
  /** null: any cluster */
  clusters: string[] | null;
  /** null: alerts and inventories */
  kinds: TIngestKind[] | null;
  allowTeams: boolean;
}
