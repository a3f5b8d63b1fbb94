/**
 * The app core behind the contract, with real parts only: the store in a temp folder, the OS
 * keychain, the demo simulator and a second simulator as "sandbox" over HTTP, real zips, real
 * CSRs made by openssl. Desktop-only services are scripted (save paths, overwrite answers).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppState, EventChannels, ExportResult, ServicesSnapshot, SyncProgress } from '../../preload/api.ts';
import { createAppCore, type AppCore } from '../../main/ipc/app-core.ts';
import { createDispatcher, type Dispatcher } from '../../main/ipc/dispatch.ts';
import { isDueSoon } from '../../main/ipc/due-soon.ts';
import type { ShellServices } from '../../main/ipc/types.ts';
import { demoSimulator } from '../../main/environments/demo-simulator.ts';
import { addDays } from '../../main/sync/local-date.ts';
import { startSimulator } from '../../sim/index.ts';
import type { Simulator } from '../../sim/types.ts';
import { testKeychain } from '../helpers/test-keychain.ts';

const SANDBOX_KEY = `sandbox-key-${process.pid}-${Date.now().toString(36)}`;
const { secrets } = testKeychain('core');

interface Scripted extends ShellServices {
  savePath: string | null;
  overwrite: boolean;
  readonly asked: string[];
  readonly notifications: { title: string; body: string }[];
}

function scriptedShell(): Scripted {
  const shell: Scripted = {
    savePath: null,
    overwrite: false,
    asked: [],
    notifications: [],
    chooseSavePath: async () => shell.savePath,
    confirmOverwrite: async (path) => {
      shell.asked.push(path);
      return shell.overwrite;
    },
    openCsrFile: async () => null,
    writeClipboard: async () => {},
    notify: (title, body) => shell.notifications.push({ title, body }),
  };
  return shell;
}

let dir: string;
let core: AppCore;
let dispatch: Dispatcher;
let shell: Scripted;
let sandbox: Simulator;
const events: { channel: keyof EventChannels; payload: unknown }[] = [];

async function call<T>(channel: string, argument?: unknown): Promise<T> {
  const result = await dispatch(channel, argument);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Signs in to "sandbox" (the second simulator) as user sandy with `apiKey`. */
function saveSandbox(apiKey: string): Promise<AppState> {
  return call<AppState>('environment:save', {
    environment: 'sandbox',
    baseUrl: sandbox.url,
    apiUser: 'sandy',
    userName: 'sandy',
    clientIp: '127.0.0.1',
    rateBudget: '1000/min,20000/h,200000/day',
    apiKey,
  });
}

function makeCsr(host: string): string {
  const key = join(dir, `${host.replace(/\W/g, '_')}.key`);
  return execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-subj', `/CN=${host}/O=Test`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wvphost-core-'));
  shell = scriptedShell();
  sandbox = await startSimulator({
    count: 12,
    seed: 3,
    credentials: { apiUser: 'sandy', apiKey: SANDBOX_KEY, userName: 'sandy', clientIp: '127.0.0.1' },
    rateLimits: false,
  });
  core = await createAppCore({
    dataDir: join(dir, 'data'),
    secrets,
    shell,
    emit: (channel, payload) => events.push({ channel, payload }),
    appVersion: '1.2.3',
  });
  dispatch = createDispatcher(core.handlers, { knownSecrets: () => core.knownSecrets() });
});

afterAll(async () => {
  await core?.dispose();
  await sandbox?.close();
  await secrets.deleteApiKey('sandbox', 'sandy').catch(() => false);
  await rm(dir, { recursive: true, force: true });
});

describe('createAppCore', () => {
  it('starts in onboarding with all three environments and a reachable keychain', async () => {
    const state = await call<AppState>('app:getState');
    expect(state.activeEnvironment).toBeNull();
    expect(state.environments.map((environment) => environment.id)).toEqual(['production', 'sandbox', 'demo']);
    expect(state.environments.find((environment) => environment.id === 'demo')?.hasApiKey).toBe(true);
    expect(state.keychainAvailable).toBe(true);
    expect(state.appVersion).toBe('1.2.3');
    expect(state.sync).toEqual({ running: false, lastAttempt: null, lastSuccessfulSyncAt: null, nextScheduledAt: null });
    expect(state.settings).not.toHaveProperty('window');
    const noEnvironment = await dispatch('services:list', undefined);
    expect(noEnvironment).toMatchObject({ ok: false, error: { code: 'no-environment' } });
  });

  it('selects Demo and syncs it, with progress, events and a notification naming the due-soon services', async () => {
    const selected = await call<AppState>('environment:select', { environment: 'demo' });
    expect(selected.activeEnvironment).toBe('demo');
    expect((await call<ServicesSnapshot>('services:list')).services).toEqual([]);

    events.length = 0;
    const summary = await call<{ ok: boolean; services: number; requests: number }>('sync:start');
    expect(summary.ok).toBe(true);
    expect(summary.requests).toBeGreaterThan(0);
    const progress = events.filter((event) => event.channel === 'sync:progress').map((event) => event.payload as SyncProgress);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.phase).toBe('done');
    expect(events.filter((event) => event.channel === 'sync:finished')).toEqual([{ channel: 'sync:finished', payload: summary }]);
    expect(events.some((event) => event.channel === 'services:changed')).toBe(true);

    const snapshot = await call<ServicesSnapshot>('services:list');
    expect(snapshot.services).toHaveLength(summary.services);
    expect(snapshot.lastSuccessfulSyncAt).not.toBeNull();
    const dueSoon = snapshot.services.filter((service) => isDueSoon(service, snapshot.today, 30));
    expect(dueSoon.length).toBeGreaterThan(0);
    expect(shell.notifications).toHaveLength(1);
    expect(shell.notifications[0]?.title).toContain(`${dueSoon.length} certificate`);
    const soonest = [...dueSoon].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))[0];
    expect(shell.notifications[0]?.body).toContain(soonest?.hostName);

    const state = await call<AppState>('app:getState');
    expect(state.sync.lastAttempt?.outcome).toBe('ok');
    expect(state.sync.lastSuccessfulSyncAt).toBe(snapshot.lastSuccessfulSyncAt);
    expect(state.environments.find((environment) => environment.id === 'demo')?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/xml\.response$/);
  });

  it('does not notify again when nothing changed', async () => {
    const summary = await call<{ ok: boolean; changes: unknown[] }>('sync:start');
    expect(summary.ok).toBe(true);
    expect(summary.changes).toEqual([]);
    expect(shell.notifications).toHaveLength(1);
  });

  it('cancels a running sync on request, keeping the cached services', async () => {
    const before = await call<ServicesSnapshot>('services:list');
    const simulator = await demoSimulator();
    simulator.setFaults({ latencyMs: [40, 40] });
    try {
      const cancelOnProgress = new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (events.some((event) => event.channel === 'sync:progress')) {
            clearInterval(check);
            resolve();
          }
        }, 5);
      });
      events.length = 0;
      const running = dispatch('sync:start', undefined);
      await cancelOnProgress;
      expect((await call<AppState>('app:getState')).sync.running).toBe(true);
      await call('sync:cancel');
      const result = await running;
      expect(result).toMatchObject({ ok: true, value: { ok: false, cancelled: true, error: { code: 'cancelled' } } });
    } finally {
      simulator.setFaults({});
    }
    const after = await call<ServicesSnapshot>('services:list');
    expect(after.services).toEqual(before.services);
    expect(after.lastSuccessfulSyncAt).toBe(before.lastSuccessfulSyncAt);
    expect((await call<{ outcome: string }[]>('sync:history'))[0]?.outcome).toBe('cancelled');
    expect(shell.notifications).toHaveLength(1);
  });

  it('notifies about exactly the service that newly fell due, and shows the change in its detail', async () => {
    const { services, today } = await call<ServicesSnapshot>('services:list');
    const later = services.find((service) => service.status === 'active' && service.daysLeft !== null && service.daysLeft > 90 && service.hostName !== '');
    if (later === undefined) throw new Error('the demo account has no active service expiring in more than 90 days');
    const simulator = await demoSimulator();
    const certificate = simulator.certificate(later.certificateId);
    if (certificate === undefined) throw new Error('certificate missing in the simulator');
    const newExpiry = addDays(today, 10) ?? '';
    certificate.expireDate = new Date(`${newExpiry}T12:00:00Z`);

    const summary = await call<{ ok: boolean }>('sync:start');
    expect(summary.ok).toBe(true);
    expect(shell.notifications).toHaveLength(2);
    expect(shell.notifications[1]).toEqual({
      title: '1 certificate is now due within 30 days',
      body: `${later.hostName} (due ${newExpiry}).`,
    });

    const detail = await call<{ service: { expireDate: string }; changes: { change: { kind: string } }[]; actionBlockers: Record<string, string | null> }>(
      'services:detail',
      { certificateId: later.certificateId },
    );
    expect(detail.service.expireDate).toBe(newExpiry);
    expect(detail.changes.map((entry) => entry.change.kind)).toContain('expire-date-changed');
    expect(detail.actionBlockers.reissue).toBeNull();
    expect(detail.actionBlockers.renew).toBeNull();
    expect(detail.actionBlockers.activate).toEqual(expect.any(String));
  });

  it('updates settings, re-deriving due dates, and names the field of an invalid one', async () => {
    events.length = 0;
    const state = await call<AppState>('settings:update', { dueDateOffsetDays: 30, dailySyncTime: '06:15' });
    expect(state.settings).toMatchObject({ dueDateOffsetDays: 30, dailySyncTime: '06:15' });
    expect(events.map((event) => event.channel)).toContain('services:changed');
    const { services } = await call<ServicesSnapshot>('services:list');
    const dated = services.find((service) => service.expireDate !== null);
    expect(dated?.dueDate).toBe(addDays(dated?.expireDate ?? null, -30));

    const invalid = await dispatch('settings:update', { dailySyncTime: '25:99' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-setting', detail: 'dailySyncTime' } });
    expect((await call<AppState>('app:getState')).settings.dailySyncTime).toBe('06:15');
    await call('settings:update', { dueDateOffsetDays: 0 });
  });

  it('exports a certificate, asking before it replaces an existing file', async () => {
    const { services } = await call<ServicesSnapshot>('services:list');
    const active = services.find((service) => service.status === 'active' && service.hostName !== '' && !service.hostName.startsWith('*'));
    if (active === undefined) throw new Error('no active service');
    const target = join(dir, 'cert.zip');

    shell.savePath = null;
    expect(await call<ExportResult>('export:certificate', { certificateId: active.certificateId, serverType: 'nginx' })).toEqual({ path: null, bytes: 0, files: [] });

    shell.savePath = target;
    const first = await call<ExportResult>('export:certificate', { certificateId: active.certificateId, serverType: 'nginx' });
    expect(first.path).toBe(target);
    expect(first.files.some((file) => file.endsWith('.fullchain.crt'))).toBe(true);
    expect(execFileSync('unzip', ['-t', target], { encoding: 'utf8' })).toContain('No errors detected');
    expect(shell.asked).toEqual([]);

    const before = await stat(target);
    shell.overwrite = false;
    expect((await call<ExportResult>('export:certificate', { certificateId: active.certificateId, serverType: 'apache' })).path).toBeNull();
    expect(shell.asked).toEqual([target]);
    expect((await stat(target)).mtimeMs).toBe(before.mtimeMs);

    shell.overwrite = true;
    const replaced = await call<ExportResult>('export:certificate', { certificateId: active.certificateId, serverType: 'apache' });
    expect(replaced.path).toBe(target);
    expect(replaced.files.some((file) => file.endsWith('.fullchain.crt'))).toBe(false);
    expect(shell.asked).toEqual([target, target]);
  });

  it('exports the report of what the table shows', async () => {
    const { services } = await call<ServicesSnapshot>('services:list');
    const shown = services.slice(0, 3).map((service) => service.certificateId);
    shell.savePath = join(dir, 'report.zip');
    const report = await call<ExportResult>('export:report', { certificateIds: shown });
    expect(report.path).toBe(shell.savePath);
    const listing = execFileSync('unzip', ['-l', shell.savePath], { encoding: 'utf8' });
    expect(listing).toContain('services.csv');
    expect(listing).toContain('services.json');
    const json = execFileSync('unzip', ['-p', shell.savePath, 'services.json'], { encoding: 'utf8' });
    const exported = JSON.parse(json) as unknown;
    const ids = (Array.isArray(exported) ? exported : (exported as { services: { certificateId: number }[] }).services).map(
      (service: { certificateId: number }) => service.certificateId,
    );
    expect(ids.sort()).toEqual([...shown].sort());
  });

  it('checks a CSR locally and with Wvphost, then reissues with it', async () => {
    const { services } = await call<ServicesSnapshot>('services:list');
    const active = services.find(
      (service) => service.status === 'active' && service.hostName !== '' && !service.hostName.startsWith('*') && (service.daysLeft ?? 0) > 0,
    );
    if (active === undefined) throw new Error('no active service');
    const csr = makeCsr(active.hostName);

    const check = await call<{ ok: boolean; commonName: string; remote: unknown; problems: unknown[] }>('csr:check', {
      certificateId: active.certificateId,
      csr,
    });
    expect(check).toMatchObject({ ok: true, commonName: active.hostName, problems: [] });
    expect(check.remote).toMatchObject({ commonName: active.hostName, validTrueDomain: true });

    const mismatch = await call<{ ok: boolean; problems: { code: string }[] }>('csr:check', {
      certificateId: active.certificateId,
      csr: makeCsr('other-host.example.org'),
    });
    expect(mismatch.ok).toBe(false);
    expect(mismatch.problems.map((problem) => problem.code)).toContain('domain-mismatch');

    events.length = 0;
    const reply = await call<{ newCertificateId: number; dcv: { kind: string }[] }>('reissue:submit', {
      certificateId: active.certificateId,
      csr,
      dcv: { kind: 'http' },
      serverType: 'nginx',
    });
    expect(reply.newCertificateId).not.toBe(active.certificateId);
    expect(reply.dcv[0]?.kind).toBe('http');
    expect(events.map((event) => event.channel)).toContain('services:changed');
    const after = (await call<ServicesSnapshot>('services:list')).services.find((service) => service.certificateId === reply.newCertificateId);
    expect(after).toMatchObject({ previousCertificateIds: [active.certificateId], reissueState: 'pending' });
    const detail = await call<{ actions: { action: string; result: string }[] }>('services:detail', { certificateId: reply.newCertificateId });
    expect(detail.actions[0]).toMatchObject({ action: 'reissue', result: 'ok' });
  });

  it('signs in to sandbox with the key in the keychain only, tests, syncs and signs out', async () => {
    const saved = await saveSandbox(SANDBOX_KEY);
    expect(saved.environments.find((environment) => environment.id === 'sandbox')).toMatchObject({ apiUser: 'sandy', hasApiKey: true, baseUrl: sandbox.url });
    expect(await secrets.getApiKey('sandbox', 'sandy')).toBe(SANDBOX_KEY);
    // grep exits 1 when no file under the data folder contains the key.
    const grep = spawnSync('grep', ['-rl', SANDBOX_KEY, join(dir, 'data')], { encoding: 'utf8' });
    expect(grep.stdout).toBe('');
    expect(grep.status).toBe(1);

    const test = await call<{ ok: boolean; message: string }>('environment:testConnection', { environment: 'sandbox' });
    expect(test.ok).toBe(true);
    expect(test.message).toContain('12 certificates');

    await call('environment:select', { environment: 'sandbox' });
    const summary = await call<{ ok: boolean; services: number }>('sync:start');
    expect(summary.ok).toBe(true);
    const snapshot = await call<ServicesSnapshot>('services:list');
    expect(snapshot.environment).toBe('sandbox');
    expect(snapshot.services).toHaveLength(summary.services);

    const out = await call<AppState>('environment:logout', { environment: 'sandbox' });
    expect(out.environments.find((environment) => environment.id === 'sandbox')?.hasApiKey).toBe(false);
    expect(await secrets.getApiKey('sandbox', 'sandy')).toBeNull();

    // Offline review stays possible; a sync says what to do, and is recorded as failed.
    expect((await call<ServicesSnapshot>('services:list')).services).toHaveLength(summary.services);
    const failed = await call<{ ok: boolean; error: { code: string; message: string } }>('sync:start');
    expect(failed.ok).toBe(false);
    expect(failed.error.code).toBe('not-signed-in');
    const history = await call<{ outcome: string }[]>('sync:history');
    expect(history[0]?.outcome).toBe('failed');
    expect(history[1]?.outcome).toBe('ok');

    for (const event of events) expect(JSON.stringify(event.payload) ?? '').not.toContain(SANDBOX_KEY);
    expect(JSON.stringify(await call('app:getState'))).not.toContain(SANDBOX_KEY);
    const settingsFile = await readFile(join(dir, 'data', 'settings.json'), 'utf8');
    expect(settingsFile).not.toContain(SANDBOX_KEY);
  });

  it('reports a wrong key plainly, without echoing it', async () => {
    const wrongKey = 'definitely-wrong-key-0123456789';
    await saveSandbox(wrongKey);
    await call('environment:select', { environment: 'sandbox' });
    const test = await call<{ ok: boolean; code: string; message: string }>('environment:testConnection', { environment: 'sandbox' });
    expect(test).toMatchObject({ ok: false, code: 'bad-credentials' });
    const failed = await call<{ ok: boolean; error: { code: string; message: string } }>('sync:start');
    expect(failed.error.code).toBe('bad-credentials');
    expect(JSON.stringify([test, failed])).not.toContain(wrongKey);
    await call('environment:logout', { environment: 'sandbox' });
  });
});

describe('createAppCore with the schedule on', () => {
  it('syncs a never-synced environment when chosen, joins a manual request, and arms the daily time', async () => {
    // Runs after the suite above (same file, sequential); it has its own data folder.
    const timers: { callback: () => void; ms: number }[] = [];
    const fixedNow = new Date();
    const scheduledEvents: string[] = [];
    const scheduled = await createAppCore({
      dataDir: join(dir, 'scheduled-data'),
      secrets,
      shell: scriptedShell(),
      emit: (channel) => scheduledEvents.push(channel),
      schedule: true,
      schedulerClock: {
        now: () => fixedNow,
        setTimeout: (callback, ms) => timers.push({ callback, ms }),
        clearTimeout: () => {},
      },
    });
    try {
      const state = await scheduled.handlers['environment:select']({ environment: 'demo' });
      expect(state.sync.running).toBe(true);
      expect(state.sync.nextScheduledAt).not.toBeNull();
      const next = new Date(state.sync.nextScheduledAt ?? '');
      expect(next.getTime()).toBeGreaterThan(fixedNow.getTime());
      expect(`${String(next.getHours()).padStart(2, '0')}:${String(next.getMinutes()).padStart(2, '0')}`).toBe('07:00');

      // A manual sync while the start-up sync runs joins it: one run, one result.
      const joined = await scheduled.handlers['sync:start']();
      expect(joined.ok).toBe(true);
      expect(scheduledEvents.filter((channel) => channel === 'sync:finished')).toHaveLength(1);

      const daily = timers.at(-1);
      expect(daily?.ms).toBe(next.getTime() - fixedNow.getTime());
      daily?.callback();
      await scheduled.handlers['sync:start']();
      expect(scheduledEvents.filter((channel) => channel === 'sync:finished')).toHaveLength(2);
      expect((await scheduled.handlers['sync:history']()).map((record) => record.outcome)).toEqual(['ok', 'ok']);
    } finally {
      await scheduled.dispose();
    }
  });
});

describe('createAppCore services between requests', () => {
  it('answers one certificate from the listed services, yet re-derives them for a new day', async () => {
    let now = new Date();
    const own = await createAppCore({
      dataDir: join(dir, 'day-data'),
      secrets,
      shell: scriptedShell(),
      emit: () => {},
      now: () => now,
    });
    try {
      await own.handlers['environment:select']({ environment: 'demo' });
      expect((await own.handlers['sync:start']()).ok).toBe(true);
      const first = await own.handlers['services:list']();
      const dated = first.services.find((service) => service.daysLeft !== null && service.hostName !== '');
      if (dated === undefined) throw new Error('the demo account has no dated service');
      // Unchanged cache, same day: the very list that was listed serves the detail.
      expect((await own.handlers['services:list']()).services).toBe(first.services);
      expect((await own.handlers['services:detail']({ certificateId: dated.certificateId })).service).toBe(dated);

      now = new Date(now.getTime() + 24 * 60 * 60 * 1000);
      const next = await own.handlers['services:list']();
      expect(next.today).toBe(addDays(first.today, 1));
      const later = next.services.find((service) => service.certificateId === dated.certificateId);
      expect(later?.daysLeft).toBe((dated.daysLeft ?? 0) - 1);
      expect((await own.handlers['services:detail']({ certificateId: dated.certificateId })).service.daysLeft).toBe((dated.daysLeft ?? 0) - 1);
    } finally {
      await own.dispose();
    }
  });
});
