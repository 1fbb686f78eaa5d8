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

const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time of day, HH:MM");
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** SLA clocks counted in the team's working time; null: around the clock. */
export const ZSlaHours = z
  .object({
    timeZone: z.string().min(1).max(64).refine(isTimeZone, "must be an IANA time zone, e.g. Europe/Berlin"),
    /** ISO weekdays: 1 Monday … 7 Sunday */
    workdays: z.array(z.number().int().min(1).max(7)).min(1, "name at least one working day").max(7),
    dayStart: ZClock,
    dayEnd: ZClock,
  })
  .strict()
  .refine((h) => minutesOf(h.dayStart) < minutesOf(h.dayEnd), { message: "dayStart must be before dayEnd", path: ["dayEnd"] })
  .transform((h) => ({ timeZone: h.timeZone, workdays: [...new Set(h.workdays)].sort(), dayStartMinute: minutesOf(h.dayStart), dayEndMinute: minutesOf(h.dayEnd) }));

export const ZUpdateTeam = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    /** SSO groups whose members join the team at each sign-in */
    oidcGroups: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
    /** count the team's SLA clocks in its working time (null: around the clock) */
    slaHours: ZSlaHours.nullable().optional(),
  })
  .strict()
  .refine((b) => b.displayName !== undefined || b.oidcGroups !== undefined || b.slaHours !== undefined, { message: "give displayName, oidcGroups or slaHours" });

export const ZMember = z.object({ userId: z.string().min(1).max(64) }).strict();
export type TUpdateTeam = z.infer<typeof ZUpdateTeam>;
