import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import type { Service } from '../../main/domain/service.ts';
import { dueDatesIcsChunks, escapeText, fold } from '../../main/export/due-dates-ics.ts';
import { csvCell, protectCell } from '../../main/export/services-csv.ts';

describe('protectCell (spreadsheet formula injection)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+49 30 1234', "'+49 30 1234"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['  =HYPERLINK("x")', `'  =HYPERLINK("x")`],
    ['www.example.com', 'www.example.com'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(protectCell(text)).toBe(expected);
  });

  it('leaves numbers (negative ones too), booleans, nulls and ID lists as plain values', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
    expect(csvCell([101, 205])).toBe('101 205');
    expect(csvCell('-3')).toBe("'-3"); // the same characters as text are protected
  });
});

describe('iCalendar text', () => {
  it('escapes backslash, semicolon, comma and newlines, and drops other control characters', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\u0007g')).toBe('a\\\\b\\;c\\,d\\ne\\nfg');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'ü'.repeat(60)}${'€'.repeat(20)}`;
    const folded = fold(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(parts.map((part, index) => (index === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(folded).not.toContain('\ufffd');
  });

  it('round-trips long non-ASCII host names through node-ical', () => {
    const host = `${'сертификат-'.repeat(6)}пример.рф`;
    const service: Service = {
      certificateId: 7,
      previousCertificateIds: [],
      hostName: host,
      sslType: 'PositiveSSL; Wildcard, "2y"',
      status: 'active',
      purchaseDate: '2025-02-28',
      expireDate: '2028-02-29',
      activationExpireDate: null,
      dueDate: '2028-02-29',
      daysLeft: 460,
      reissueState: 'none',
      needsActivation: false,
      lastSyncedAt: '2026-11-26T00:00:00.000Z',
    };
    const text = [...dueDatesIcsChunks([service], { environment: 'sandbox', now: new Date('2026-11-26T12:00:00Z') })].join('');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const events = Object.values(ical.sync.parseICS(text)).filter((item) => item.type === 'VEVENT');
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toBe(`SSL certificate due: ${host}`);
    expect(String(events[0]?.description)).toContain('(PositiveSSL; Wildcard, "2y")');
    // A leap day, and the exclusive end on the next day (1 March).
    const start = events[0]?.start as Date;
    const end = events[0]?.end as Date;
    expect([start.getFullYear(), start.getMonth() + 1, start.getDate()]).toEqual([2028, 2, 29]);
    expect([end.getFullYear(), end.getMonth() + 1, end.getDate()]).toEqual([2028, 3, 1]);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:/);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
