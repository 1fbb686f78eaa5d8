// Input shapes for user administration.
import { z } from "zod";
import { ROLES } from "../auth/permissions";

export const ZPassword = z.string().min(12, "must be at least 12 characters").max(1024);

export const ZCreateUser = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  password: ZPassword,
  teamIds: z.array(z.string().min(1).max(64)).max(100).default([]),
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    password: ZPassword.optional(),
    teamIds: z.array(z.string().min(1).max(64)).max(100).optional(),
  })
  .strict();
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

export const ZIdParams = z.object({ id: z.string().min(1).max(64) });
