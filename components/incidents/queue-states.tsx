// What the queue says while it loads, when it fails and when it is empty.
import { Button } from "../ui/button";
import { EmptyState, ErrorNote } from "../ui/card";

export function QueueLoading() {
  return (
    <div role="status" aria-label="Loading incidents" className="flex flex-col gap-2 rounded-lg border border-border bg-surface p-3">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-9 animate-pulse rounded bg-surface-2" />
      ))}
      <span className="sr-only">Loading incidents…</span>
    </div>
  );
}

export function QueueError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="flex flex-col items-start gap-2">
      <ErrorNote error={error} />
      <p className="text-sm text-muted">The incident list could not be loaded. Check that the server is running, then try again.</p>
      <Button onClick={onRetry}>Try again</Button>
    </div>
  );
}

export function QueueEmpty({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  if (filtered) {
    return (
      <EmptyState title="No incidents match these filters">
        <p>Widen the status or severity, or clear the filters to see the whole queue.</p>
        <Button className="mt-3" onClick={onClear}>
          Clear filters
        </Button>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No open incidents">
      Incidents open when a sensor sends alerts. Create an <strong>ingest</strong> token under Settings → API tokens and point
      Falco&apos;s <code>http_output</code> at <code>/api/v1/alerts/falco?cluster=NAME</code>. Closed incidents are under Status → All.
    </EmptyState>
  );
}
