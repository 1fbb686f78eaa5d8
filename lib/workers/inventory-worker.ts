// Worker thread entry (see inventory-analysis.ts): prepares one inventory snapshot per message.
import { parentPort } from "node:worker_threads";
import { InventoryError, type TInventorySource } from "../inventory/types";
import { InventoryTooLargeError, prepareSnapshot, type TGraphLimits, type TPreparedSnapshot } from "../snapshots/prepare-snapshot";

export interface TAnalysisRequest {
  id: number;
  source: TInventorySource;
  cluster: string;
  limits: TGraphLimits;
  applyTeams: boolean;
}

export type TAnalysisFailure =
  | { kind: "inventory"; source: string; documentIndex: number; field: string; reason: string }
  | { kind: "too_large"; message: string }
  | { kind: "other"; message: string };

export interface TAnalysisResponse {
  id: number;
  result?: TPreparedSnapshot;
  failure?: TAnalysisFailure;
}

parentPort?.on("message", (req: TAnalysisRequest) => {
  let reply: TAnalysisResponse;
  try {
    reply = { id: req.id, result: prepareSnapshot(req.source, req.cluster, req.limits, req.applyTeams) };
  } catch (err) {
    const failure: TAnalysisFailure =
      err instanceof InventoryError
        ? { kind: "inventory", source: err.source, documentIndex: err.documentIndex, field: err.field, reason: err.reason }
        : err instanceof InventoryTooLargeError
          ? { kind: "too_large", message: err.message }
          : { kind: "other", message: err instanceof Error ? err.message : String(err) };
    reply = { id: req.id, failure };
  }
  parentPort!.postMessage(reply);
});
