// The labelled search box of a list's filter bar (queue, workloads, assets).
import { Search } from "lucide-react";
import { TextInput } from "./field";

export function SearchField({ id, value, placeholder, onChange }: { id: string; value: string; placeholder: string; onChange: (value: string) => void }) {
  return (
    <div className="flex w-72 flex-col gap-1">
      <label htmlFor={id} className="text-[11px] font-medium uppercase tracking-wide text-muted">
        Search
      </label>
      <div className="relative">
        <Search className="pointer-events-none absolute left-2 top-1/2 h-3.5 w-3.5 -translate-y-1/2 text-muted" aria-hidden />
        <TextInput id={id} type="search" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} className="py-1 pl-7" />
      </div>
    </div>
  );
}
