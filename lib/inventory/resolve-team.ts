// Ownership: which Team document owns a workload, by namespace or by a "key=value" label selector.
import type { TInventory, TLabels, TTeamDoc } from "./types";

interface TCompiledTeam {
  name: string;
  namespaces: Set<string>;
  selectors: [key: string, value: string][];
}

// resolveTeam runs once per workload: compile the (few) teams once per inventory.
const compiled = new WeakMap<readonly TTeamDoc[], TCompiledTeam[]>();

function compileTeams(teams: readonly TTeamDoc[]): TCompiledTeam[] {
  let result = compiled.get(teams);
  if (!result) {
    result = [...teams]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((team) => ({
        name: team.name,
        namespaces: new Set(team.namespaces),
        selectors: team.selectors.map((selector) => {
          const at = selector.indexOf("=");
          return (at < 0 ? [selector, ""] : [selector.slice(0, at), selector.slice(at + 1)]) as [string, string];
        }),
      }));
    compiled.set(teams, result);
  }
  return result;
}

/** The first Team (by name) that lists the namespace or whose selector matches a label; null when unowned. */
export function resolveTeam(inv: Pick<TInventory, "teams">, target: { namespace: string; labels?: TLabels | null }): string | null {
  const labels = target.labels ?? {};
  for (const team of compileTeams(inv.teams)) {
    if (team.namespaces.has(target.namespace)) return team.name;
    for (const [key, value] of team.selectors) if (Object.hasOwn(labels, key) && labels[key] === value) return team.name;
  }
  return null;
}
