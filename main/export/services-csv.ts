import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Service } from '../domain/service.ts';

/** DESIGN.md §3 fields, in that order: the CSV's columns. */
export const CSV_COLUMNS = [
  'certificateId',
  'previousCertificateIds',
  'hostName',
  'sslType',
  'status',
  'purchaseDate',
  'expireDate',
  'activationExpireDate',
  'dueDate',
  'daysLeft',
  'reissueState',
  'needsActivation',
  'lastSyncedAt',
] as const satisfies readonly (keyof Service)[];

/** Rows per chunk: big enough that the zip's deflate sees few large writes, small enough to stay bounded. */
const ROWS_PER_CHUNK = 256;

/**
 * services.csv as a stream: RFC 4180 (CRLF, quotes doubled, fields with `,` `"` CR LF quoted),
 * UTF-8 with a byte-order mark so Excel opens non-ASCII host names correctly (other tools skip it).
 *
 * Rows are produced a chunk at a time as the zip reads them. Text cells are made safe against
 * spreadsheet formula injection (`protectCell`); number cells such as `daysLeft = -3` are left as
 * numbers, so they still sort and sum.
 */
export function servicesCsvStream(services: readonly Service[]): Readable {
  return Readable.from(servicesCsvChunks(services), { objectMode: false });
}

function* servicesCsvChunks(services: readonly Service[]): Generator<Buffer> {
  const options = {
    record_delimiter: 'windows',
    // Needed explicitly: with a custom record delimiter csv-stringify would leave a lone LF unquoted.
    quote_record_delimiter: true,
  } as const;
  yield Buffer.from(stringify([[...CSV_COLUMNS]], { ...options, bom: true }), 'utf8');
  for (let start = 0; start < services.length; start += ROWS_PER_CHUNK) {
    const rows = services.slice(start, start + ROWS_PER_CHUNK).map((service) => CSV_COLUMNS.map((column) => csvCell(service[column])));
    yield Buffer.from(stringify(rows, options), 'utf8');
  }
}

/** One cell's text: numbers as they are, null as empty, lists space-separated, text protected. */
export function csvCell(value: Service[keyof Service]): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return protectCell(value);
  return value.join(' ');
}

/**
 * Prefixes `'` to text a spreadsheet would run as a formula (OWASP "CSV injection").
 *
 * Triggers: a leading `=`, `+`, `-`, `@`, tab or CR, also after leading spaces (some spreadsheets
 * trim them first). Only text goes through here; numeric fields never do.
 */
export function protectCell(text: string): string {
  return /^[\t\r]|^ *[=+\-@]/.test(text) ? `'${text}` : text;
}
