// "5 min ago", with the exact time on hover.
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31536000],
  ["month", 2592000],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

export function formatRelative(iso: string, now = Date.now(), style: Intl.RelativeTimeFormatStyle = "long"): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const fmt = new Intl.RelativeTimeFormat("en", { numeric: "auto", style });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") return fmt.format(Math.round(seconds / size), unit);
  }
  return iso;
}

export function RelativeTime({ iso, empty = "never", compact = false }: { iso: string | null; empty?: string; compact?: boolean }) {
  if (!iso) return <span className="text-muted">{empty}</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toISOString()} suppressHydrationWarning>
      {formatRelative(iso, undefined, compact ? "narrow" : "long")}
    </time>
  );
}
