"use client";
// Teams for admins and managers: create and delete teams, add and remove members, and map SSO
// groups to a team so their members join it at sign-in.
import { Fragment, useState } from "react";
import { hhmm } from "@/lib/domain/clock";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminQueries, type TTeamItem } from "@/lib/queries/admin";
import { apiFetch } from "@/lib/queries/api-client";
import { Button } from "../ui/button";
import { Card, EmptyState, ErrorNote } from "../ui/card";
import { Field, Select, TextInput } from "../ui/field";
import { Table, Td, Th } from "../ui/table";

export function TeamsAdmin() {
  const client = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
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
              <Fragment key={t.id}>
              <tr data-testid={`team-${t.name}`}>
                <Td className="font-medium">{t.displayName}</Td>
                <Td className="font-mono text-xs">{t.name}</Td>
                <Td>
                  {t._count.memberships}
                  {t.oidcGroups.length ? <span className="ml-2 text-xs text-muted">+ SSO groups {t.oidcGroups.join(", ")}</span> : null}
                  {t.slaTimeZone ? (
                    <span className="ml-2 text-xs text-muted">
                      · SLA in working hours ({hhmm(t.slaDayStartMinute)}–{hhmm(t.slaDayEndMinute)} {t.slaTimeZone})
                    </span>
                  ) : null}
                </Td>
                <Td className="whitespace-nowrap text-right">
                  <Button variant="ghost" aria-expanded={open === t.id} onClick={() => setOpen(open === t.id ? null : t.id)} className="mr-2">
                    {open === t.id ? "Close" : "Members"}
                  </Button>
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
              {open === t.id ? (
                <tr>
                  <Td colSpan={4} className="bg-surface-2">
                    <TeamMembers team={t} />
                  </Td>
                </tr>
              ) : null}
              </Fragment>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

/** One team's members and SSO groups, edited in place. */
function TeamMembers({ team }: { team: TTeamItem }) {
  const client = useQueryClient();
  const candidates = useQuery(adminQueries.memberCandidates());
  const [userId, setUserId] = useState("");
  const [groups, setGroups] = useState(team.oidcGroups.join(", "));
  const [said, setSaid] = useState("");
  const done = (message: string) => {
    setSaid(message);
    return client.invalidateQueries({ queryKey: ["admin", "teams"] });
  };
  const add = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/teams/${team.id}/members`, { method: "POST", body: { userId: id } }),
    onSuccess: () => (setUserId(""), done("Member added: they see the team's workloads and incidents now.")),
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/teams/${team.id}/members/${id}`, { method: "DELETE" }),
    onSuccess: () => done("Member removed."),
  });
  const saveGroups = useMutation({
    mutationFn: (list: string[]) => apiFetch(`/api/v1/teams/${team.id}`, { method: "PATCH", body: { oidcGroups: list } }),
    onSuccess: () => done("SSO groups saved: their members join the team at their next sign-in."),
  });
  const memberIds = new Set(team.memberships.map((m) => m.user.id));
  const addable = (candidates.data?.items ?? []).filter((u) => !memberIds.has(u.id));
  return (
    <div className="flex flex-col gap-3" aria-label={`Members of ${team.displayName}`} role="group">
      {team.memberships.length === 0 ? (
        <p className="text-sm text-muted">No members yet.</p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm">
          {team.memberships.map(({ user }) => (
            <li key={user.id} className="flex items-center gap-3" data-testid="team-member">
              <span className="font-medium">{user.name}</span>
              <span className="text-muted">{user.email}</span>
              <span className="text-xs text-muted">{user.role}{user.authProvider === "oidc" ? " · SSO: teams follow their groups at sign-in" : ""}</span>
              <Button variant="ghost" busy={remove.isPending} onClick={() => remove.mutate(user.id)} className="ml-auto py-0.5">
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label={`Add a member to ${team.displayName}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (userId) add.mutate(userId);
        }}
      >
        <Field label="Add member" htmlFor={`add-${team.id}`}>
          <Select id={`add-${team.id}`} value={userId} onChange={(e) => setUserId(e.target.value)} className="!w-72">
            <option value="">Choose a user…</option>
            {addable.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email}, {u.role})
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="primary" busy={add.isPending} disabled={!userId}>
          Add
        </Button>
      </form>
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label={`SSO groups of ${team.displayName}`}
        onSubmit={(e) => {
          e.preventDefault();
          saveGroups.mutate(groups.split(",").map((g) => g.trim()).filter(Boolean));
        }}
      >
        <Field label="SSO groups" htmlFor={`groups-${team.id}`} hint="Comma-separated. Members of these groups join the team when they sign in.">
          <TextInput id={`groups-${team.id}`} value={groups} onChange={(e) => setGroups(e.target.value)} placeholder="eng-payments, payments-oncall" className="!w-96" />
        </Field>
        <Button type="submit" busy={saveGroups.isPending} className="mb-[22px]">
          Save groups
        </Button>
      </form>
      <SlaHoursForm team={team} onSaved={done} />
      <p role="status" aria-live="polite" className="text-sm text-ok">
        {said}
      </p>
      <ErrorNote error={add.error ?? remove.error ?? saveGroups.error} />
    </div>
  );
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Whether the team's SLA clocks count around the clock or only in its working time. */
function SlaHoursForm({ team, onSaved }: { team: TTeamItem; onSaved: (message: string) => unknown }) {
  const [business, setBusiness] = useState(team.slaTimeZone !== null);
  const [timeZone, setTimeZone] = useState(team.slaTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [days, setDays] = useState<number[]>(team.slaWorkdays);
  const [start, setStart] = useState(hhmm(team.slaDayStartMinute));
  const [end, setEnd] = useState(hhmm(team.slaDayEndMinute));
  const save = useMutation({
    mutationFn: () =>
      apiFetch(`/api/v1/teams/${team.id}`, {
        method: "PATCH",
        body: { slaHours: business ? { timeZone, workdays: days, dayStart: start, dayEnd: end } : null },
      }),
    onSuccess: () => onSaved(business ? `SLA clocks now count ${start}–${end} ${timeZone} on working days only.` : "SLA clocks now count around the clock."),
  });
  const id = `sla-${team.id}`;
  return (
    <form
      className="flex flex-col gap-2 border-t border-border pt-3"
      aria-label={`SLA hours of ${team.displayName}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <fieldset className="flex flex-wrap items-center gap-4 text-sm">
        <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-muted">SLA clocks count</legend>
        <label className="flex items-center gap-1.5">
          <input type="radio" name={`${id}-mode`} checked={!business} onChange={() => setBusiness(false)} /> around the clock
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name={`${id}-mode`} checked={business} onChange={() => setBusiness(true)} /> in working hours only
        </label>
      </fieldset>
      {business ? (
        <div className="flex flex-wrap items-end gap-3">
          <Field label="Time zone" htmlFor={`${id}-tz`}>
            <TextInput id={`${id}-tz`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} placeholder="Europe/Berlin" className="!w-48" required />
          </Field>
          <fieldset className="flex flex-col gap-1">
            <legend className="text-xs font-medium uppercase tracking-wide text-muted">Working days</legend>
            <div className="flex gap-2 text-sm">
              {WEEKDAYS.map((d, i) => (
                <label key={d} className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={days.includes(i + 1)}
                    onChange={(e) => setDays((cur) => (e.target.checked ? [...cur, i + 1].sort() : cur.filter((x) => x !== i + 1)))}
                  />
                  {d}
                </label>
              ))}
            </div>
          </fieldset>
          <Field label="From" htmlFor={`${id}-from`}>
            <TextInput id={`${id}-from`} type="time" value={start} onChange={(e) => setStart(e.target.value)} className="!w-36" required />
          </Field>
          <Field label="To" htmlFor={`${id}-to`}>
            <TextInput id={`${id}-to`} type="time" value={end} onChange={(e) => setEnd(e.target.value)} className="!w-36" required />
          </Field>
        </div>
      ) : null}
      <div>
        <Button type="submit" busy={save.isPending}>
          Save SLA hours
        </Button>
      </div>
      <ErrorNote error={save.error} />
    </form>
  );
}
