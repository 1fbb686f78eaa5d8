// Shown instead of reordering the queue under the user: "3 new incidents — show". It sits in the
// status line above the table, which is always there, so its arrival moves nothing and it never
// covers the table's header.
import { ArrowUp } from "lucide-react";

export function NewIncidentsButton({ count, onShow }: { count: number; onShow: () => void }) {
  if (count === 0) return null;
  return (
    <button
      type="button"
      onClick={onShow}
      data-testid="new-incidents"
      className="flex items-center gap-1.5 rounded-full bg-accent px-3 py-0.5 text-xs font-semibold text-accent-fg hover:opacity-90"
    >
      <ArrowUp className="h-3.5 w-3.5" aria-hidden />
      {count} new incident{count === 1 ? "" : "s"} — show
    </button>
  );
}
