// Input shapes for API token administration.
import { z } from "zod";
import { TOKEN_ROLES } from "../auth/permissions";

export const ZCreateToken = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(TOKEN_ROLES),
  expiresAt: z.iso
    .datetime({ offset: true })
    .optional()
    .nullable()
    .refine((v) => !v || new Date(v).getTime() > Date.now(), "must be in the future"),
  teamIds: z.array(z.string().min(1).max(64)).max(100).default([]),
});
export type TCreateToken = z.infer<typeof ZCreateToken>;
