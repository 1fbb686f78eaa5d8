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
}
