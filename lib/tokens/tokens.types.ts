// Input shapes for API token administration.
import { z } from "zod";
import { TOKEN_ROLES } from "../auth/permissions";
import { INGEST_KINDS } from "../auth/actor";
import { ZClusterName } from "../api/cluster-name";

export const ZCreateToken = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(TOKEN_ROLES),
  expiresAt: z.iso
    .datetime({ offset: true })
    .optional()
    .nullable()
    .refine((v) => !v || new Date(v).getTime() > Date.now(), "must be in the future"),
  teamIds: z.array(z.string().min(1).max(64)).max(100).default([]),
  /** clusters the token may post for (and create); absent or empty: any */
  clusters: z.array(ZClusterName).max(100).default([]),
  /** what the token may post; absent or empty: alerts and inventories */
  kinds: z.array(z.enum(INGEST_KINDS)).max(2).default([]),
  /** Team documents in its inventory uploads create or change teams (otherwise they are listed under teamsSkipped) */
  allowTeams: z.boolean().default(false),
});
export type TCreateToken = z.infer<typeof ZCreateToken>;
