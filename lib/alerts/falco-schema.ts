// Falco's JSON event as http_output and falcosidekick post it. Only what normalization reads is
// checked; `output_fields` stays a bag of values read one by one (see falco-fields.ts).
import { z } from "zod";
import { isRecord } from "./parse-with";

export const ZFalcoEvent = z.object({
  rule: z.string().trim().min(1),
  priority: z.string(),
  output: z.string(),
  time: z.string(),
  source: z.string().trim().min(1).nullish(),
  hostname: z.string().nullish(),
  tags: z.array(z.string()).max(1000).nullish(),
  // Checked, not copied (z.record would rebuild the object for every event); fields are read with
  // Object.hasOwn, so a "__proto__" key in it answers for nothing.
  output_fields: z.custom<Record<string, unknown>>(isRecord, "expected an object of fields").nullish(),
  /** falcosidekick mints one per receipt: never part of the dedupe key */
  uuid: z.string().nullish(),
});

export type TFalcoEvent = z.infer<typeof ZFalcoEvent>;
