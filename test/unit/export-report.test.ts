import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service, SyncRecord } from '../../main/domain/service.ts';
import { ExportError } from '../../main/export/export-error.ts';
import { defaultReportFileName, exportReport } from '../../main/export/report-export.ts';
import { CSV_COLUMNS } from '../../main/export/services-csv.ts';
import { memoryExportStore } from '../helpers/export-memory-store.ts';
import type { TestPki } from '../helpers/export-test-pki.ts';
import { createTestPki } from '../helpers/export-test-pki.ts';
import { readZipEntries, unzipTest } from '../helpers/export-zip.ts';

function service(overrides: Partial<Service> & Pick<Service, 'certificateId'>): Service {
  return {
    previousCertificateIds: [],
    hostName: `host${overrides.certificateId}.example.com`,
    sslType: 'PositiveSSL',
    status: 'active',
    purchaseDate: '2025-01-10',
    expireDate: '2026-12-20',
    activationExpireDate: null,
    dueDate: '2026-12-20',
    daysLeft: 24,
    reissueState: 'none',
    needsActivation: false,
    lastSyncedAt: '2026-11-26T08:00:00.000Z',
    ...overrides,
  };
}

const SERVICES: readonly Service[] = [
  service({ certificateId: 377, previousCertificateIds: [101, 205], hostName: 'www.example.com', reissueState: 'reissued' }),
  service({ certificateId: 402, hostName: '*.wild.example.org', dueDate: '2026-12-05', expireDate: '2026-12-05', daysLeft: 9 }),
  // Already expired: the negative number must stay a number in the CSV.
  service({ certificateId: 410, hostName: 'old.example.net', status: 'expired', expireDate: '2026-11-23', dueDate: '2026-11-23', daysLeft: -3 }),
  // A hostile host name (formula), and one with CSV specials (comma, quote, newline) and non-ASCII text.
  service({ certificateId: 500, hostName: '=HYPERLINK("http://evil","x")', sslType: '-2+3', status: 'purchased', dueDate: '2027-03-01', expireDate: '2027-03-01', daysLeft: 95 }),
  service({ certificateId: 501, hostName: 'bücher.example, "quoted"\nnext', sslType: '@SUM(A1)', status: 'purchased', dueDate: null, expireDate: null, daysLeft: null }),
  service({ certificateId: 502, hostName: '', status: 'newpurchase', needsActivation: true, dueDate: null, expireDate: null, daysLeft: null, purchaseDate: '2026-11-20' }),
  service({ certificateId: 503, hostName: 'pkcs7-only.example.com' }),
  service({ certificateId: 504, hostName: 'no-files.example.com' }),
];

const HISTORY: readonly SyncRecord[] = [
  {
    startedAt: '2026-11-26T08:00:00.000Z',
    finishedAt: '2026-11-26T08:00:04.000Z',
    outcome: 'ok',
    requests: 3,
    services: SERVICES.length,
    changes: [{ kind: 'added', certificateId: 502, hostName: '' }],
    warnings: [],
  },
];

describe('exportReport', () => {
  let dir: string;
  let pki: TestPki;
  let leaves: Record<number, string>;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'export-report-'));
    pki = createTestPki();
    leaves = { 377: pki.leaf('www.example.com'), 402: pki.leaf('*.wild.example.org'), 503: pki.leaf('pkcs7-only.example.com') };
  });
  afterAll(() => {
    pki.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  function storeWithMaterial(): ReturnType<typeof memoryExportStore> {
    const store = memoryExportStore({ syncHistory: { production: HISTORY } });
    store.material.put('production', 377, { returnType: 'Individual', certificate: leaves[377] ?? '', caCertificates: [pki.intermediatePem] });
    store.material.put('production', 402, { returnType: 'Individual', certificate: leaves[402] ?? '', caCertificates: [pki.intermediatePem] });
    store.material.put('production', 503, { returnType: 'PKCS7', certificate: pki.pkcs7(leaves[503] ?? ''), caCertificates: [] });
    // Material of a non-active service is not part of the report.
    store.material.put('production', 410, { returnType: 'Individual', certificate: pki.leaf('old.example.net'), caCertificates: [] });
    return store;
  }

  it('writes a sound zip with csv, json, ics, history and the cached certificates of active services', async () => {
    const outPath = path.join(dir, defaultReportFileName('production', '2026-11-26'));
    const now = new Date('2026-11-26T10:30:00.000Z');
    const result = await exportReport({ store: storeWithMaterial(), environment: 'production', services: SERVICES, outPath, overwrite: false, now });

    expect(path.basename(outPath)).toBe('wvphost-services-production-2026-11-26.zip');
    expect(result.path).toBe(outPath);
    expect(result.bytes).toBe(readFileSync(outPath).length);
    expect(unzipTest(outPath)).toMatch(/No errors detected/);
    const entries = await readZipEntries(outPath);
    expect([...entries.keys()]).toEqual([
      'services.csv',
      'services.json',
      'due-dates.ics',
      'sync-history.json',
      'certificates/www_example_com/www_example_com.crt',
      'certificates/www_example_com/www_example_com.ca-bundle',
      'certificates/STAR_wild_example_org/STAR_wild_example_org.crt',
      'certificates/STAR_wild_example_org/STAR_wild_example_org.ca-bundle',
      'certificates/pkcs7-only_example_com/pkcs7-only_example_com.crt',
      'certificates/pkcs7-only_example_com/pkcs7-only_example_com.ca-bundle',
    ]);
    expect(result.files).toEqual([...entries.keys()]);
    expect(readdirSync(dir)).toEqual([path.basename(outPath)]);

    expect(JSON.parse(entries.get('services.json')?.toString('utf8') ?? '')).toEqual(SERVICES);
    expect(JSON.parse(entries.get('sync-history.json')?.toString('utf8') ?? '')).toEqual(HISTORY);
  });

  it('writes an RFC 4180 UTF-8 CSV with the §3 columns, safe against formula injection', async () => {
    const outPath = path.join(dir, 'csv.zip');
    await exportReport({ store: storeWithMaterial(), environment: 'production', services: SERVICES, outPath, overwrite: false });
    const csv = (await readZipEntries(outPath)).get('services.csv') ?? Buffer.alloc(0);

    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark for Excel
    const text = csv.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(`\ufeff${CSV_COLUMNS.join(',')}`);
    const rows = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(SERVICES.length);
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);

    const byId = new Map(rows.map((row) => [Number(row['certificateId']), row]));
    expect(byId.get(377)).toMatchObject({ previousCertificateIds: '101 205', reissueState: 'reissued', needsActivation: 'false', activationExpireDate: '' });
    // Plain numbers, negative included, are not touched.
    expect(byId.get(410)?.['daysLeft']).toBe('-3');
    expect(byId.get(502)).toMatchObject({ daysLeft: '', dueDate: '', hostName: '', needsActivation: 'true' });
    // Text a spreadsheet would evaluate gets a leading apostrophe.
    expect(byId.get(500)?.['hostName']).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(byId.get(500)?.['sslType']).toBe(`'-2+3`);
    expect(byId.get(501)?.['sslType']).toBe(`'@SUM(A1)`);
    // Comma, quote, newline and non-ASCII text survive the round trip.
    expect(byId.get(501)?.['hostName']).toBe('bücher.example, "quoted"\nnext');
    expect(text).toContain('"bücher.example, ""quoted""\nnext"');
    // Records end with CRLF, including the last one.
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes a calendar with one all-day event per due date that node-ical reads', async () => {
    const outPath = path.join(dir, 'ics.zip');
    const now = new Date('2026-11-26T10:30:00.000Z');
    await exportReport({ store: storeWithMaterial(), environment: 'production', services: SERVICES, outPath, overwrite: false, now });
    const ics = (await readZipEntries(outPath)).get('due-dates.ics')?.toString('utf8') ?? '';

    // CRLF everywhere and no line longer than 75 octets (RFC 5545 §3.1).
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);

    const events = Object.values(ical.sync.parseICS(ics)).filter((item) => item.type === 'VEVENT');
    const withDue = SERVICES.filter((item) => item.dueDate !== null);
    expect(events).toHaveLength(withDue.length);
    const byUid = new Map(events.map((event) => [event.uid, event]));
    const www = byUid.get('wvphost-production-101@wvphost-admin'); // the lineage's first ID: stable across reissues
    expect(www?.summary).toBe('SSL certificate due: www.example.com');
    expect(www?.datetype).toBe('date');
    const start = www?.start as Date;
    expect([start.getFullYear(), start.getMonth() + 1, start.getDate()]).toEqual([2026, 12, 20]);
    const end = www?.end as Date;
    expect([end.getFullYear(), end.getMonth() + 1, end.getDate()]).toEqual([2026, 12, 21]);
    expect(www?.dtstamp?.toISOString()).toBe('2026-11-26T10:30:00.000Z');
    expect(byUid.get('wvphost-production-402@wvphost-admin')?.summary).toBe('SSL certificate due: *.wild.example.org');
    // Escaped TEXT comes back as written.
    expect(byUid.get('wvphost-production-500@wvphost-admin')?.summary).toBe('SSL certificate due: =HYPERLINK("http://evil","x")');
    expect(byUid.has('wvphost-production-377@wvphost-admin')).toBe(false);
    expect(String(www?.description)).toContain('Certificate 377 (PositiveSSL) for www.example.com; expires on 2026-12-20');
  });

  it('exports each cached active chain so that openssl verifies it against the root', async () => {
    const outPath = path.join(dir, 'chains.zip');
    await exportReport({ store: storeWithMaterial(), environment: 'production', services: SERVICES, outPath, overwrite: false });
    const entries = await readZipEntries(outPath);
    const work = mkdtempSync(path.join(dir, 'verify-'));
    writeFileSync(path.join(work, 'root.pem'), pki.rootPem);
    for (const stem of ['www_example_com', 'STAR_wild_example_org', 'pkcs7-only_example_com']) {
      const crt = entries.get(`certificates/${stem}/${stem}.crt`)?.toString('utf8') ?? '';
      const bundle = entries.get(`certificates/${stem}/${stem}.ca-bundle`)?.toString('utf8') ?? '';
      expect(crt.match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
      expect(bundle).toBe(pki.intermediatePem.trim() + '\n');
      writeFileSync(path.join(work, 'leaf.crt'), crt);
      writeFileSync(path.join(work, 'bundle.pem'), bundle);
      const out = execFileSync('openssl', ['verify', '-CAfile', path.join(work, 'root.pem'), '-untrusted', path.join(work, 'bundle.pem'), path.join(work, 'leaf.crt')], { encoding: 'utf8' });
      expect(out.trim()).toMatch(/: OK$/);
    }
  });

  it('gives two services with the same host separate certificate folders', async () => {
    const store = memoryExportStore();
    const leafA = pki.leaf('twin.example.com');
    const leafB = pki.leaf('twin.example.com');
    store.material.put('sandbox', 1, { returnType: 'Individual', certificate: leafA, caCertificates: [] });
    store.material.put('sandbox', 2, { returnType: 'Individual', certificate: leafB, caCertificates: [] });
    const twins = [service({ certificateId: 1, hostName: 'twin.example.com' }), service({ certificateId: 2, hostName: 'twin.example.com' })];
    const outPath = path.join(dir, 'twins.zip');
    const result = await exportReport({ store, environment: 'sandbox', services: twins, outPath, overwrite: false });
    expect(result.files.filter((name) => name.startsWith('certificates/'))).toEqual([
      'certificates/twin_example_com/twin_example_com.crt',
      'certificates/twin_example_com-2/twin_example_com.crt',
    ]);
    const entries = await readZipEntries(outPath);
    expect(entries.get('certificates/twin_example_com-2/twin_example_com.crt')?.toString('utf8')).toBe(leafB.trim() + '\n');
  });

  it('writes a valid, empty report when there are no services', async () => {
    const outPath = path.join(dir, 'empty.zip');
    const result = await exportReport({ store: memoryExportStore(), environment: 'demo', services: [], outPath, overwrite: false });
    expect(unzipTest(outPath)).toMatch(/No errors detected/);
    const entries = await readZipEntries(outPath);
    expect(result.files).toEqual(['services.csv', 'services.json', 'due-dates.ics', 'sync-history.json']);
    expect(JSON.parse(entries.get('services.json')?.toString('utf8') ?? '')).toEqual([]);
    expect(parseCsv(entries.get('services.csv')?.toString('utf8') ?? '', { bom: true, columns: true })).toEqual([]);
    const calendar = ical.sync.parseICS(entries.get('due-dates.ics')?.toString('utf8') ?? '');
    expect(Object.values(calendar).filter((item) => item.type === 'VEVENT')).toHaveLength(0);
  });

  it('refuses to replace an existing file unless allowed, leaving it untouched', async () => {
    const outPath = path.join(dir, 'existing.zip');
    writeFileSync(outPath, 'keep me');
    const attempt = exportReport({ store: memoryExportStore(), environment: 'production', services: SERVICES, outPath, overwrite: false });
    await expect(attempt).rejects.toBeInstanceOf(ExportError);
    await expect(attempt).rejects.toMatchObject({ code: 'exists', message: expect.stringContaining('already exists') });
    expect(readFileSync(outPath, 'utf8')).toBe('keep me');

    await exportReport({ store: memoryExportStore(), environment: 'production', services: SERVICES, outPath, overwrite: true });
    expect(unzipTest(outPath)).toMatch(/No errors detected/);
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('stops cleanly when cancelled midway, leaving no file', async () => {
    const many = Array.from({ length: 3000 }, (_, index) => service({ certificateId: 10_000 + index }));
    const controller = new AbortController();
    const outPath = path.join(dir, 'cancelled.zip');
    const store = storeWithMaterial();
    const realGet = store.material.get;
    let reads = 0;
    // Cancel from inside the run, once the certificate phase has begun.
    store.material.get = (environment, id, type) => {
      reads += 1;
      if (reads === 100) controller.abort();
      return realGet(environment, id, type);
    };
    await expect(
      exportReport({ store, environment: 'production', services: many, outPath, overwrite: false, signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(readdirSync(dir).filter((name) => name.includes('cancelled'))).toEqual([]);
  });

  it.skipIf(!canMount())('reports a disk that fills up midway, and leaves no partial file (64 KiB tmpfs)', async () => {
    const small = mkdtempSync(path.join(tmpdir(), 'export-report-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small]);
    try {
      const store = memoryExportStore();
      const leaf = leaves[377] ?? '';
      const many = Array.from({ length: 400 }, (_, index) => service({ certificateId: 20_000 + index, hostName: `h${index}.example.com` }));
      for (const item of many) store.material.put('production', item.certificateId, { returnType: 'Individual', certificate: leaf, caCertificates: [pki.intermediatePem] });
      await expect(
        exportReport({ store, environment: 'production', services: many, outPath: path.join(small, 'report.zip'), overwrite: false }),
      ).rejects.toMatchObject({ code: 'disk-full', message: expect.stringContaining('disk is full') });
      expect(readdirSync(small)).toEqual([]);
    } finally {
      execFileSync('umount', [small]);
      rmSync(small, { recursive: true, force: true });
    }
  });
});

/** Whether this process may mount a tmpfs (root on the CI machine); probed without leaving a mount. */
function canMount(): boolean {
  const probe = mkdtempSync(path.join(tmpdir(), 'export-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
