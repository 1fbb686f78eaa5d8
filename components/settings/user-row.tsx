"use client";
// One user in the admin list, with inline edits of role, teams and the enabled flag.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/queries/api-client";
import type { TTeamItem, TUserItem } from "@/lib/queries/admin";
import { Button } from "../ui/button";
import { Badge } from "../ui/badge";
import { Select } from "../ui/field";
import { Td } from "../ui/table";
import { RelativeTime } from "../ui/relative-time";
import { TeamPicker } from "./team-picker";

export function UserRow({ user, teams, onError }: { user: TUserItem; teams: TTeamItem[]; onError: (e: unknown) => void }) {
  const client = useQueryClient();
  const [editingTeams, setEditingTeams] = useState(false);
  const [teamIds, setTeamIds] = useState(user.teams.map((t) => t.id));
  const update = useMutation({
    mutationFn: (body: unknown) => apiFetch(`/api/v1/users/${user.id}`, { method: "PATCH", body }),
    onSuccess: () => {
      onError(null);
      setEditingTeams(false);
      client.invalidateQueries({ queryKey: ["admin"] });
    },
    onError,
  });

  return (
    <tr data-testid={`user-${user.email}`} className={user.disabled ? "opacity-60" : undefined}>
      <Td>
        <div className="font-medium">{user.name}</div>
        <div className="text-xs text-muted">{user.email}</div>
      </Td>
      <Td>
        <Select
          aria-label={`Role of ${user.email}`}
          value={user.role}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ role: e.target.value })}
          className="w-32"
        >
          {["admin", "analyst", "manager", "developer"].map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
      </Td>
      <Td>
        {editingTeams ? (
          <div className="flex flex-col gap-2">
            <TeamPicker teams={teams} value={teamIds} onChange={setTeamIds} idPrefix={`user-${user.id}-team`} />
            <div className="flex gap-2">
              <Button onClick={() => update.mutate({ teamIds })} disabled={update.isPending}>
                Save teams
              </Button>
              <Button variant="ghost" onClick={() => setEditingTeams(false)}>
                Cancel
              </Button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            className="text-left hover:underline"
            onClick={() => setEditingTeams(true)}
          >
            {user.teams.length ? user.teams.map((t) => t.displayName).join(", ") : <span className="text-muted">no team</span>}
            <span className="sr-only"> — edit teams of {user.email}</span>
          </button>
        )}
      </Td>
      <Td>{user.disabled ? <Badge tone="danger">disabled</Badge> : <Badge tone="ok">active</Badge>}</Td>
      <Td>
        <RelativeTime iso={user.lastLoginAt} />
      </Td>
      <Td className="text-right">
        <Button
          variant={user.disabled ? "secondary" : "danger"}
          disabled={update.isPending}
          onClick={() => update.mutate({ disabled: !user.disabled })}
        >
          {user.disabled ? "Enable" : "Disable"}
        </Button>
      </Td>
    </tr>
  );
}
