"use client";
// The active accepted risks of one workload, as its page and its incidents' pages show them.
import { ShieldCheck } from "lucide-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { refreshAcceptedRisks, revokeRisk, type TAcceptedRiskListItem } from "@/lib/queries/ownership";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/card";

export function AcceptedRiskList({ risks, canRevoke }: { risks: TAcceptedRiskListItem[]; canRevoke: boolean }) {
  const client = useQueryClient();
  const revoke = useMutation({
    mutationFn: revokeRisk,
    onSuccess: () => refreshAcceptedRisks(client),
  });
  return (
    <section aria-label="Accepted risks" className="flex flex-col gap-2 border-t border-border pt-3" data-testid="accepted-risks">
      <h2 className="flex items-center gap-1.5 text-sm font-semibold text-accent">
        <ShieldCheck className="h-4 w-4" aria-hidden /> Accepted risk{risks.length === 1 ? "" : "s"}
      </h2>
      <ul className="flex flex-col gap-2">
        {risks.map((r) => (
          <li key={r.id} className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-accent/40 bg-accent/5 px-3 py-2 text-sm">
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {r.edge ? (
                  <>
                    Edge <span className="font-mono text-xs">{r.edge.edge}</span>{" "}
                    <span className="break-all font-mono text-xs text-muted">
                      {r.edge.from} → {r.edge.to}
                    </span>
                  </>
                ) : (
                  "The whole workload"
                )}
              </p>
              <p className="text-xs">{r.label}</p>
              <p className="mt-0.5 break-words text-xs text-muted">{r.reason}</p>
            </div>
            {canRevoke ? (
              <Button
                type="button"
                variant="ghost"
                disabled={revoke.isPending}
                onClick={() => {
                  if (window.confirm("Revoke this accepted risk? It counts again at once.")) revoke.mutate(r.id);
                }}
              >
                Revoke
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorNote error={revoke.error} />
    </section>
  );
}
