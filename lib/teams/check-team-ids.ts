// Rejects team ids that do not exist, naming them, before a membership is written.
import { existingTeamIds } from "../db/teams";
import { invalid } from "../errors";

export async function checkTeamIds(field: string, teamIds: string[]): Promise<string[]> {
  const unique = [...new Set(teamIds)];
  if (unique.length === 0) return unique;
  const known = await existingTeamIds(unique);
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length) throw invalid(`${field}: unknown team id ${missing.join(", ")}`);
  return unique;
}
