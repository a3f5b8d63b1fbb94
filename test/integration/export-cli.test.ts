import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../preload/api.ts';
import { cachedServices } from '../../main/cli/service-filter.ts';
import { openDataStore } from '../../main/store/open-data-store.ts';
import { addDays, localToday } from '../../main/sync/local-date.ts';
import type { Simulator } from '../../sim/types.ts';
import { runCliCaptured, type CliRun } from '../helpers/cli-run.ts';
import { readZipEntries, unzipTest } from '../helpers/export-zip.ts';
import { startSimStoreKeychain, type SimStoreKeychain } from '../helpers/sim-store-keychain.ts';

const CREDENTIALS = { apiUser: 'exporter1', apiKey: `export-key-${crypto.randomBytes(8).toString('hex')}`, userName: 'exporter1', clientIp: '203.0.113.9' };

/** The real command line, in-process, on this test's data folder. */
function cli(dataDir: string, args: readonly string[], stdin = ''): Promise<CliRun> {
  return runCliCaptured(['--data-dir', dataDir, ...args], stdin);
}

describe('wvphost-admin export', () => {
  let world: SimStoreKeychain;
  let sim: Simulator;
  let dataDir: string;
  let outDir: string;
  let activeId: number;
  let activeHost: string;
  const outputs: string[] = [];

  beforeAll(async () => {
    // The CLI builds its own keychain store; sharing gives it this test's keychain service.
    world = await startSimStoreKeychain({
      area: 'export-cli',
      simulator: { count: 40, seed: 21, credentials: CREDENTIALS, rateLimits: false },
      shareKeychainWithCli: true,
    });
    ({ sim, dataDir } = world);
    outDir = path.join(world.dir, 'out');
    mkdirSync(outDir);
    const login = await cli(dataDir, ['login', '--env', 'production', '--api-url', sim.url, '--api-user', CREDENTIALS.apiUser, '--client-ip', CREDENTIALS.clientIp, '--rate-limit', '1000/min,100000/h,1000000/day'], CREDENTIALS.apiKey);
    expect(login.code, login.stderr).toBe(0);
    const sync = await cli(dataDir, ['--env', 'production', 'sync']);
    expect(sync.code, sync.stderr).toBe(0);
    const active = sim.certificates().find((cert) => cert.status === 'active' && cert.hostName !== '');
    activeId = active!.certificateId;
    activeHost = active!.hostName;
  });

  afterAll(async () => {
    await world?.dispose();
  });

  async function run(args: readonly string[]): Promise<CliRun> {
    const result = await cli(dataDir, args);
    outputs.push(result.stdout, result.stderr);
    return result;
  }

  it('export certificate downloads (through the keychain and Wvphost), writes a verifiable zip and prints the result', async () => {
    const out = path.join(outDir, 'nginx.zip');
    const result = await run(['--env', 'production', '--json', 'export', 'certificate', String(activeId), '--server', 'nginx', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const stem = activeHost.replaceAll('.', '_');
    const printed = JSON.parse(result.stdout) as ExportResult;
    expect(printed).toEqual({ path: out, bytes: readFileSync(out).length, files: [`${stem}.crt`, `${stem}.ca-bundle`, `${stem}.fullchain.crt`] });
    expect(unzipTest(out)).toMatch(/No errors detected/);
    const full = path.join(outDir, 'full.crt');
    writeFileSync(full, (await readZipEntries(out)).get(`${stem}.fullchain.crt`)!);
    const root = path.join(outDir, 'root.pem');
    writeFileSync(root, sim.rootCaPem);
    expect(execFileSync('openssl', ['verify', '-CAfile', root, '-untrusted', full, full], { encoding: 'utf8' }).trim()).toBe(`${full}: OK`);
  });

  it('refuses to replace a file without --force, and replaces it with --force', async () => {
    const out = path.join(outDir, 'nginx.zip');
    const before = readFileSync(out);
    const refused = await run(['--env', 'production', 'export', 'certificate', String(activeId), '--server', 'apache', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists.*--force/);
    expect(readFileSync(out).equals(before)).toBe(true);
    const forced = await run(['--env', 'production', 'export', 'certificate', String(activeId), '--server', 'apache', '--out', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/^Wrote Apache files of certificate \d+ to .*nginx\.zip \(\d+ bytes, 2 file\(s\)\)\.\n$/);
  });

  it('rejects an unknown server type or a bad ID as a usage error (exit 2)', async () => {
    const badServer = await run(['--env', 'production', 'export', 'certificate', String(activeId), '--server', 'lighttpd', '--out', path.join(outDir, 'x.zip')]);
    expect(badServer.code).toBe(2);
    expect(badServer.stderr).toMatch(/apache, nginx, iis, tomcat, cpanel, plesk, other/);
    const badId = await run(['--env', 'production', 'export', 'certificate', 'abc', '--server', 'iis', '--out', path.join(outDir, 'x.p7b')]);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('positive whole number');
    expect(existsSync(path.join(outDir, 'x.zip')) || existsSync(path.join(outDir, 'x.p7b'))).toBe(false);
  });

  it('export report writes the filtered services from the cache, offline', async () => {
    const out = path.join(outDir, 'report-active.zip');
    const result = await run(['--env', 'production', '--json', 'export', 'report', '--out', out, '--status', 'active']);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as ExportResult;
    expect(printed.path).toBe(out);
    expect(unzipTest(out)).toMatch(/No errors detected/);
    const entries = await readZipEntries(out);
    const rows = parseCsv(entries.get('services.csv')!.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    const expected = cachedServices(openDataStore({ dataDir }), 'production', { status: 'active' });
    expect(rows.map((row) => Number(row['certificateId']))).toEqual(expected.map((item) => item.certificateId));
    expect(rows.every((row) => row['status'] === 'active')).toBe(true);
    expect(JSON.parse(entries.get('services.json')!.toString('utf8'))).toEqual(expected);
    const events = Object.values(ical.sync.parseICS(entries.get('due-dates.ics')!.toString('utf8'))).filter((item) => item.type === 'VEVENT');
    expect(events).toHaveLength(expected.filter((item) => item.dueDate !== null).length);
    // The certificate downloaded by the earlier test is in the report; nothing else was fetched.
    const stem = activeHost.replaceAll('.', '_');
    expect(printed.files.filter((name) => name.startsWith('certificates/'))).toEqual([`certificates/${stem}/${stem}.crt`, `certificates/${stem}/${stem}.ca-bundle`]);
    const history = JSON.parse(entries.get('sync-history.json')!.toString('utf8')) as { outcome: string }[];
    expect(history[0]?.outcome).toBe('ok');
  });

  it('export report --due-within keeps only services due by then (overdue included)', async () => {
    const out = path.join(outDir, 'report-due.zip');
    const result = await run(['--env', 'production', 'export', 'report', '--out', out, '--due-within', '60']);
    expect(result.code, result.stderr).toBe(0);
    const rows = parseCsv((await readZipEntries(out)).get('services.csv')!.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    const limit = addDays(localToday(), 60);
    expect(limit).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row['dueDate'] !== '' && String(row['dueDate']) <= String(limit))).toBe(true);
    const bad = await run(['--env', 'production', 'export', 'report', '--out', path.join(outDir, 'bad.zip'), '--due-within', 'soon']);
    expect(bad.code).toBe(2);
  });

  it('exports a fetched certificate again after Wvphost is gone, and explains one never fetched', async () => {
    await sim.close();
    const out = path.join(outDir, 'offline.p7b');
    const offline = await run(['--env', 'production', 'export', 'certificate', String(activeId), '--server', 'iis', '--out', out]);
    expect(offline.code, offline.stderr).toBe(0);
    expect(execFileSync('openssl', ['pkcs7', '-print_certs', '-noout', '-in', out], { encoding: 'utf8' })).toContain(activeHost);

    const other = sim.certificates().find((cert) => cert.status === 'active' && cert.certificateId !== activeId && cert.hostName !== '');
    const never = path.join(outDir, 'never.zip');
    const failed = await run(['--env', 'production', 'export', 'certificate', String(other!.certificateId), '--server', 'apache', '--out', never]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/were never downloaded, and Wvphost cannot be reached/);
    expect(existsSync(never)).toBe(false);
    expect(readdirSync(outDir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  }, 60_000);

  it('without a sign-in, works offline and says what is missing', async () => {
    const out = path.join(outDir, 'sandbox.zip');
    const result = await run(['--env', 'sandbox', 'export', 'certificate', '12345', '--server', 'apache', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/warning: working offline: No API user is set for sandbox/);
    expect(result.stderr).toMatch(/never downloaded, and you are offline/);
    expect(existsSync(out)).toBe(false);
  });

  it('never shows the API key in an output or an exported file', async () => {
    for (const text of outputs) expect(text).not.toContain(CREDENTIALS.apiKey);
    for (const name of readdirSync(outDir)) {
      const file = path.join(outDir, name);
      expect(readFileSync(file).includes(CREDENTIALS.apiKey)).toBe(false);
      if (name.endsWith('.zip')) for (const content of (await readZipEntries(file)).values()) expect(content.includes(CREDENTIALS.apiKey)).toBe(false);
    }
  });
});
