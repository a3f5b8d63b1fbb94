/**
 * Dates and times in the user's locale.
 *
 * Service dates are plain `YYYY-MM-DD` calendar dates: they are formatted as UTC dates so no
 * time zone can move them by a day.
 */

const dateFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

/** `2026-11-26` → "Nov 26, 2026" (in the user's locale); "—" for null. */
export function formatDate(isoDate: string | null): string {
  if (isoDate === null || isoDate === '') return '—';
  const parsed = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(parsed) ? isoDate : dateFormat.format(parsed);
}

/** An ISO-8601 instant as a full local date and time (tooltips, history). */
export function formatDateTime(iso: string | null): string {
  if (iso === null) return '—';
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? iso : dateTimeFormat.format(parsed);
}

/** "3 hr. ago", "yesterday", "just now": how long ago an ISO-8601 instant was. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relativeFormat.format(Math.round(seconds / 3600), 'hour');
  return relativeFormat.format(Math.round(seconds / 86_400), 'day');
}

/** Whole days from `today` to `isoDate` (both `YYYY-MM-DD`); null when either is missing. */
export function daysBetween(today: string, isoDate: string | null): number | null {
  if (isoDate === null || isoDate === '') return null;
  const from = Date.parse(`${today}T00:00:00Z`);
  const to = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  return Math.round((to - from) / 86_400_000);
}

/** "2 min 5 s", "40 s": a duration for the sync progress. */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes < 60) return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
