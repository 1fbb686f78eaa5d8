"use client";
// Comments and changes on the incident, newest first, from its audit trail.
import { useQuery } from "@tanstack/react-query";
import { describeActivity } from "@/lib/incidents/describe-activity";
import { incidentQueries } from "@/lib/queries/incidents";
import { ErrorNote } from "../ui/card";
import { RelativeTime } from "../ui/relative-time";
import { CommentForm } from "./comment-form";

export function ActivityFeed({ incidentId, canComment }: { incidentId: string; canComment: boolean }) {
  const activity = useQuery(incidentQueries.activity(incidentId));
  const items = activity.data?.items ?? [];
  return (
    <section aria-label="Activity" className="flex flex-col gap-4 rounded-lg border border-border bg-surface p-4">
      <h2 className="text-sm font-semibold">Activity</h2>
      {canComment ? <CommentForm incidentId={incidentId} /> : null}
      <ErrorNote error={activity.error} />
      {activity.isPending ? <p className="text-sm text-muted">Loading activity…</p> : null}
      {!activity.isPending && items.length === 0 ? <p className="text-sm text-muted">No comments or changes yet.</p> : null}
      <ol className="flex flex-col gap-3" aria-live="polite" data-testid="activity">
        {items.map((e) => {
          const text = describeActivity(e);
          return (
            <li key={e.id} className="flex flex-col gap-1 border-l-2 border-border pl-3">
              <p className="text-sm">
                <span className="font-medium" title={e.actor.account}>{e.actor.label}</span> {text.summary}
              </p>
              {text.quote ? <blockquote className="whitespace-pre-wrap break-words rounded bg-surface-2 px-2 py-1.5 text-sm">{text.quote}</blockquote> : null}
              <span className="text-xs text-muted">
                <RelativeTime iso={e.at} />
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
