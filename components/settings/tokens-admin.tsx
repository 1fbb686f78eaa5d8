"use client";
// API tokens: create (shown once), list with last use, revoke.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminQueries, type TTokenItem } from "@/lib/queries/admin";
import { apiFetch } from "@/lib/queries/api-client";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, EmptyState, ErrorNote } from "../ui/card";
import { RelativeTime } from "../ui/relative-time";
import { Table, Td, Th } from "../ui/table";
import { CreateTokenForm } from "./create-token-form";

function tokenState(t: TTokenItem): { label: string; tone: "ok" | "danger" | "warn" } {
  if (t.revokedAt) return { label: "revoked", tone: "danger" };
  if (t.expiresAt && new Date(t.expiresAt).getTime() < Date.now()) return { label: "expired", tone: "warn" };
  return { label: "active", tone: "ok" };
}

function ingestScopeText(t: TTokenItem): string {
  const what = t.kinds.length === 1 ? (t.kinds[0] === "alerts" ? "alerts only" : "inventories only") : "alerts and inventories";
  const where = t.clusters.length ? `for ${t.clusters.join(", ")}` : "for any cluster";
  return `${what} ${where}${t.allowTeams ? ", may change teams" : ""}`;
}

export function TokensAdmin() {
  const client = useQueryClient();
  const tokens = useQuery(adminQueries.tokens());
  const teams = useQuery(adminQueries.teams());
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["admin", "tokens"] }),
  });

  return (
    <div className="flex flex-col gap-4">
      <Card title="New API token">
        <CreateTokenForm teams={teams.data?.items ?? []} />
      </Card>
      <ErrorNote error={tokens.error ?? revoke.error} />
      {tokens.data && tokens.data.items.length === 0 ? (
        <EmptyState title="No API tokens">Sensors and collectors need an ingest token to send alerts and inventories.</EmptyState>
      ) : (
        <Table label="API tokens">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Token</Th>
              <Th>Role</Th>
              <Th>State</Th>
              <Th>Expires</Th>
              <Th>Last used</Th>
              <Th className="text-right">Actions</Th>
            </tr>
          </thead>
          <tbody>
            {tokens.data?.items.map((t) => {
              const state = tokenState(t);
              return (
                <tr key={t.id} data-testid={`token-${t.name}`}>
                  <Td>
                    <div className="font-medium">{t.name}</div>
                    <div className="text-xs text-muted">{t.createdByLabel === "system" ? "from BOOTSTRAP_ADMIN_TOKEN" : `by ${t.createdByLabel}`}</div>
                  </Td>
                  <Td className="font-mono text-xs">{t.prefix}…</Td>
                  <Td>
                    {t.role}
                    {t.teams.length ? <span className="text-xs text-muted"> ({t.teams.map((x) => x.team.name).join(", ")})</span> : null}
                    {t.role === "ingest" ? <div className="text-xs text-muted">{ingestScopeText(t)}</div> : null}
                  </Td>
                  <Td>
                    <Badge tone={state.tone}>{state.label}</Badge>
                  </Td>
                  <Td>{t.expiresAt ? new Date(t.expiresAt).toISOString().slice(0, 10) : <span className="text-muted">never</span>}</Td>
                  <Td>
                    <RelativeTime iso={t.lastUsedAt} />
                  </Td>
                  <Td className="text-right">
                    {t.revokedAt ? null : (
                      <Button
                        variant="danger"
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (window.confirm(`Revoke ${t.name}? Clients using it stop working at once.`)) revoke.mutate(t.id);
                        }}
                      >
                        Revoke
                      </Button>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </div>
  );
}
