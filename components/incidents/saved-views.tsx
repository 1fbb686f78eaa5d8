"use client";
// Saved queue views: open one, save the current filters under a name, delete the one shown. A view
// is the queue URL's query string, so "Copy link" shares it with anyone who may see the queue.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bookmark, Trash2 } from "lucide-react";
import { deleteView, saveView, viewQueries } from "@/lib/queries/incidents";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/card";
import { Dialog } from "../ui/dialog";
import { Select, TextInput } from "../ui/field";

export function SavedViews({ current, onOpen }: { current: string; onOpen: (query: string) => void }) {
  const client = useQueryClient();
  const views = useQuery(viewQueries.mine());
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const save = useMutation({
    mutationFn: saveView,
    onSuccess: () => {
      setNaming(false);
      setName("");
      return client.invalidateQueries({ queryKey: ["views"] });
    },
  });
  const remove = useMutation({ mutationFn: deleteView, onSuccess: () => client.invalidateQueries({ queryKey: ["views"] }) });
  const items = views.data?.items ?? [];
  const shown = items.find((v) => v.query === current);
  return (
    <div className="flex items-end gap-2" data-testid="saved-views">
      <div className="flex flex-col gap-1">
        <label htmlFor="queue-view" className="text-[11px] font-medium uppercase tracking-wide text-muted">
          Saved view
        </label>
        <Select id="queue-view" value={shown?.id ?? ""} onChange={(e) => {
          const v = items.find((x) => x.id === e.target.value);
          onOpen(v ? v.query : "");
        }} className="!w-52 py-1">
          <option value="">{items.length ? (current ? "Unsaved filters" : "None") : "No saved views yet"}</option>
          {items.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </Select>
      </div>
      {current && !shown ? (
        <Button onClick={() => setNaming(true)} className="py-1">
          <Bookmark className="h-3.5 w-3.5" aria-hidden /> Save view…
        </Button>
      ) : null}
      {shown ? (
        <Button variant="ghost" busy={remove.isPending} onClick={() => remove.mutate(shown.id)} aria-label={`Delete the saved view ${shown.name}`} className="py-1">
          <Trash2 className="h-3.5 w-3.5" aria-hidden /> Delete view
        </Button>
      ) : null}
      <Dialog open={naming} title="Save this view" onClose={() => setNaming(false)}>
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) save.mutate({ name: name.trim(), query: current });
          }}
        >
          <p className="text-sm text-muted">The queue&apos;s current filters, under a name of yours. The page&apos;s address is the view too: share it as a link.</p>
          <label htmlFor="view-name" className="text-xs font-medium uppercase tracking-wide text-muted">
            Name
          </label>
          <TextInput id="view-name" value={name} maxLength={60} required placeholder="e.g. payments, critical, unassigned" onChange={(e) => setName(e.target.value)} />
          <p className="break-all font-mono text-xs text-muted">?{current}</p>
          <ErrorNote error={save.error} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setNaming(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={save.isPending || !name.trim()}>
              Save view
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
