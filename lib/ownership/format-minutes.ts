// A duration in minutes as people read it: "45 min", "3.5 h", "2.1 d".
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "—";
  if (minutes < 1) return "< 1 min";
  if (minutes < 90) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1).replace(/\.0$/, "")} h`;
  return `${(minutes / 1440).toFixed(1).replace(/\.0$/, "")} d`;
}
