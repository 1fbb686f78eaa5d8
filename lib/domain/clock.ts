// Small time formats shared by the server and the browser.

/** Minutes of the day → "HH:MM". */
export const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** "YYYY-MM-DD" of an instant, in UTC (what a date input shows and sends). */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
