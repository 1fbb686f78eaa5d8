// Tetragon's JSON export (GetEventsResponse): one key naming the event type, plus node_name and time.
// Only what normalization reads is checked; protojson writes 64-bit integers as strings, so both pass.
import { z } from "zod";

const ZText = z.string().nullish();
const ZUint = z.union([z.number().int().min(0).max(2 ** 53), z.string().regex(/^\d{1,15}$/).transform(Number)]).nullish();

export const ZTetragonPod = z.object({
  namespace: ZText,
  name: ZText,
  container: z
    .object({
      id: ZText,
      name: ZText,
      image: z.object({ id: ZText, name: ZText }).nullish(),
    })
    .nullish(),
  workload: ZText,
  workload_kind: ZText,
  pod_labels: z.record(z.string(), z.string()).nullish().catch(null),
});

export const ZTetragonProcess = z.object({
  exec_id: ZText,
  parent_exec_id: ZText,
  pid: ZUint,
  uid: ZUint,
  binary: ZText,
  arguments: ZText,
  cwd: ZText,
  docker: ZText,
  pod: ZTetragonPod.nullish(),
  user: z.object({ name: ZText }).nullish(),
  cap: z.object({ effective: z.array(z.string()).max(128).nullish(), permitted: z.array(z.string()).max(128).nullish() }).nullish(),
});

const ZPolicyFields = {
  process: ZTetragonProcess,
  parent: ZTetragonProcess.nullish(),
  policy_name: ZText,
  // Arguments are read one by one and leniently in tetragon-args.ts.
  args: z.unknown().optional(),
  action: ZText,
  message: ZText,
  tags: z.array(z.string()).max(1000).nullish(),
};

/** Per event type: its body schema and whether it is activity (stored, opens no incident) or an alert. */
export const TETRAGON_EVENT_TYPES = {
  process_exec: { activity: true, body: z.object({ process: ZTetragonProcess, parent: ZTetragonProcess.nullish() }) },
  process_exit: {
    activity: true,
    body: z.object({ process: ZTetragonProcess, parent: ZTetragonProcess.nullish(), signal: ZText, status: ZUint }),
  },
  process_loader: { activity: true, body: z.object({ process: ZTetragonProcess, path: ZText }) },
  // Socket events of Tetragon's early releases (and Isovalent's enterprise build): one per connection.
  process_connect: { activity: true, body: z.object({ process: ZTetragonProcess, parent: ZTetragonProcess.nullish(), destination_ip: ZText, destination_port: ZUint, protocol: ZText }) },
  process_close: { activity: true, body: z.object({ process: ZTetragonProcess, parent: ZTetragonProcess.nullish(), destination_ip: ZText, destination_port: ZUint, protocol: ZText }) },
  process_listen: { activity: true, body: z.object({ process: ZTetragonProcess, parent: ZTetragonProcess.nullish(), ip: ZText, port: ZUint, protocol: ZText }) },
  process_kprobe: { activity: false, body: z.object({ ...ZPolicyFields, function_name: ZText, return: z.unknown().optional() }) },
  process_lsm: { activity: false, body: z.object({ ...ZPolicyFields, function_name: ZText }) },
  process_tracepoint: { activity: false, body: z.object({ ...ZPolicyFields, subsys: ZText, event: ZText }) },
  process_uprobe: { activity: false, body: z.object({ ...ZPolicyFields, path: ZText, symbol: ZText }) },
  process_usdt: { activity: false, body: z.object({ ...ZPolicyFields, provider: ZText, name: ZText }) },
} as const;

export type TTetragonEventType = keyof typeof TETRAGON_EVENT_TYPES;

export const ZTetragonEnvelope = z.object({ node_name: ZText, time: z.string(), cluster_name: ZText });

/** The envelope and the union of every body, for callers that want one schema (e.g. API docs). */
export const ZTetragonEvent = ZTetragonEnvelope.extend(
  Object.fromEntries(Object.entries(TETRAGON_EVENT_TYPES).map(([type, spec]) => [type, spec.body.optional()])) as {
    [K in TTetragonEventType]: z.ZodOptional<(typeof TETRAGON_EVENT_TYPES)[K]["body"]>;
  },
);

export type TTetragonProcess = z.infer<typeof ZTetragonProcess>;
