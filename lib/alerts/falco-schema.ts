// Falco's JSON event as http_output and falcosidekick post it. Only what normalization reads is
// checked; `output_fields` stays a bag of values read one by one (see falco-fields.ts).
import { z } from "zod";

export const ZFalcoEvent = z.object({
  rule: z.string().trim().min(1),
  priority: z.string(),
  output: z.string(),
  time: z.string(),
  source: z.string().trim().min(1).nullish(),
  hostname: z.string().nullish(),
  tags: z.array(z.string()).max(1000).nullish(),
  output_fields: z.record(z.string(), z.unknown()).nullish(),
  /** falcosidekick mints one per receipt: never part of the dedupe key */
  uuid: z.string().nullish(),
});

export type TFalcoEvent = z.infer<typeof ZFalcoEvent>;
