"use client";
// The queue's filters: every control labelled; changes go to the URL so a view can be shared.
import { useRef, useState } from "react";
import { X } from "lucide-react";
import { SearchField } from "../ui/search-field";
import { hasActiveFilters, SEVERITY_PRESETS, STATUS_PRESETS, type TIncidentFacets, type TQueueFilters } from "@/lib/incidents/queue-filters";
import { MITRE_TACTICS } from "@/lib/alerts/mitre";
import { Button } from "../ui/button";
import { Select } from "../ui/field";

const TACTIC_NAMES = new Map(MITRE_TACTICS.map((t) => [t.shortName, t.name]));

/** After "Clear filters" the button is gone: focus goes to the search field, not to <body>. */
export function focusQueueSearch() {
  requestAnimationFrame(() => document.getElementById("queue-q")?.focus());
}

function FacetSelect({ id, label, value, options, any, onChange }: {
  id: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  any?: string;
  onChange: (v: string | undefined) => void;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-[11px] font-medium uppercase tracking-wide text-muted">
        {label}
      </label>
      <Select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)} className="w-auto min-w-28 py-1">
        {any !== undefined ? <option value="">{any}</option> : null}
        {value && !options.some((o) => o.value === value) ? <option value={value}>{value}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

/**
 * `onPatch` merges into the filters as they are when it runs (the URL), not as this render saw them:
 * the search field's debounce fires after other changes (a "Clear filters", a select) have landed.
 * `onReplace` sets them all.
 */
export function QueueFilterBar({ filters, facets, onPatch, onReplace }: {
  filters: TQueueFilters;
  facets: TIncidentFacets;
  onPatch: (patch: Partial<TQueueFilters>) => void;
  onReplace: (f: TQueueFilters) => void;
}) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // the search text is the user's while they type (a change is pending); it follows the URL when that changes otherwise
  const [q, setQ] = useState(filters.q ?? "");
  const [typing, setTyping] = useState(false);
  const [seenQ, setSeenQ] = useState(filters.q);
  if (filters.q !== seenQ) {
    setSeenQ(filters.q);
    if (!typing && (filters.q ?? "") !== q.trim()) setQ(filters.q ?? "");
  }
  const [said, setSaid] = useState("");
  const set = onPatch;
  const asOptions = (values: string[]) => values.map((v) => ({ value: v, label: v }));

  function onSearch(value: string) {
    setQ(value);
    setTyping(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      setTyping(false);
      set({ q: value.trim() || undefined });
    }, 300);
  }

  return (
    <form role="search" aria-label="Filter incidents" onSubmit={(e) => e.preventDefault()} className="flex flex-wrap items-end gap-3">
      <SearchField id="queue-q" value={q} placeholder="Rule, workload, command line, file…" onChange={onSearch} />
      <FacetSelect id="queue-status" label="Status" value={filters.status} options={STATUS_PRESETS.slice(1)} any="Open" onChange={(status) => set({ status })} />
      <FacetSelect id="queue-severity" label="Severity" value={filters.severity} options={SEVERITY_PRESETS.slice(1)} any="Any" onChange={(severity) => set({ severity })} />
      <FacetSelect id="queue-team" label="Team" value={filters.team} options={asOptions(facets.teams)} any="Any team" onChange={(team) => set({ team })} />
      <FacetSelect id="queue-namespace" label="Namespace" value={filters.namespace} options={asOptions(facets.namespaces)} any="Any" onChange={(namespace) => set({ namespace })} />
      <FacetSelect id="queue-cluster" label="Cluster" value={filters.cluster} options={asOptions(facets.clusters)} any="Any" onChange={(cluster) => set({ cluster })} />
      <FacetSelect
        id="queue-tactic"
        label="MITRE tactic"
        value={filters.tactic}
        options={facets.tactics.map((t) => ({ value: t, label: TACTIC_NAMES.get(t) ?? t }))}
        any="Any"
        onChange={(tactic) => set({ tactic })}
      />
      <FacetSelect
        id="queue-sla"
        label="SLA"
        value={filters.sla}
        options={[
          { value: "breached", label: "Breached" },
          { value: "at-risk", label: "At risk" },
        ]}
        any="Any"
        onChange={(sla) => set({ sla })}
      />
      <FacetSelect
        id="queue-accepted"
        label="Accepted risks"
        value={filters.accepted}
        options={[
          { value: "hide", label: "Hide" },
          { value: "only", label: "Only" },
        ]}
        any="Show"
        onChange={(accepted) => set({ accepted })}
      />
      <FacetSelect
        id="queue-escalated"
        label="Escalated"
        value={filters.escalated}
        options={[
          { value: "only", label: "Only" },
          { value: "hide", label: "Hide" },
        ]}
        any="Show"
        onChange={(escalated) => set({ escalated })}
      />
      <label htmlFor="queue-critical" className="flex h-[30px] items-center gap-1.5 text-sm">
        <input id="queue-critical" type="checkbox" checked={!!filters.reachesCritical} onChange={(e) => set({ reachesCritical: e.target.checked || undefined })} />
        Reaches a critical asset
      </label>
      {hasActiveFilters(filters) ? (
        <Button type="button" variant="ghost" onClick={() => {
            if (timer.current) clearTimeout(timer.current);
            setTyping(false);
            setQ("");
            onReplace({});
            setSaid("Filters cleared: the whole open queue is shown.");
            focusQueueSearch();
          }} className="h-[30px] py-1">
          <X className="h-3.5 w-3.5" aria-hidden /> Clear filters
        </Button>
      ) : null}
      <p role="status" aria-live="polite" className="sr-only">
        {said}
      </p>
    </form>
  );
}
