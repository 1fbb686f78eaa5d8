"use client";
// The user list for admins: create, change role and teams, disable.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { adminQueries } from "@/lib/queries/admin";
import { Button } from "../ui/button";
import { Card, ErrorNote } from "../ui/card";
import { Table, Th } from "../ui/table";
import { CreateUserForm } from "./create-user-form";
import { UserRow } from "./user-row";

export function UsersAdmin() {
  const users = useQuery(adminQueries.users());
  const teams = useQuery(adminQueries.teams());
  const [creating, setCreating] = useState(false);
  const [rowError, setRowError] = useState<unknown>(null);

  return (
    <div className="flex flex-col gap-4">
      {creating ? (
        <Card title="New user">
          <CreateUserForm teams={teams.data?.items ?? []} onDone={() => setCreating(false)} />
        </Card>
      ) : (
        <div>
          <Button variant="primary" onClick={() => setCreating(true)}>
            <UserPlus className="h-4 w-4" aria-hidden /> New user
          </Button>
        </div>
      )}
      <ErrorNote error={users.error ?? rowError} />
      {users.isPending ? (
        <p className="text-sm text-muted">Loading users…</p>
      ) : (
        <Table label="Users">
          <thead>
            <tr>
              <Th>User</Th>
              <Th>Role</Th>
              <Th>Teams</Th>
              <Th>Status</Th>
              <Th>Last sign-in</Th>
              <Th className="text-right">Actions</Th>
            </tr>
          </thead>
          <tbody>
            {users.data?.items.map((u) => (
              <UserRow key={u.id} user={u} teams={teams.data?.items ?? []} onError={setRowError} />
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
