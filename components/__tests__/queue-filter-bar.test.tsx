// @vitest-environment jsdom
// The queue's search field debounces: what it sends when the timer fires must merge into the filters
// as they are then, not as the render that started the timer saw them — typing right after
// "Clear filters" once brought the cleared severity back and emptied the queue (a flaky e2e run).
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { QueueFilterBar } from "../incidents/queue-filter-bar";
import type { TIncidentFacets, TQueueFilters } from "@/lib/incidents/queue-filters";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const facets: TIncidentFacets = { teams: [], namespaces: [], clusters: [], tactics: [] };

describe("QueueFilterBar", () => {
  it("sends the typed search as a patch, and keeps what was typed while a cleared URL catches up", () => {
    vi.useFakeTimers();
    const onPatch = vi.fn();
    const onReplace = vi.fn();
    const stale: TQueueFilters = { q: "old", severity: "critical" };
    const { rerender } = render(<QueueFilterBar filters={stale} facets={facets} onPatch={onPatch} onReplace={onReplace} />);
    const field = screen.getByLabelText("Search") as HTMLInputElement;
    expect(field.value).toBe("old");

    fireEvent.click(screen.getByRole("button", { name: /Clear filters/ }));
    expect(onReplace).toHaveBeenCalledWith({});
    // the user types before the cleared URL has rendered
    fireEvent.change(field, { target: { value: "kbd-only" } });
    rerender(<QueueFilterBar filters={{}} facets={facets} onPatch={onPatch} onReplace={onReplace} />);
    expect(field.value).toBe("kbd-only");

    act(() => void vi.advanceTimersByTime(300));
    expect(onPatch).toHaveBeenCalledTimes(1);
    expect(onPatch).toHaveBeenCalledWith({ q: "kbd-only" });
  });

  it("follows the URL when the search changes from elsewhere and nothing is being typed", () => {
    const props = { facets, onPatch: vi.fn(), onReplace: vi.fn() };
    const { rerender } = render(<QueueFilterBar filters={{ q: "a" }} {...props} />);
    rerender(<QueueFilterBar filters={{ q: "b" }} {...props} />);
    expect((screen.getByLabelText("Search") as HTMLInputElement).value).toBe("b");
  });
});
