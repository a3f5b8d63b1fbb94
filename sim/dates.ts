/**
 * Calendar-day arithmetic and Wvphost's MM/DD/YYYY date format.
 *
 * Dates are local midnights: the app computes "days left" from the local date, so the simulator's
 * "today" must be the same calendar day.
 */

const DAY_MS = 86_400_000;

/** Local midnight of the day `date` falls on. */
export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** `days` calendar days after `date` (negative for before), at local midnight. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY_MS);
}

/**
 * MM/DD/YYYY, or unpadded M/D/YYYY, or "" for no date.
 *
 * Wvphost sends both forms; the simulator varies them so that clients prove they read both.
 */
export function formatApiDate(date: Date | null, padded: boolean): string {
  if (date === null) return '';
  const month = String(date.getMonth() + 1);
  const day = String(date.getDate());
  return padded
    ? `${month.padStart(2, '0')}/${day.padStart(2, '0')}/${date.getFullYear()}`
    : `${month}/${day}/${date.getFullYear()}`;
}
