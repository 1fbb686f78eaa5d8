// Input shapes for team administration.
import { z } from "zod";

export const ZCreateTeam = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "must be a lowercase slug (a-z, 0-9, -)"),
  displayName: z.string().trim().min(1).max(200).optional(),
});
export type TCreateTeam = z.infer<typeof ZCreateTeam>;

export const ZUpdateTeam = z.object({ displayName: z.string().trim().min(1).max(200) }).strict();
export type TUpdateTeam = z.infer<typeof ZUpdateTeam>;
