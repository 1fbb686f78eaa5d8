"use client";
// Form to add a user with an initial password, a role and teams.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TTeamItem } from "@/lib/queries/admin";
import { Button } from "../ui/button";
import { Field, Select, TextInput } from "../ui/field";
import { ErrorNote } from "../ui/card";
import { TeamPicker } from "./team-picker";

export function CreateUserForm({ teams, onDone }: { teams: TTeamItem[]; onDone: () => void }) {
  const client = useQueryClient();
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: (body: unknown) => apiFetch("/api/v1/users", { method: "POST", body }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ["admin"] });
      onDone();
    },
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    create.mutate({ email: f.get("email"), name: f.get("name"), role: f.get("role"), password: f.get("password"), teamIds });
  }

  return (
    <form onSubmit={onSubmit} aria-label="New user" className="grid grid-cols-1 gap-4 md:grid-cols-2">
      <Field label="E-mail" htmlFor="new-user-email">
        <TextInput id="new-user-email" name="email" type="email" required />
      </Field>
      <Field label="Name" htmlFor="new-user-name">
        <TextInput id="new-user-name" name="name" required />
      </Field>
      <Field label="Role" htmlFor="new-user-role">
        <Select id="new-user-role" name="role" defaultValue="developer">
          <option value="developer">developer</option>
          <option value="analyst">analyst</option>
          <option value="manager">manager</option>
          <option value="admin">admin</option>
        </Select>
      </Field>
      <Field label="Initial password" htmlFor="new-user-password" hint="At least 12 characters; the user can be given a new one later.">
        <TextInput id="new-user-password" name="password" type="password" autoComplete="new-password" minLength={12} required />
      </Field>
      <div className="md:col-span-2">
        <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted">Teams</p>
        <TeamPicker teams={teams} value={teamIds} onChange={setTeamIds} idPrefix="new-user-team" />
      </div>
      <div className="flex items-center gap-2 md:col-span-2">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Create user
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
      <div className="md:col-span-2">
        <ErrorNote error={create.error} />
      </div>
    </form>
  );
}
