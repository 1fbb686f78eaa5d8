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

export const ZUpdateTeam = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    /** SSO groups whose members join the team at each sign-in */
    oidcGroups: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  })
  .strict()
  .refine((b) => b.displayName !== undefined || b.oidcGroups !== undefined, { message: "give displayName or oidcGroups" });

export const ZMember = z.object({ userId: z.string().min(1).max(64) }).strict();
export type TUpdateTeam = z.infer<typeof ZUpdateTeam>;
