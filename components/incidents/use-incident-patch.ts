"use client";
// One PATCH of an incident, then every incident query (queue, detail, activity) refreshes.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { incidentQueries, patchIncident, type TIncidentPatchBody } from "@/lib/queries/incidents";

export function useIncidentPatch(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TIncidentPatchBody) => patchIncident(id, body),
    onSuccess: () => client.invalidateQueries({ queryKey: incidentQueries.all() }),
  });
}
