// Table styling shared by every list.
import type { ReactNode, ThHTMLAttributes, TdHTMLAttributes } from "react";

export function Table({ children, label, dense = false }: { children: ReactNode; label: string; dense?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table aria-label={label} className={`w-full border-collapse text-sm ${dense ? "[&_td]:px-2 [&_th]:px-2" : ""}`}>
        {children}
      </table>
    </div>
  );
}

export function Th(props: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      {...props}
      className={`border-b border-border bg-surface-2 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-muted ${props.className ?? ""}`}
    />
  );
}

export function Td(props: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td {...props} className={`border-b border-border px-3 py-2 align-middle ${props.className ?? ""}`} />;
}
