"use client";
// Triage from the queue: assign or change status of one or many incidents, then refresh the
// lists and say what happened in words (announced to screen readers).
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { incidentQueries, mergeIncidentsInto, patchIncidents, type TIncidentPatchBody } from "@/lib/queries/incidents";

export function useQueueActions() {
  const client = useQueryClient();
  const [message, setMessage] = useState<{ text: string; tone: "ok" | "danger" } | null>(null);
  const mutation = useMutation({
    mutationFn: ({ ids, body }: { ids: string[]; body: TIncidentPatchBody; what: string }) => patchIncidents(ids, body),
    onSuccess: (result, { ids, what }) => {
      const noun = (n: number) => `${n} incident${n === 1 ? "" : "s"}`;
      if (result.failed.length === 0) setMessage({ text: `${noun(ids.length)} ${what}.`, tone: "ok" });
      else
        setMessage({
          text: `${noun(result.updated)} ${what}; ${noun(result.failed.length)} not changed: ${[...new Set(result.failed.map((f) => f.message))].join("; ")}`,
          tone: "danger",
        });
      return client.invalidateQueries({ queryKey: incidentQueries.all() });
    },
    onError: (err) => setMessage({ text: err instanceof Error ? err.message : String(err), tone: "danger" }),
  });
  const merge = useMutation({
    mutationFn: ({ survivor, others, force }: { survivor: string; others: string[]; force: boolean }) => mergeIncidentsInto(survivor, others, force),
    onSuccess: (result) => {
      if (result.failed.length === 0) setMessage({ text: `${result.merged + 1} incidents merged into one.`, tone: "ok" });
      else setMessage({ text: `${result.merged} merged; ${result.failed.length} not: ${[...new Set(result.failed.map((f) => f.message))].join("; ")}`, tone: "danger" });
      return client.invalidateQueries({ queryKey: incidentQueries.all() });
    },
  });
  return {
    merge: (survivor: string, others: string[], force: boolean, after: () => void) => merge.mutate({ survivor, others, force }, { onSuccess: after }),
    merging: merge.isPending,
    mergeError: merge.error,
    apply: (ids: string[], body: TIncidentPatchBody, what: string) => ids.length && mutation.mutate({ ids, body, what }),
    busy: mutation.isPending,
    message,
    say: (text: string, tone: "ok" | "danger" = "ok") => setMessage({ text, tone }),
  };
}
