import { z } from "zod";
import { route } from "@/lib/api/handler";
import { INCIDENT_TIERS } from "@/lib/domain/incident-tier";
import { setSlaTargets, slaTargets } from "@/lib/db/sla";

const MINUTES = z.number().int().min(1).max(60 * 24 * 90);
const ZTargets = z
  .object({
    targets: z
      .array(z.object({ tier: z.enum(INCIDENT_TIERS), acknowledgeMinutes: MINUTES, containMinutes: MINUTES }).strict())
      .min(1)
      .max(INCIDENT_TIERS.length)
      .refine((ts) => new Set(ts.map((t) => t.tier)).size === ts.length, "each tier once")
      .refine((ts) => ts.every((t) => t.containMinutes >= t.acknowledgeMinutes), "containMinutes must not be below acknowledgeMinutes"),
  })
  .strict();

/** Sets the targets of some tiers (managers and admins); breaches already recorded keep the target they had. */
export const PUT = route({
  permission: "ownership.manage",
  body: ZTargets,
  handler: async ({ actor, body, ip }) => {
    await setSlaTargets(actor, body.targets, ip);
    return { targets: await slaTargets() };
  },
});
