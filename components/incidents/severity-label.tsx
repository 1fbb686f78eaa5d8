// An alert severity as icon and word together, coloured by how bad it is.
import { AlertOctagon, AlertTriangle, Info, Minus } from "lucide-react";

const STYLE: Record<string, { cls: string; Icon: typeof Info }> = {
  emergency: { cls: "text-critical", Icon: AlertOctagon },
  alert: { cls: "text-critical", Icon: AlertOctagon },
  critical: { cls: "text-critical", Icon: AlertOctagon },
  error: { cls: "text-high", Icon: AlertTriangle },
  warning: { cls: "text-medium", Icon: AlertTriangle },
  notice: { cls: "text-low", Icon: Info },
  informational: { cls: "text-low", Icon: Info },
  debug: { cls: "text-low", Icon: Minus },
};

export function SeverityLabel({ severity }: { severity: string }) {
  const { cls, Icon } = STYLE[severity] ?? STYLE.notice;
  return (
    <span className={`inline-flex items-center gap-1 text-xs font-medium ${cls}`}>
      <Icon className="h-3.5 w-3.5 shrink-0" aria-hidden />
      {severity}
    </span>
  );
}
