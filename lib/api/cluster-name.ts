// The one definition of a cluster name, as routes and token scopes accept it.
import { z } from "zod";

export const ZClusterName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "must be 1–63 letters, digits, '.', '_' or '-'");
