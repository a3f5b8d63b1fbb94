/**
 * Calendar arithmetic on `YYYY-MM-DD` dates.
 *
 * Due dates and days left are calendar facts, not instants: working on the date parts through
 * `Date.UTC` keeps them free of time zones and daylight-saving jumps, and avoids allocating a
 * formatter per service (10,000 services are built on every refresh).
 */

const MS_PER_DAY = 86_400_000;

/** Today's local calendar date as `YYYY-MM-DD`. */
export function localToday(now: Date = new Date()): string {
  return formatYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or null when it is not one. */
export function epochDay(ymd: string): number | null {
  if (ymd.length !== 10 || ymd.charCodeAt(4) !== 45 || ymd.charCodeAt(7) !== 45) return null;
  const year = Number(ymd.slice(0, 4));
  const month = Number(ymd.slice(5, 7));
  const day = Number(ymd.slice(8, 10));
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** The `YYYY-MM-DD` date of a day count since 1970-01-01. */
function fromEpochDay(days: number): string {
  const date = new Date(days * MS_PER_DAY);
  return formatYmd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** `ymd` moved by `days` calendar days (negative: earlier); null stays null. */
export function addDays(ymd: string | null, days: number): string | null {
  if (ymd === null) return null;
  const base = epochDay(ymd);
  return base === null ? null : fromEpochDay(base + days);
}

function formatYmd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
