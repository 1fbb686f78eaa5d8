// Shown instead of reordering the queue under the user: "3 new incidents — show". A pill
// floating over the top of the list in a zero-height strip that is always there, so its
// arrival moves nothing below it.
import { ArrowUp } from "lucide-react";

export function NewIncidentsBar({ count, onShow }: { count: number; onShow: () => void }) {
  return (
    <div className="sticky top-16 z-10 flex h-0 items-start justify-center overflow-visible">
      {count > 0 ? (
        <button
          type="button"
          onClick={onShow}
          data-testid="new-incidents"
          className="mt-1 flex items-center gap-2 rounded-full bg-accent px-4 py-1.5 text-sm font-semibold text-accent-fg shadow-lg ring-4 ring-bg hover:opacity-90"
        >
          <ArrowUp className="h-4 w-4" aria-hidden />
          {count} new incident{count === 1 ? "" : "s"} — show
        </button>
      ) : null}
    </div>
  );
}
