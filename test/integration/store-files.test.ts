import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CertificateSnapshot, SyncRecord, ActionRecord } from '../../main/domain/service.ts';
import { openDataStore } from '../../main/store/open-data-store.ts';
import { EMPTY_CACHE } from '../../main/store/types.ts';
import type { EnvironmentCache } from '../../main/store/types.ts';
import { MAX_ACTION_HISTORY, MAX_SYNC_HISTORY } from '../../main/store/store-options.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const openDataStorePath = path.resolve(here, '../../main/store/open-data-store.ts');

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wvp-store-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function certificate(certificateId: number, status = 'active'): CertificateSnapshot {
  return {
    certificateId,
    hostName: `host${certificateId}.example.com`,
    sslType: 'PositiveSSL',
    status,
    purchaseDate: '2025-01-02',
    expireDate: '2026-01-02',
    activationExpireDate: null,
    isExpired: false,
    lastSyncedAt: '2025-06-01T08:00:00.000Z',
  };
}

function cacheOf(count: number, syncedAt: string): EnvironmentCache {
  return {
    certificates: Array.from({ length: count }, (_, index) => certificate(index + 1)),
    replacedBy: { '1': 2 },
    localReissues: {},
    lastSuccessfulSyncAt: syncedAt,
  };
}

function backupsOf(name: string): string[] {
  return fs.readdirSync(dataDir).filter((file) => file.startsWith(`${name}.damaged-`));
}

describe('settings.json', () => {
  it('survives a restart', () => {
    const first = openDataStore({ dataDir });
    first.settings.update({ dueDateOffsetDays: 15, dailySyncTime: '06:45', activeEnvironment: 'sandbox' });
    const second = openDataStore({ dataDir });
    expect(second.settings.get()).toMatchObject({ dueDateOffsetDays: 15, dailySyncTime: '06:45', activeEnvironment: 'sandbox' });
    expect(second.openingWarnings).toEqual([]);
  });

  it('writes nothing when an update names a bad field', () => {
    const store = openDataStore({ dataDir });
    store.settings.update({ dueDateOffsetDays: 5 });
    const before = fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8');
    expect(() => store.settings.update({ dueDateOffsetDays: 5, dueSoonWindowDays: 0 })).toThrow(/dueSoonWindowDays/);
    expect(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).toBe(before);
    expect(openDataStore({ dataDir }).settings.get().dueSoonWindowDays).toBe(30);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2)), /not valid JSON/],
    ['not JSON', () => 'this is not json', /not valid JSON/],
    ['empty', () => '', /not valid JSON/],
    ['schema-invalid', () => JSON.stringify({ dueDateOffsetDays: 7, theme: 'blue' }), /unexpected content/],
  ])('reports a %s settings file and keeps it as a backup instead of wiping it', (_label, damage, reason) => {
    openDataStore({ dataDir }).settings.update({ dueDateOffsetDays: 30 });
    const file = path.join(dataDir, 'settings.json');
    const damaged = damage(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, damaged);

    const store = openDataStore({ dataDir });
    expect(store.openingWarnings).toHaveLength(1);
    expect(store.openingWarnings[0]).toMatch(/^settings\.json was damaged/);
    expect(store.openingWarnings[0]).toMatch(reason);
    expect(store.openingWarnings[0]).toMatch(/default settings are used/);
    const backups = backupsOf('settings.json');
    expect(backups).toHaveLength(1);
    expect(store.openingWarnings[0]).toContain(backups[0]);
    expect(fs.readFileSync(path.join(dataDir, backups[0] ?? ''), 'utf8')).toBe(damaged);
    expect(store.settings.get().dueDateOffsetDays).toBe(0);
    // The store works again: a new file is written and read back.
    store.settings.update({ dueDateOffsetDays: 5 });
    expect(openDataStore({ dataDir }).settings.get().dueDateOffsetDays).toBe(5);
  });

  it('migrates a v1 file (apiUrl, rateLimit text, no dueSoonWindowDays) to v2', () => {
    const v1 = {
      activeEnvironment: 'production',
      environments: {
        production: {
          apiUrl: 'https://old.example.com/xml.response',
          apiUser: 'reseller1',
          userName: 'reseller1',
          clientIp: '203.0.113.7',
          rateLimit: '10/min,100/h,1000/day',
        },
        sandbox: { apiUrl: 'https://api.sandbox.wvphost.com/xml.response', apiUser: '', userName: '', clientIp: '', rateLimit: 'garbage' },
      },
      dueDateOffsetDays: 5,
      dailySyncTime: '06:00',
      theme: 'dark',
      window: null,
      __internal__: { migrations: { version: '1.0.0' } },
    };
    fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(v1));

    const store = openDataStore({ dataDir });
    expect(store.openingWarnings).toEqual([]);
    const settings = store.settings.get();
    expect(settings.environments.production).toEqual({
      baseUrl: 'https://old.example.com/xml.response',
      apiUser: 'reseller1',
      userName: 'reseller1',
      clientIp: '203.0.113.7',
      rateBudget: { perMinute: 10, perHour: 100, perDay: 1000 },
    });
    // An unparsable v1 budget becomes the documented default rather than failing the migration.
    expect(settings.environments.sandbox.rateBudget).toEqual({ perMinute: 20, perHour: 700, perDay: 8000 });
    expect(settings).toMatchObject({ dueSoonWindowDays: 30, dueDateOffsetDays: 5, theme: 'dark', activeEnvironment: 'production' });

    const onDisk = JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as {
      environments: { production: Record<string, unknown> };
      __internal__: { migrations: { version: string } };
    };
    expect(onDisk.__internal__.migrations.version).toBe('2.0.0');
    expect(onDisk.environments.production).not.toHaveProperty('apiUrl');
    expect(onDisk.environments.production).not.toHaveProperty('rateLimit');
    // Migrating again (next start) changes nothing.
    expect(openDataStore({ dataDir }).settings.get()).toEqual(settings);
  });
});

describe('cache-<env>.json', () => {
  it('keeps one file per environment and survives a restart', () => {
    const store = openDataStore({ dataDir });
    expect(store.cache.read('production')).toEqual(EMPTY_CACHE);
    store.cache.commit('production', cacheOf(3, '2025-06-01T08:00:00.000Z'));
    store.cache.commit('sandbox', cacheOf(1, '2025-06-02T08:00:00.000Z'));
    const reopened = openDataStore({ dataDir });
    expect(reopened.cache.read('production').certificates.map((c) => c.certificateId)).toEqual([1, 2, 3]);
    expect(reopened.cache.read('sandbox').lastSuccessfulSyncAt).toBe('2025-06-02T08:00:00.000Z');
    expect(reopened.cache.read('demo')).toEqual(EMPTY_CACHE);
    expect(fs.existsSync(path.join(dataDir, 'cache-production.json'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'cache-sandbox.json'))).toBe(true);
  });

  it('sees a commit made by another process (the CLI) without reopening', () => {
    const app = openDataStore({ dataDir });
    const cli = openDataStore({ dataDir });
    expect(app.cache.read('production')).toEqual(EMPTY_CACHE);
    cli.cache.commit('production', cacheOf(2, '2025-06-03T08:00:00.000Z'));
    expect(app.cache.read('production').certificates).toHaveLength(2);
    cli.cache.commit('production', cacheOf(4, '2025-06-04T08:00:00.000Z'));
    expect(app.cache.read('production').lastSuccessfulSyncAt).toBe('2025-06-04T08:00:00.000Z');
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length - 10)],
    ['not JSON', () => '<html>oops</html>'],
    ['structurally wrong', () => JSON.stringify({ certificates: [{ id: 'x' }] })],
  ])('reports a %s cache, keeps it as a backup and starts empty', (_label, damage) => {
    openDataStore({ dataDir }).cache.commit('sandbox', cacheOf(5, '2025-06-01T08:00:00.000Z'));
    const file = path.join(dataDir, 'cache-sandbox.json');
    const damaged = damage(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, damaged);

    const store = openDataStore({ dataDir });
    expect(store.cache.read('sandbox')).toEqual(EMPTY_CACHE);
    expect(store.openingWarnings).toHaveLength(1);
    expect(store.openingWarnings[0]).toMatch(/^cache-sandbox\.json was damaged .* the sandbox cache starts empty/);
    const backups = backupsOf('cache-sandbox.json');
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, backups[0] ?? ''), 'utf8')).toBe(damaged);
  });

  it('removes temp files a killed writer left behind, but not one being written now', () => {
    const stale = path.join(dataDir, 'cache-production.json.tmp-1234567890abcdef');
    const fresh = path.join(dataDir, 'cache-production.json.tmp-1234567891abcdef');
    fs.writeFileSync(stale, '{"half');
    fs.writeFileSync(fresh, '{"half');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(stale, anHourAgo, anHourAgo);
    openDataStore({ dataDir });
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
  });

  it('is old or new after a kill -9 during commits, never broken', async () => {
    // A child process commits two different caches over and over; we kill it at moments spread
    // over its run and check that the file always parses and is exactly one of the two.
    const small = cacheOf(10, '2025-01-01T00:00:00.000Z');
    const large = cacheOf(3000, '2025-02-02T00:00:00.000Z');
    const script = path.join(dataDir, 'writer.mts');
    fs.writeFileSync(
      script,
      `import { openDataStore } from ${JSON.stringify(openDataStorePath)};
const store = openDataStore({ dataDir: process.argv[2] });
const small = ${JSON.stringify(small)};
const large = ${JSON.stringify(large)};
for (let i = 0; ; i += 1) {
  store.cache.commit('production', i % 2 === 0 ? large : small);
  if (i === 1) process.stdout.write('ready\\n');
}
`,
    );
    const storeDir = path.join(dataDir, 'data');
    for (let round = 0; round < 4; round += 1) {
      const child = spawn(process.execPath, ['--import', 'tsx', script, storeDir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`writer exited early (${String(code)})`)));
      });
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 37));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      const text = fs.readFileSync(path.join(storeDir, 'cache-production.json'), 'utf8');
      const parsed = JSON.parse(text) as { lastSuccessfulSyncAt: string; certificates: unknown[] };
      expect([small.lastSuccessfulSyncAt, large.lastSuccessfulSyncAt]).toContain(parsed.lastSuccessfulSyncAt);
      expect(parsed.certificates).toHaveLength(parsed.lastSuccessfulSyncAt === small.lastSuccessfulSyncAt ? 10 : 3000);
      const reopened = openDataStore({ dataDir: storeDir });
      expect(reopened.cache.read('production').certificates.length).toBeGreaterThan(0);
      expect(reopened.openingWarnings).toEqual([]);
    }
  });
});

describe('history-<env>.json', () => {
  const sync = (index: number): SyncRecord => ({
    startedAt: new Date(Date.UTC(2025, 0, 1, 0, index)).toISOString(),
    finishedAt: new Date(Date.UTC(2025, 0, 1, 0, index, 30)).toISOString(),
    outcome: index % 3 === 0 ? 'failed' : 'ok',
    requests: index,
    services: 10,
    changes: [],
    warnings: [],
    ...(index % 3 === 0 ? { error: 'Wvphost had a temporary failure.' } : {}),
  });
  const action = (index: number): ActionRecord => ({
    at: new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString(),
    by: 'reseller1',
    action: 'reissue',
    certificateId: index,
    result: 'ok',
    newCertificateId: index + 10_000,
    detail: `reissue ${index}`,
  });

  it('keeps the newest 50 syncs and 500 actions, newest first, across a restart', () => {
    const store = openDataStore({ dataDir });
    for (let index = 1; index <= MAX_SYNC_HISTORY + 5; index += 1) store.history.appendSync('production', sync(index));
    for (let index = 1; index <= MAX_ACTION_HISTORY + 10; index += 1) store.history.appendAction('production', action(index));
    const reopened = openDataStore({ dataDir });
    const syncs = reopened.history.syncHistory('production');
    expect(syncs).toHaveLength(MAX_SYNC_HISTORY);
    expect(syncs[0]?.requests).toBe(MAX_SYNC_HISTORY + 5);
    expect(syncs.at(-1)?.requests).toBe(6);
    const actions = reopened.history.actions('production');
    expect(actions).toHaveLength(MAX_ACTION_HISTORY);
    expect(actions[0]?.certificateId).toBe(MAX_ACTION_HISTORY + 10);
    expect(reopened.history.syncHistory('sandbox')).toEqual([]);
  });
});

describe('certificate material', () => {
  it('keeps each certificate and format in its own file and reads it back offline', () => {
    const store = openDataStore({ dataDir });
    const individual = { returnType: 'Individual' as const, certificate: '-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----', caCertificates: ['-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----'] };
    const pkcs7 = { returnType: 'PKCS7' as const, certificate: '-----BEGIN PKCS7-----\nC\n-----END PKCS7-----', caCertificates: [] };
    expect(store.material.has('production', 101)).toBe(false);
    store.material.put('production', 101, individual);
    store.material.put('production', 101, pkcs7);
    const reopened = openDataStore({ dataDir });
    expect(reopened.material.get('production', 101, 'Individual')).toEqual(individual);
    expect(reopened.material.get('production', 101, 'PKCS7')).toEqual(pkcs7);
    expect(reopened.material.has('production', 101)).toBe(true);
    expect(reopened.material.has('sandbox', 101)).toBe(false);
    expect(fs.readdirSync(path.join(dataDir, 'certificates', 'production')).sort()).toEqual(['101.individual.json', '101.pkcs7.json']);
  });

  it('drops a damaged certificate file with a warning so it is fetched again', () => {
    const store = openDataStore({ dataDir });
    store.material.put('sandbox', 7, { returnType: 'Individual', certificate: 'x', caCertificates: [] });
    fs.writeFileSync(path.join(dataDir, 'certificates', 'sandbox', '7.individual.json'), '{"returnType":');
    expect(store.material.get('sandbox', 7, 'Individual')).toBeNull();
    expect(store.material.has('sandbox', 7)).toBe(false);
    expect(store.openingWarnings.join('\n')).toMatch(/7\.individual\.json was damaged/);
  });
});
