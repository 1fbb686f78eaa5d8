// A TScope as SQL: nothing for all teams, else a condition on the row's team column.
import type { TScope } from "../auth/scope";

/** `AND <column> = ANY($n)` for a team scope ("" for all); `arg` adds the parameter and returns its placeholder. */
export function scopeCondition(scope: TScope, column: string, arg: (v: unknown) => string): string {
  if (scope.all) return "";
  return `AND ${column} = ANY(${arg([...scope.teamIds])}::text[])`;
}

/** Builds numbered placeholders over `args`. */
export function argList(args: unknown[]): (v: unknown) => string {
  return (v) => {
    args.push(v);
    return `$${args.length}`;
  };
}
