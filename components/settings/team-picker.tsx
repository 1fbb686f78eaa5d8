"use client";
// Choose teams by checkbox; used for users and developer tokens.
import type { TTeamItem } from "@/lib/queries/admin";

export function TeamPicker({
  teams,
  value,
  onChange,
  idPrefix,
}: {
  teams: TTeamItem[];
  value: string[];
  onChange: (ids: string[]) => void;
  idPrefix: string;
}) {
  if (teams.length === 0) return <p className="text-xs text-muted">No teams yet: create one under Teams.</p>;
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1.5">
      {teams.map((t) => {
        const id = `${idPrefix}-${t.id}`;
        const checked = value.includes(t.id);
        return (
          <label key={t.id} htmlFor={id} className="inline-flex items-center gap-1.5 text-sm">
            <input
              id={id}
              type="checkbox"
              checked={checked}
              onChange={() => onChange(checked ? value.filter((v) => v !== t.id) : [...value, t.id])}
            />
            {t.displayName}
          </label>
        );
      })}
    </div>
  );
}
