"use client";
// Form to mint an API token; the secret is shown once, right here.
import { useState } from "react";
import { CopyButton } from "../ui/copy-block";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TTeamItem } from "@/lib/queries/admin";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/card";
import { Field, Select, TextInput } from "../ui/field";
import { TeamPicker } from "./team-picker";

export function CreateTokenForm({ teams }: { teams: TTeamItem[] }) {
  const client = useQueryClient();
  const [role, setRole] = useState("ingest");
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [kinds, setKinds] = useState<string[]>(["alerts", "inventory"]);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: unknown) => apiFetch<{ secret: string }>("/api/v1/tokens", { method: "POST", body }),
    onSuccess: (data) => {
      setSecret(data.secret);
      client.invalidateQueries({ queryKey: ["admin", "tokens"] });
    },
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const expires = String(f.get("expiresAt") ?? "");
    const clusters = String(f.get("clusters") ?? "")
      .split(/[\s,]+/)
      .filter(Boolean);
    create.mutate({
      name: f.get("name"),
      role,
      expiresAt: expires ? new Date(`${expires}T23:59:59Z`).toISOString() : null,
      teamIds: role === "developer" ? teamIds : [],
      ...(role === "ingest" ? { clusters, kinds: kinds.length === 2 ? [] : kinds, allowTeams: f.get("allowTeams") === "on" } : {}),
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onSubmit} aria-label="New API token" className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <Field label="Name" htmlFor="token-name" hint="Who holds it, e.g. falco-prod-eu1.">
          <TextInput id="token-name" name="name" required maxLength={100} />
        </Field>
        <Field label="Role" htmlFor="token-role">
          <Select id="token-role" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="ingest">ingest (sensors, collectors)</option>
            <option value="analyst">analyst</option>
            <option value="manager">manager</option>
            <option value="developer">developer</option>
            <option value="admin">admin</option>
          </Select>
        </Field>
        <Field label="Expires" htmlFor="token-expires" hint="Leave empty for no expiry.">
          <TextInput id="token-expires" name="expiresAt" type="date" />
        </Field>
        {role === "ingest" ? (
          <>
            <Field label="Clusters" htmlFor="token-clusters" hint="Comma-separated; empty for any. It cannot post for, or create, another.">
              <TextInput id="token-clusters" name="clusters" placeholder="prod-eu1, prod-us1" maxLength={2000} />
            </Field>
            <fieldset className="flex flex-col gap-1.5">
              <legend className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted">May post</legend>
              {(["alerts", "inventory"] as const).map((kind) => (
                <label key={kind} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={kinds.includes(kind)}
                    onChange={(e) => setKinds(e.target.checked ? [...kinds, kind] : kinds.filter((k) => k !== kind))}
                  />
                  {kind === "alerts" ? "alerts (Falco, Tetragon)" : "inventories (collector)"}
                </label>
              ))}
            </fieldset>
            <label className="flex items-start gap-2 self-end text-sm">
              <input type="checkbox" name="allowTeams" className="mt-1" />
              <span>
                Team documents in its inventories create or change teams
                <span className="block text-xs text-muted">Off: they are skipped and listed in the answer.</span>
              </span>
            </label>
          </>
        ) : null}
        {role === "developer" ? (
          <div className="md:col-span-3">
            <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted">Teams</p>
            <TeamPicker teams={teams} value={teamIds} onChange={setTeamIds} idPrefix="token-team" />
          </div>
        ) : null}
        <div className="md:col-span-3">
          <Button type="submit" variant="primary" disabled={create.isPending || (role === "ingest" && kinds.length === 0)}>
            Create token
          </Button>
        </div>
      </form>
      <ErrorNote error={create.error} />
      {secret ? (
        <div role="status" className="rounded-md border border-ok/50 bg-ok/10 p-3">
          <p className="text-sm font-medium">Copy this token now: it will not be shown again.</p>
          <div className="mt-2 flex items-start gap-2">
            <code data-testid="new-token-secret" className="block min-w-0 flex-1 break-all rounded bg-surface px-2 py-1.5 font-mono text-sm">
              {secret}
            </code>
            <CopyButton text={secret} label="the new token" withText className="border border-border px-2 py-1.5" />
          </div>
        </div>
      ) : null}
    </div>
  );
}
