"use client";
// The analyst's queue: incidents ranked by blast radius, filtered through the URL, refreshed
// every 10 s without moving rows under the pointer, worked with the keyboard or in bulk.
import { useMemo, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { useInfiniteQuery } from "@tanstack/react-query";
import { incidentQueries, type TIncidentItem } from "@/lib/queries/incidents";
import { hasActiveFilters, incidentListParams, parseQueueFilters, queueSearchParams, type TIncidentFacets, type TQueueFilters } from "@/lib/incidents/queue-filters";
import { CsvLink } from "../ui/csv-link";
import { moveCursor, toggleSelected, visibleSelection, type TQueueKeyAction } from "@/lib/incidents/queue-keys";
import { liveView } from "@/lib/incidents/queue-live";
import { Button } from "../ui/button";
import { NewIncidentsButton } from "./new-incidents-bar";
import { MergeDialog } from "./merge-dialog";
import { SavedViews } from "./saved-views";
import { QueueHistogram } from "./queue-histogram";
import { QueueBulkBar } from "./queue-bulk-bar";
import { focusQueueSearch, QueueFilterBar } from "./queue-filter-bar";
import { QueueEmpty, QueueError, QueueLoading } from "./queue-states";
import { QueueTable } from "./queue-table";
import { useLiveHold } from "./use-live-hold";
import { useQueueActions } from "./use-queue-actions";
import { useQueueKeyboard } from "./use-queue-keyboard";

export interface TQueueMe {
  id: string;
  permissions: readonly string[];
}

export function IncidentQueue({ me, facets }: { me: TQueueMe; facets: TIncidentFacets }) {
  const router = useRouter();
  const params = useSearchParams();
  const filters = useMemo(() => parseQueueFilters(new URLSearchParams(params?.toString() ?? "")), [params]);
  const query = useInfiniteQuery(incidentQueries.list(filters));
  const latest = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const live = useLiveHold<TIncidentItem>();
  const view = liveView(latest, live.held);
  const ids = view.rows.map((r) => r.id);
  const [cursorId, setCursorId] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const actions = useQueueActions();
  const canTriage = me.permissions.includes("incident.triage");
  const chosen = visibleSelection(selected, ids);
  const [merging, setMerging] = useState(false);

  function setFilters(next: TQueueFilters) {
    const qs = queueSearchParams(next).toString();
    // Next.js keeps useSearchParams in step with history.replaceState: no server round trip.
    window.history.replaceState(null, "", qs ? `?${qs}` : window.location.pathname);
    setSelected(new Set());
    setCursorId(null);
    live.release("keyboard");
  }

  /** Merges into the filters in the URL now, which a pending debounce's render may not have seen. */
  function patchFilters(patch: Partial<TQueueFilters>) {
    setFilters({ ...parseQueueFilters(new URLSearchParams(window.location.search)), ...patch });
  }

  function assignToMe(targets: string[]) {
    if (!canTriage) return actions.say("Only analysts and admins assign incidents: your role can open them and comment.", "danger");
    actions.apply(targets, { assigneeId: me.id }, "assigned to you");
  }

  function onKey(action: TQueueKeyAction) {
    if (action.type === "clear") {
      // the first Esc clears the selection and keeps the cursor, so Enter still opens its row;
      // a second Esc (nothing selected) leaves the row too
      if (selected.size > 0) return setSelected(new Set());
      setCursorId(null);
      return live.release("keyboard");
    }
    if (action.type === "search") return focusQueueSearch();
    if (action.type === "move") {
      live.hold("keyboard", view.rows);
      const next = moveCursor(ids, cursorId, action.delta);
      setCursorId(next);
      if (next) document.getElementById(`incident-row-${next}`)?.scrollIntoView({ block: "nearest" });
      return;
    }
    if (!cursorId || !ids.includes(cursorId)) return;
    if (action.type === "open") router.push(`/incidents/${cursorId}`);
    if (action.type === "toggle" && canTriage) setSelected((s) => toggleSelected(s, cursorId));
    if (action.type === "assignToMe") assignToMe([cursorId]);
  }
  useQueueKeyboard(onKey);

  const held = (reason: "pointer" | "focus") => () => live.hold(reason, view.rows);

  let body: React.ReactNode;
  if (query.isPending) body = <QueueLoading />;
  else if (query.error && latest.length === 0) body = <QueueError error={query.error} onRetry={() => query.refetch()} />;
  else if (view.rows.length === 0) body = <QueueEmpty filtered={hasActiveFilters(filters)} onClear={() => {
          setFilters({});
          focusQueueSearch();
        }} />;
  else
    body = (
      <div
        className="flex flex-col gap-2"
        onPointerEnter={held("pointer")}
        onPointerLeave={() => live.release("pointer")}
        onFocus={held("focus")}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) live.release("focus");
        }}
      >
        {chosen.length > 0 && canTriage ? (
          <QueueBulkBar
            count={chosen.length}
            meId={me.id}
            busy={actions.busy}
            onApply={(patch, what) => actions.apply(chosen, patch, what)}
            onMerge={() => setMerging(true)}
            onClear={() => setSelected(new Set())}
          />
        ) : null}
        <QueueTable
          rows={view.rows}
          q={filters.q}
          cursorId={cursorId}
          selected={selected}
          selectable={canTriage}
          onToggle={(id) => setSelected((s) => toggleSelected(s, id))}
          onToggleAll={(on) => setSelected(on ? new Set(ids) : new Set())}
          onPick={(id) => setCursorId(id)}
        />
        <div className="flex items-center gap-3">
          {query.hasNextPage ? (
            <Button onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
              {query.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          ) : (
            <span className="text-xs text-muted">End of the queue.</span>
          )}
          <span className="text-xs text-muted">
            {view.rows.length} shown · refreshed every 10 s{query.isFetching && !query.isFetchingNextPage ? " · updating…" : ""}
            {query.error ? " · last refresh failed, retrying" : ""}
          </span>
        </div>
        {chosen.length > 0 && canTriage ? <div aria-hidden className="h-16" /> : null}
        <MergeDialog
          open={merging}
          incidents={view.rows.filter((r) => chosen.includes(r.id))}
          pending={actions.merging}
          error={actions.mergeError}
          onClose={() => setMerging(false)}
          onSubmit={(survivor, others, force) =>
            actions.merge(survivor, others, force, () => {
              setMerging(false);
              setSelected(new Set());
              // the merged rows are gone: let the list follow instead of holding them in place
              for (const reason of ["pointer", "focus", "keyboard"] as const) live.release(reason);
            })
          }
        />
      </div>
    );

  return (
    <div className="flex flex-col gap-4">
      <QueueFilterBar filters={filters} facets={facets} onPatch={patchFilters} onReplace={setFilters} />
      <SavedViews current={queueSearchParams(filters).toString()} onOpen={(query) => setFilters(parseQueueFilters(new URLSearchParams(query)))} />
      <QueueHistogram cluster={filters.cluster} />
      <div className="flex min-h-6 flex-wrap items-center justify-between gap-2 text-xs text-muted">
        <p>
          Keys: <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> move · <kbd className="font-mono">Enter</kbd> open ·{" "}
          {canTriage ? (
            <>
              <kbd className="font-mono">x</kbd> select · <kbd className="font-mono">a</kbd> assign to me ·{" "}
            </>
          ) : null}
          <kbd className="font-mono">Esc</kbd> clear · <kbd className="font-mono">?</kbd> all shortcuts
        </p>
        <div className="flex items-center gap-3">
          <p role="status" aria-live="polite" className={actions.message?.tone === "danger" ? "text-danger" : "text-ok"} data-testid="queue-status">
            {actions.message?.text ?? ""}
          </p>
          <span aria-live="polite">
            <NewIncidentsButton count={view.newIds.length} onShow={() => live.refresh(latest)} />
          </span>
          <CsvLink href={`/api/v1/incidents?${incidentListParams(filters)}&format=csv`} label="CSV of these incidents" />
        </div>
      </div>
      {body}
    </div>
  );
}
