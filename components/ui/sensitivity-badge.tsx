// Sensitivity as colour, icon and word together: colour is never the only signal.
import { AlertOctagon, AlertTriangle, Info, Minus } from "lucide-react";

const STYLE = {
  critical: { cls: "border-critical/60 text-critical", Icon: AlertOctagon },
  high: { cls: "border-high/60 text-high", Icon: AlertTriangle },
  medium: { cls: "border-medium/60 text-medium", Icon: Info },
  low: { cls: "border-low/60 text-low", Icon: Minus },
} as const;

export function SensitivityBadge({ sensitivity, count }: { sensitivity: keyof typeof STYLE; count?: number }) {
  const { cls, Icon } = STYLE[sensitivity];
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium ${cls}`}>
      <Icon className="h-3 w-3" aria-hidden />
      {count !== undefined ? `${count} ${sensitivity}` : sensitivity}
    </span>
  );
}
