/**
 * zod building blocks for parsed Wvphost XML: nodes, attributes, repeated elements and values.
 *
 * fast-xml-parser gives an element as a string when it has only text, `""` when empty, an object
 * (`$` = attributes, `#text` = text) otherwise, and an array only when it repeats. These helpers
 * normalise those shapes so the command schemas can state what they need and ignore the rest.
 */

import { z } from 'zod';

/** Text of an element or attribute value, whatever shape the parser gave it. */
export const textSchema = z.preprocess((value) => {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const text = (value as Record<string, unknown>)['#text'];
    return text === undefined ? '' : typeof text === 'string' ? text : String(text);
  }
  return value;
}, z.string());

/** Text that may be absent (missing element or attribute → `""`). */
export const optionalTextSchema = z.preprocess((value) => (value === undefined ? '' : value), textSchema);

/** An element with the given children/attributes; an empty or text-only element is accepted. */
export function nodeSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess((value) => {
    if (value === '') return {};
    if (typeof value === 'string') return { '#text': value };
    return value;
  }, z.object(shape));
}

/** The `$` attribute group; absent when an element has no attributes. */
export function attributesOf<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess((value) => (value === undefined ? {} : value), z.object(shape));
}

/** A repeatable element: absent → `[]`, single → `[x]`. */
export function listOf<Item extends z.ZodType>(item: Item) {
  return z.preprocess((value) => {
    if (value === undefined || value === '') return [];
    return Array.isArray(value) ? value : [value];
  }, z.array(item));
}

const DATE_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M)?)?$/i;

/**
 * `MM/DD/YYYY` or `M/D/YYYY` → `YYYY-MM-DD`; `""` → null; anything else (or a date that does
 * not exist, like 02/30/2027) → undefined.
 */
export function parseApiDate(value: string): string | null | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const match = DATE_PATTERN.exec(trimmed);
  if (match === null) return undefined;
  const month = Number(match[1]);
  const day = Number(match[2]);
  const year = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date attribute (absent counts as empty). */
export const apiDateSchema = optionalTextSchema.transform((value, context) => {
  const parsed = parseApiDate(value);
  if (parsed === undefined) {
    context.addIssue({ code: 'custom', message: `"${value}" is not a MM/DD/YYYY date` });
    return z.NEVER;
  }
  return parsed;
});

/** `"true"` / `"false"` in any case. */
export const apiBooleanSchema = textSchema.transform((value, context) => {
  const normalised = value.trim().toLowerCase();
  if (normalised === 'true') return true;
  if (normalised === 'false') return false;
  context.addIssue({ code: 'custom', message: `"${value}" is not true/false` });
  return z.NEVER;
});

/** A boolean that may be absent (→ false). */
export const optionalApiBooleanSchema = z.preprocess(
  (value) => (value === undefined ? 'false' : value),
  apiBooleanSchema,
);

/** A whole number ≥ 0. */
export const apiCountSchema = textSchema.transform((value, context) => {
  const trimmed = value.trim();
  if (!/^\d{1,15}$/.test(trimmed)) {
    context.addIssue({ code: 'custom', message: `"${value}" is not a whole number` });
    return z.NEVER;
  }
  return Number(trimmed);
});

/** A count that may be absent or empty (→ 0). */
export const optionalApiCountSchema = z.preprocess(
  (value) => (value === undefined || value === '' ? '0' : value),
  apiCountSchema,
);

/** A certificate ID: a whole number ≥ 1. */
export const apiIdSchema = apiCountSchema.refine((value) => value >= 1, { message: 'not a certificate ID' });
