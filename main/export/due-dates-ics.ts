import type { EnvironmentId, Service } from '../domain/service.ts';
import { addDays } from '../sync/local-date.ts';

const CRLF = '\r\n';
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;

/**
 * due-dates.ics, line by line: one all-day VEVENT per service that has a due date.
 *
 * Written by hand (RFC 5545: CRLF, octet-based folding, TEXT escaping) so it can be streamed.
 * The UID is stable per service (its lineage's first certificate ID), so importing a newer report
 * updates the events instead of duplicating them, even after a reissue changed the ID.
 */
export function* dueDatesIcsChunks(
  services: readonly Service[],
  options: { readonly environment: EnvironmentId; readonly now: Date },
): Generator<string> {
  const stamp = utcStamp(options.now);
  yield [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Wvphost Admin//Services report//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    contentLine('X-WR-CALNAME', `Wvphost certificate due dates (${options.environment})`),
  ]
    .map((line) => line + CRLF)
    .join('');
  let batch = '';
  for (const service of services) {
    if (service.dueDate === null || !/^\d{4}-\d{2}-\d{2}$/.test(service.dueDate)) continue;
    batch += eventLines(service, options.environment, stamp);
    // A few dozen events per chunk: fewer stream hops, still a bounded amount of memory.
    if (batch.length > 32_768) {
      yield batch;
      batch = '';
    }
  }
  yield `${batch}END:VCALENDAR${CRLF}`;
}

function eventLines(service: Service, environment: EnvironmentId, stamp: string): string {
  const lineageId = service.previousCertificateIds[0] ?? service.certificateId;
  const host = service.hostName || `certificate ${service.certificateId}`;
  const due = service.dueDate ?? '';
  const details = [
    `Certificate ${service.certificateId} (${service.sslType || 'unknown type'}) for ${host}`,
    service.expireDate ? `expires on ${service.expireDate}` : 'has no expiry date yet',
    `due ${due}`,
    `status ${service.status}`,
    `Wvphost ${environment}`,
  ].join('; ');
  return [
    'BEGIN:VEVENT',
    contentLine('UID', `wvphost-${environment}-${lineageId}@wvphost-admin`),
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${due.replaceAll('-', '')}`,
    // All-day events end (exclusively) on the next calendar day.
    `DTEND;VALUE=DATE:${(addDays(due, 1) ?? due).replaceAll('-', '')}`,
    contentLine('SUMMARY', `SSL certificate due: ${host}`),
    contentLine('DESCRIPTION', `${details}.`),
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ]
    .map((line) => line + CRLF)
    .join('');
}

/** `NAME:escaped value`, folded. */
function contentLine(name: string, text: string): string {
  return fold(`${name}:${escapeText(text)}`);
}

/** RFC 5545 §3.3.11 TEXT escaping; control characters other than newline are dropped. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\p{Cc}/gu, (char) => (char === '\n' ? char : ''))
    .replace(/[\\;,]/g, (char) => `\\${char}`)
    .replace(/\n/g, '\\n');
}

/** RFC 5545 §3.1 folding at 75 octets, never inside a UTF-8 sequence; continuation lines start with a space. */
export function fold(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
