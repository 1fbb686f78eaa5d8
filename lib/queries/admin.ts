// Query-key factories and fetchers for the settings pages.
import { apiFetch } from "./api-client";

export interface TTeamItem {
  id: string;
  name: string;
  displayName: string;
  createdAt: string;
  _count: { memberships: number };
}

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
  tokens: () => ({ queryKey: ["admin", "tokens"], queryFn: () => apiFetch<{ items: TTokenItem[] }>("/api/v1/tokens") }),
};
