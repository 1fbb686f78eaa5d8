"use client";
// Add a comment to the incident's activity.
import { useState } from "react";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/card";
import { useIncidentPatch } from "./use-incident-patch";

export function CommentForm({ incidentId }: { incidentId: string }) {
  const patch = useIncidentPatch(incidentId);
  const [text, setText] = useState("");
  return (
    <form
      aria-label="Add a comment"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) patch.mutate({ comment: text.trim() }, { onSuccess: () => setText("") });
      }}
    >
      <label htmlFor="incident-comment" className="text-xs font-medium uppercase tracking-wide text-muted">
        Comment
      </label>
      <textarea
        id="incident-comment"
        rows={3}
        maxLength={10000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="What you found, what you did, what is next"
        className="w-full rounded-md border border-border bg-surface px-2.5 py-1.5 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-none"
      />
      <ErrorNote error={patch.error} />
      <Button type="submit" variant="primary" disabled={patch.isPending || !text.trim()} className="self-end">
        Add comment
      </Button>
    </form>
  );
}
