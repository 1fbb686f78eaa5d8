// Query-key factories and fetchers for the settings pages.
import type { TJsonOf } from "../api/json-of";
import type { listMemberCandidates, TTeamRow } from "../db/teams";
import { apiFetch } from "./api-client";

/** a team (GET /api/v1/teams): the server's row as JSON */
export type TTeamItem = TJsonOf<TTeamRow>;
export type TMemberCandidate = TJsonOf<Awaited<ReturnType<typeof listMemberCandidates>>>[number];

export interface TUserItem {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  authProvider: string;
  teams: { id: string; name: string; displayName: string }[];
  lastLoginAt: string | null;
  createdAt: string;
}

export interface TTokenItem {
  id: string;
  name: string;
  prefix: string;
  role: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  createdByLabel: string;
  teams: { team: { id: string; name: string } }[];
  /** empty: any cluster */
  clusters: string[];
  /** empty: alerts and inventories */
  kinds: string[];
  allowTeams: boolean;
}

export const adminQueries = {
  users: () => ({ queryKey: ["admin", "users"], queryFn: () => apiFetch<{ items: TUserItem[] }>("/api/v1/users") }),
  teams: () => ({ queryKey: ["admin", "teams"], queryFn: () => apiFetch<{ items: TTeamItem[] }>("/api/v1/teams") }),
  memberCandidates: () => ({ queryKey: ["admin", "member-candidates"], queryFn: () => apiFetch<{ items: TMemberCandidate[] }>("/api/v1/teams/member-candidates") }),
  tokens: () => ({ queryKey: ["admin", "tokens"], queryFn: () => apiFetch<{ items: TTokenItem[] }>("/api/v1/tokens") }),
};
