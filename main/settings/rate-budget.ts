import { DEFAULT_RATE_BUDGET } from '../domain/service.ts';
import type { RateBudget } from '../domain/service.ts';
import { SettingsValidationError } from './settings-validation-error.ts';

const UNIT_ALIASES: Readonly<Record<string, keyof RateBudget>> = {
  min: 'perMinute',
  mins: 'perMinute',
  minute: 'perMinute',
  m: 'perMinute',
  h: 'perHour',
  hr: 'perHour',
  hour: 'perHour',
  d: 'perDay',
  day: 'perDay',
};

/** Largest figure accepted per window; anything bigger is a typo, not a budget. */
const MAX_PER_WINDOW = 10_000_000;

/**
 * Parses a rate budget like `20/min,700/h,8000/day` (units min, h/hour, day; any order).
 *
 * A window left out keeps Wvphost's documented figure (20/min, 700/h, 8000/day), so `10/min` alone
 * still has hourly and daily caps; throws `SettingsValidationError` naming `field` (default
 * `rateBudget`) for anything that does not parse.
 */
export function parseRateBudget(text: string, field = 'rateBudget'): RateBudget {
  // A declaration, not an arrow: TypeScript narrows after a call only to a declared `never` function.
  function fail(why: string): never {
    throw new SettingsValidationError(
      field,
      `${field} is not a rate budget: ${why}. Write it as "<requests>/min,<requests>/h,<requests>/day", e.g. "20/min,700/h,8000/day".`,
    );
  }
  const trimmed = text.trim();
  if (trimmed.length === 0) fail('it is empty');
  const found: Partial<Record<keyof RateBudget, number>> = {};
  for (const part of trimmed.split(',')) {
    const match = /^\s*(\d+)\s*\/\s*([a-z]+)\s*$/i.exec(part);
    if (!match) fail(`"${part.trim()}" is not "<number>/<unit>"`);
    const count = Number(match[1]);
    const unitText = (match[2] ?? '').toLowerCase();
    const unit = UNIT_ALIASES[unitText];
    if (unit === undefined) fail(`unknown unit "${unitText}" (use min, h or day)`);
    if (found[unit] !== undefined) fail(`the ${unitText} limit is given twice`);
    if (!Number.isSafeInteger(count) || count < 1 || count > MAX_PER_WINDOW) {
      fail(`${count}/${unitText} must be a whole number between 1 and ${MAX_PER_WINDOW}`);
    }
    found[unit] = count;
  }
  return {
    perMinute: found.perMinute ?? DEFAULT_RATE_BUDGET.perMinute,
    perHour: found.perHour ?? DEFAULT_RATE_BUDGET.perHour,
    perDay: found.perDay ?? DEFAULT_RATE_BUDGET.perDay,
  };
}

/** The inverse of `parseRateBudget`: `20/min,700/h,8000/day`. */
export function formatRateBudget(budget: RateBudget): string {
  return `${budget.perMinute}/min,${budget.perHour}/h,${budget.perDay}/day`;
}
