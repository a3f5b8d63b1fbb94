import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDataStore } from '../../main/store/open-data-store.ts';
import { buildServices, localToday } from '../../main/sync/build-services.ts';
import { runCliCaptured, type CliRun } from '../helpers/cli-run.ts';
import { SORTED_SERVICE_FIELDS } from '../helpers/service-fields.ts';
import type { Simulator } from '../../sim/types.ts';
import { startTestSimulator, tempStores, cacheBytes } from '../helpers/sync-harness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/wvphost-admin.js', import.meta.url));
const run = promisify(execFile);

const newStore = tempStores('wvphost-cli-');
function newDataDir(): string {
  return newStore().dataDir;
}

function cli(args: readonly string[], input = ''): Promise<CliRun> {
  return runCliCaptured(args, input);
}

describe('wvphost-admin sync / services', () => {
  it('sync --json prints exactly the documented fields, then services --json the §3 objects', async () => {
    const dataDir = newDataDir();
    const synced = await cli(['--data-dir', dataDir, '--env', 'demo', '--json', 'sync']);
    expect(synced.stderr).toBe('');
    expect(synced.code).toBe(0);
    const summary = JSON.parse(synced.stdout) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual([
      'ok',
      'startedAt',
      'finishedAt',
      'requests',
      'services',
      'changes',
      'warnings',
    ]);
    expect(summary).toMatchObject({
      ok: true,
      services: expect.any(Number) as number,
      requests: expect.any(Number) as number,
    });
    expect((summary['changes'] as unknown[]).length).toBeGreaterThan(0);

    const listed = await cli(['--data-dir', dataDir, '--env', 'demo', 'services', '--json']);
    expect(listed.code).toBe(0);
    const services = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(services).toHaveLength(summary['services'] as number);
    for (const service of services) expect(Object.keys(service).sort()).toEqual(SORTED_SERVICE_FIELDS);
    const store = openDataStore({ dataDir });
    const built = buildServices(store.cache.read('demo'), { today: localToday(), dueDateOffsetDays: 0 });
    expect(new Set(services.map((service) => service['certificateId']))).toEqual(
      new Set(built.map((service) => service.certificateId)),
    );

    // A second sync of an unchanged account costs only the list pages and changes nothing.
    const again = JSON.parse((await cli(['--data-dir', dataDir, '--env', 'demo', '--json', 'sync'])).stdout) as Record<
      string,
      unknown
    >;
    expect(again).toMatchObject({ ok: true, requests: 2, changes: [] });
  });

  it('filters by status, due window and search, and applies the offset setting', async () => {
    const dataDir = newDataDir();
    expect((await cli(['--data-dir', dataDir, '--env', 'demo', 'sync'])).code).toBe(0);
    const all = JSON.parse((await cli(['--data-dir', dataDir, '--env', 'demo', '--json', 'services'])).stdout) as {
      certificateId: number;
      status: string;
      hostName: string;
      dueDate: string | null;
      expireDate: string | null;
      daysLeft: number | null;
    }[];

    const active = JSON.parse(
      (await cli(['--data-dir', dataDir, '--env', 'demo', '--json', 'services', '--status', 'ACTIVE'])).stdout,
    ) as typeof all;
    expect(active.length).toBeGreaterThan(0);
    expect(active.every((service) => service.status === 'active')).toBe(true);
    expect(active).toHaveLength(all.filter((service) => service.status === 'active').length);

    const due = JSON.parse(
      (await cli(['--data-dir', dataDir, '--env', 'demo', '--json', 'services', '--due-within', '30'])).stdout,
    ) as typeof all;
    expect(due.length).toBeGreaterThan(0);
    expect(due.every((service) => service.daysLeft !== null && service.daysLeft <= 30)).toBe(true);

    const host = all.find((service) => service.hostName !== '')?.hostName ?? '';
    const found = JSON.parse(
      (await cli(['--data-dir', dataDir, '--env', 'demo', '--json', 'services', '--search', host.toUpperCase()]))
        .stdout,
    ) as typeof all;
    expect(found.map((service) => service.hostName)).toContain(host);

    openDataStore({ dataDir }).settings.update({ dueDateOffsetDays: 15 });
    const shifted = JSON.parse(
      (await cli(['--data-dir', dataDir, '--env', 'demo', '--json', 'services'])).stdout,
    ) as typeof all;
    const sample = shifted.find((service) => service.expireDate !== null);
    const expected = new Date(`${sample?.expireDate ?? ''}T00:00:00Z`);
    expected.setUTCDate(expected.getUTCDate() - 15);
    expect(sample?.dueDate).toBe(expected.toISOString().slice(0, 10));

    const table = await cli(['--data-dir', dataDir, '--env', 'demo', 'services', '--status', 'active']);
    expect(table.stdout.split('\n')[0]).toMatch(/^\s*ID\s+HOST\s+TYPE\s+STATUS\s+EXPIRES\s+DUE\s+DAYS/);
    expect(table.stdout).toContain(`${active.length} service(s) · demo · last synced`);
  });

  it('lists the cache offline in a fresh process, with no simulator running', async () => {
    const dataDir = newDataDir();
    expect((await cli(['--data-dir', dataDir, '--env', 'demo', 'sync'])).code).toBe(0);
    // The sync command stopped the embedded simulator; a new process has none either.
    const { stdout } = await run(
      process.execPath,
      [BIN, '--data-dir', dataDir, '--env', 'demo', '--json', 'services'],
      { cwd: ROOT },
    );
    const services = JSON.parse(stdout) as unknown[];
    expect(services.length).toBeGreaterThan(100);
  });

  it('says when nothing is cached yet', async () => {
    const dataDir = newDataDir();
    const result = await cli(['--data-dir', dataDir, '--env', 'sandbox', 'services']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('No services are cached for sandbox yet');
    expect(JSON.parse((await cli(['--data-dir', dataDir, '--env', 'sandbox', '--json', 'services'])).stdout)).toEqual(
      [],
    );
  });

  it('exits 1 with the reason on stderr when the sync cannot run, and 2 on usage errors', async () => {
    const dataDir = newDataDir();
    const notSignedIn = await cli(['--data-dir', dataDir, '--env', 'production', 'sync']);
    expect(notSignedIn.code).toBe(1);
    expect(notSignedIn.stderr).toMatch(/sign in/i);
    expect(notSignedIn.stdout).toBe('');
    // With --json the same failure is the documented sync document, and the history records it.
    const notSignedInJson = await cli(['--data-dir', dataDir, '--env', 'production', '--json', 'sync']);
    expect(notSignedInJson.code).toBe(1);
    const failed = JSON.parse(notSignedInJson.stdout) as Record<string, unknown>;
    expect(Object.keys(failed).sort()).toEqual(
      ['changes', 'error', 'finishedAt', 'ok', 'requests', 'services', 'startedAt', 'warnings'].sort(),
    );
    expect(failed).toMatchObject({ ok: false, requests: 0, services: 0, changes: [], warnings: [] });
    expect(failed['error']).toMatchObject({ code: 'not-signed-in' });
    const history = openDataStore({ dataDir }).history.syncHistory('production');
    expect(history.map((entry) => entry.outcome)).toEqual(['failed', 'failed']);

    const noEnvironment = await cli(['--data-dir', dataDir, 'services']);
    expect(noEnvironment.code).toBe(2);
    expect(noEnvironment.stderr).toContain('--env');

    expect((await cli(['--data-dir', dataDir, '--env', 'staging', 'services'])).code).toBe(2);
    expect((await cli(['--data-dir', dataDir, 'no-such-command'])).code).toBe(2);
    expect((await cli(['--data-dir', dataDir, 'export', 'no-such-thing'])).code).toBe(2);
    expect((await cli(['--data-dir', dataDir, '--env', 'demo', 'services', '--due-within', 'soon'])).code).toBe(2);
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['help', 'sync'])).code).toBe(0);
    // No command at all, or a command group without its subcommand: help on stderr, exit 2.
    const noCommand = await cli(['--data-dir', dataDir]);
    expect(noCommand.code).toBe(2);
    expect(noCommand.stderr).toContain('Usage: wvphost-admin');
    expect((await cli(['--data-dir', dataDir, 'export'])).code).toBe(2);
  });
});

/** A simulator of 120 certificates whose user and key are this run's own (the CLI uses the default keychain service). */
async function startOwnAccount(
  prefix: string,
  keySuffix: string,
  seed: number,
): Promise<{ simulator: Simulator; apiKey: string }> {
  const apiUser = `${prefix}${process.pid % 100_000}${Date.now() % 100_000}`;
  const apiKey = `key-${apiUser}-${keySuffix}`;
  const simulator = await startTestSimulator({
    seed,
    count: 120,
    credentials: { apiUser, apiKey, userName: apiUser, clientIp: '127.0.0.1' },
  });
  return { simulator, apiKey };
}

/** `login` to the simulator's account with generous limits, the key piped on stdin as a user would. */
function loginThroughCli(base: readonly string[], simulator: Simulator, apiKey: string): Promise<CliRun> {
  return cli(
    [
      ...base,
      'login',
      '--api-url',
      simulator.url,
      '--api-user',
      simulator.credentials.apiUser,
      '--client-ip',
      '127.0.0.1',
      '--rate-limit',
      '100000/min,1000000/h,10000000/day',
    ],
    `${apiKey}\n`,
  );
}

describe('wvphost-admin against a signed-in environment', () => {
  it('syncs after login, fails with exit 1 and an untouched cache when Wvphost is unreachable, and still lists offline', async () => {
    const dataDir = newDataDir();
    const { simulator, apiKey } = await startOwnAccount('cli', '0123456789abcdef', 17);
    const base = ['--data-dir', dataDir, '--env', 'sandbox'];
    try {
      const login = await loginThroughCli(base, simulator, apiKey);
      expect(login.stderr).not.toContain(apiKey);
      expect(login.code).toBe(0);

      const synced = JSON.parse((await cli([...base, '--json', 'sync'])).stdout) as {
        ok: boolean;
        requests: number;
        services: number;
      };
      expect(synced.ok).toBe(true);
      const replaced = simulator.certificates().filter((certificate) => certificate.status === 'replaced').length;
      expect(synced.requests).toBe(2 + replaced);
      const before = cacheBytes(dataDir, 'sandbox');

      await simulator.close();
      const failed = await cli([...base, '--json', 'sync']);
      expect(failed.code).toBe(1);
      expect(failed.stderr.length).toBeGreaterThan(10);
      const document = JSON.parse(failed.stdout) as { ok: boolean; error: { code: string; message: string } };
      expect(document.ok).toBe(false);
      expect(document.error.code).toBe('unreachable');
      expect(failed.stderr).toContain(document.error.message);
      expect(cacheBytes(dataDir, 'sandbox')).toEqual(before);

      // Offline: the cache still lists everything.
      const offline = JSON.parse((await cli([...base, '--json', 'services'])).stdout) as unknown[];
      expect(offline).toHaveLength(synced.services);
    } finally {
      await simulator.close().catch(() => undefined);
      await cli([...base, 'logout']);
    }
  });
});

describe('wvphost-admin sync cancelled with Ctrl-C', () => {
  it('stops cleanly on SIGINT: exit 1, a cancelled result, the cache exactly as it was', async () => {
    const dataDir = newDataDir();
    const { simulator, apiKey } = await startOwnAccount('int', 'fedcba9876543210', 19);
    const base = ['--data-dir', dataDir, '--env', 'sandbox'];
    try {
      const login = await loginThroughCli(base, simulator, apiKey);
      expect(login.code).toBe(0);
      expect((await cli([...base, 'sync'])).code).toBe(0);
      simulator.addCertificate({ hostName: 'added-before-cancel.example.com', status: 'active' });
      const before = cacheBytes(dataDir, 'sandbox');
      // Slow answers, so that the interrupt lands while the list is being read.
      simulator.setFaults({ latencyMs: [400, 400] });
      simulator.clearRequestLog();

      const child = spawn(process.execPath, [BIN, ...base, '--json', 'sync'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      // Wait (bounded) for the sync's first request to reach the simulator, then press Ctrl-C.
      for (let waited = 0; simulator.requestCount() === 0 && waited < 200; waited += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(simulator.requestCount()).toBeGreaterThan(0);
      child.kill('SIGINT');
      const code = await exited;

      expect(code).toBe(1);
      const document = JSON.parse(stdout) as { ok: boolean; error: { code: string; message: string } };
      expect(document.ok).toBe(false);
      expect(document.error.code).toBe('cancelled');
      expect(document.error.message).toBe('The sync was cancelled; the cached services are unchanged.');
      expect(stderr).toContain('cancelled');
      expect(cacheBytes(dataDir, 'sandbox')).toEqual(before);
      expect(openDataStore({ dataDir }).history.syncHistory('sandbox')[0]?.outcome).toBe('cancelled');
    } finally {
      simulator.setFaults({});
      await simulator.close();
      await cli([...base, 'logout']);
    }
  }, 60_000);
});

describe('wvphost-admin demo', () => {
  it('starts the simulator, signs in to Demo, syncs and prints the table, from the installed bin', async () => {
    const dataDir = newDataDir();
    const { stdout, stderr } = await run(process.execPath, [BIN, '--data-dir', dataDir, 'demo'], { cwd: ROOT });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Synced demo: \d+ services/);
    expect(stdout).toMatch(/\n\s*ID\s+HOST\s+TYPE\s+STATUS/);
    expect(stdout).toContain(`Demo data folder: ${dataDir}`);
    const store = openDataStore({ dataDir });
    expect(store.settings.get().activeEnvironment).toBe('demo');
    expect(store.cache.read('demo').certificates.length).toBe(150);
    expect(store.history.syncHistory('demo')[0]?.outcome).toBe('ok');
  });

  it('prints the data folder, the sync and the services with --json', async () => {
    const dataDir = newDataDir();
    const result = await cli(['--data-dir', dataDir, '--json', 'demo']);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as {
      dataDir: string;
      sync: { ok: boolean };
      services: Record<string, unknown>[];
    };
    expect(document.dataDir).toBe(dataDir);
    expect(document.sync.ok).toBe(true);
    expect(Object.keys(document.services[0] ?? {}).sort()).toEqual(SORTED_SERVICE_FIELDS);
  });
});
