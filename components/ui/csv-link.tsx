// "Download CSV" for a table: the same API answer as the page, as a spreadsheet-safe file.
import { Download } from "lucide-react";

export function CsvLink({ href, label = "CSV" }: { href: string; label?: string }) {
  return (
    <a
      href={href}
      download
      className="inline-flex items-center gap-1 rounded-md border border-border px-2 py-1 text-xs font-medium text-muted hover:bg-surface-2 hover:text-fg"
      data-testid="csv-link"
    >
      <Download className="h-3.5 w-3.5" aria-hidden /> {label}
    </a>
  );
}
