"use client";
// Teams for admins and managers: create, rename, delete.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminQueries } from "@/lib/queries/admin";
import { apiFetch } from "@/lib/queries/api-client";
import { Button } from "../ui/button";
import { Card, EmptyState, ErrorNote } from "../ui/card";
import { Field, TextInput } from "../ui/field";
import { Table, Td, Th } from "../ui/table";

export function TeamsAdmin() {
  const client = useQueryClient();
  const teams = useQuery(adminQueries.teams());
  const invalidate = () => client.invalidateQueries({ queryKey: ["admin"] });
  const create = useMutation({
    mutationFn: (body: unknown) => apiFetch("/api/v1/teams", { method: "POST", body }),
    onSuccess: invalidate,
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/teams/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    create.mutate(
      { name: f.get("name"), displayName: f.get("displayName") || undefined },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <Card title="New team">
        <form onSubmit={onSubmit} aria-label="New team" className="flex flex-wrap items-end gap-3">
          <Field label="Name (slug)" htmlFor="team-name" hint="Matches inventory Team documents and SSO groups.">
            <TextInput id="team-name" name="name" required pattern="[a-z0-9]([a-z0-9-]*[a-z0-9])?" placeholder="payments" />
          </Field>
          <Field label="Display name" htmlFor="team-display">
            <TextInput id="team-display" name="displayName" placeholder="Payments" />
          </Field>
          <Button type="submit" variant="primary" disabled={create.isPending} className="mb-[22px]">
            Create team
          </Button>
        </form>
        <div className="mt-3">
          <ErrorNote error={create.error} />
        </div>
      </Card>
      <ErrorNote error={teams.error ?? remove.error} />
      {teams.data && teams.data.items.length === 0 ? (
        <EmptyState title="No teams yet">Create a team, then add developers to it so they see their own workloads.</EmptyState>
      ) : (
        <Table label="Teams">
          <thead>
            <tr>
              <Th>Team</Th>
              <Th>Slug</Th>
              <Th>Members</Th>
              <Th className="text-right">Actions</Th>
            </tr>
          </thead>
          <tbody>
            {teams.data?.items.map((t) => (
              <tr key={t.id} data-testid={`team-${t.name}`}>
                <Td className="font-medium">{t.displayName}</Td>
                <Td className="font-mono text-xs">{t.name}</Td>
                <Td>{t._count.memberships}</Td>
                <Td className="text-right">
                  <Button
                    variant="danger"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(`Delete team ${t.displayName}? Its members lose access to its workloads.`)) remove.mutate(t.id);
                    }}
                  >
                    Delete
                  </Button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
