// The week a weekly review covers: Monday 00:00 UTC to the next Monday, from `?week=YYYY-MM-DD`
// (any day of the week) or, absent or invalid, the last complete week before `now`.
export interface TReviewWeek {
  /** Monday, YYYY-MM-DD */
  week: string;
  from: Date;
  to: Date;
  previous: string;
  next: string;
}

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

function mondayOf(t: number): number {
  const day = new Date(t);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY;
}

export function reviewWeek(param: string | undefined, now = new Date()): TReviewWeek {
  const parsed = param && /^\d{4}-\d{2}-\d{2}$/.test(param) ? Date.parse(`${param}T00:00:00Z`) : Number.NaN;
  const start = Number.isNaN(parsed) ? mondayOf(now.getTime()) - 7 * DAY : mondayOf(parsed);
  return { week: iso(new Date(start)), from: new Date(start), to: new Date(start + 7 * DAY), previous: iso(new Date(start - 7 * DAY)), next: iso(new Date(start + 7 * DAY)) };
}
