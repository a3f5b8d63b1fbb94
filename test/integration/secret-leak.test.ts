/**
 * The leak test: a recognisable API key goes through login, sync, listing, exports, the IPC
 * dispatcher and the error paths, and then must appear nowhere we can look — the data folders,
 * any log, the exported files (raw and unzipped), the CLI's output, the IPC replies and events.
 * Searched byte-wise, also as base64 and UTF-16, so an encoded copy is caught as well.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index.ts';
import { connectEnvironment } from '../../main/environments/connect.ts';
import { stopDemoSimulator } from '../../main/environments/demo-simulator.ts';
import { exportCertificate } from '../../main/export/certificate-export.ts';
import { exportReport } from '../../main/export/report-export.ts';
import { createAppCore } from '../../main/ipc/app-core.ts';
import type { AppCore } from '../../main/ipc/app-core.ts';
import { createDispatcher } from '../../main/ipc/dispatch.ts';
import type { ShellServices } from '../../main/ipc/types.ts';
import { openDataStore } from '../../main/store/open-data-store.ts';
import { buildServices } from '../../main/sync/build-services.ts';
import { localToday } from '../../main/sync/local-date.ts';
import { startSimulator } from '../../sim/index.ts';
import type { Simulator } from '../../sim/types.ts';
import { testKeychain } from '../helpers/test-keychain.ts';

const CANARY = `LEAKCANARY-${crypto.randomBytes(12).toString('hex')}`; // 35 characters, within the 50 allowed
const LONG_CANARY = `LEAKCANARY-TOOLONG-${crypto.randomBytes(24).toString('hex')}`; // over 50: rejected by validation
const { secrets } = testKeychain('leak', { shareWithCli: true });
const CREDENTIALS = { apiUser: 'leakuser', apiKey: CANARY, userName: 'leakuser', clientIp: '127.0.0.1' };
const BUDGET = '100000/min,1000000/h,10000000/day';

let simulator: Simulator;
let root: string;
/** Everything a user or a log could see, besides files: CLI output, IPC replies, events, messages. */
const transcript: string[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ count: 25, seed: 11, credentials: CREDENTIALS, rateLimits: false });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wvp-leak-'));
});
afterAll(async () => {
  await simulator.close();
  await stopDemoSimulator();
  for (const environment of ['production', 'sandbox'] as const) await secrets.deleteApiKey(environment, 'leakuser');
  fs.rmSync(root, { recursive: true, force: true });
});

async function cli(dataDir: string, args: readonly string[], stdin = ''): Promise<number> {
  const code = await runCli(['--data-dir', dataDir, ...args], {
    stdout: (text) => transcript.push(text),
    stderr: (text) => transcript.push(text),
    stdin: Readable.from([Buffer.from(stdin)]),
  });
  transcript.push(`exit ${code}`);
  return code;
}

function needles(secret: string): { label: string; bytes: Buffer }[] {
  return [
    { label: 'utf8', bytes: Buffer.from(secret, 'utf8') },
    { label: 'base64', bytes: Buffer.from(Buffer.from(secret).toString('base64').replace(/=+$/, '')) },
    { label: 'utf16le', bytes: Buffer.from(secret, 'utf16le') },
    { label: 'hex', bytes: Buffer.from(Buffer.from(secret).toString('hex')) },
  ];
}

function filesUnder(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs.readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every place the key must not be, as (where, bytes) pairs; zips are searched unpacked too. */
function haystacks(): { where: string; bytes: Buffer }[] {
  const found: { where: string; bytes: Buffer }[] = [];
  for (const file of filesUnder(root)) {
    const bytes = fs.readFileSync(file);
    found.push({ where: file, bytes });
    if (file.endsWith('.zip')) {
      expect(() => execFileSync('unzip', ['-tq', file])).not.toThrow();
      found.push({ where: `${file} (unzipped)`, bytes: execFileSync('unzip', ['-p', file], { maxBuffer: 64 * 1024 * 1024 }) });
    }
  }
  found.push({ where: 'CLI output, IPC replies, events and error messages', bytes: Buffer.from(transcript.join('\n')) });
  return found;
}

describe('the API key never leaves the keychain', () => {
  it('CLI: login, sync, list, export and the error paths', async () => {
    const dataDir = path.join(root, 'cli-data');
    const exports = path.join(root, 'cli-exports');
    fs.mkdirSync(exports, { recursive: true });
    const login = ['login', '--env', 'production', '--api-url', simulator.url, '--api-user', 'leakuser', '--client-ip', '127.0.0.1', '--rate-limit', BUDGET];
    expect(await cli(dataDir, login, `${CANARY}\n`), transcript.join('')).toBe(0);
    expect(await secrets.getApiKey('production', 'leakuser')).toBe(CANARY);
    expect(await cli(dataDir, ['--env', 'production', 'sync']), transcript.join('')).toBe(0);
    expect(await cli(dataDir, ['--env', 'production', '--json', 'sync'])).toBe(0);
    expect(await cli(dataDir, ['--env', 'production', '--json', 'services'])).toBe(0);

    const store = openDataStore({ dataDir });
    const cache = store.cache.read('production');
    expect(cache.certificates.length).toBe(25);
    const connection = await connectEnvironment(store, secrets, 'production');
    const active = cache.certificates.filter((certificate) => certificate.status === 'active').slice(0, 2);
    expect(active.length).toBeGreaterThan(0);
    for (const [index, certificate] of active.entries()) {
      for (const serverType of ['nginx', 'iis'] as const) {
        const result = await exportCertificate({
          api: connection.api,
          store,
          environment: 'production',
          certificateId: certificate.certificateId,
          serverType,
          outPath: path.join(exports, `cert-${index}-${serverType}.${serverType === 'iis' ? 'p7b' : 'zip'}`),
          overwrite: true,
        });
        transcript.push(JSON.stringify(result));
      }
    }
    const services = buildServices(store.cache.read('production'), { today: localToday(), dueDateOffsetDays: 0 });
    transcript.push(JSON.stringify(await exportReport({ store, environment: 'production', services, outPath: path.join(exports, 'report.zip'), overwrite: true })));

    // Error paths, each with the real key in the keychain: a refused IP, a dead URL, an over-long key.
    expect(await cli(dataDir, [...login.slice(0, -4), '--client-ip', '10.9.8.7'], CANARY)).toBe(1);
    expect(await cli(dataDir, ['--env', 'production', 'sync'])).toBe(1);
    expect(await cli(dataDir, ['login', '--env', 'sandbox', '--api-url', 'http://127.0.0.1:9/xml.response', '--api-user', 'leakuser', '--client-ip', '127.0.0.1'], CANARY)).toBe(1);
    expect(await cli(dataDir, ['--env', 'sandbox', 'sync'])).toBe(1);
    expect(await cli(dataDir, ['login', '--env', 'sandbox', '--api-user', 'leakuser', '--client-ip', '127.0.0.1'], LONG_CANARY)).toBe(2);
    expect(await cli(dataDir, ['logout', '--env', 'sandbox'])).toBe(0);
    expect(transcript.join('\n')).toMatch(/client IP 10\.9\.8\.7/); // the error paths really ran
  });

  it('IPC: save, test, sync, list, export and the error paths through the real dispatcher', async () => {
    const dataDir = path.join(root, 'ipc-data');
    const exports = path.join(root, 'ipc-exports');
    fs.mkdirSync(exports, { recursive: true });
    const shell: ShellServices = {
      chooseSavePath: async ({ defaultName }) => path.join(exports, defaultName),
      confirmOverwrite: async () => true,
      openCsrFile: async () => null,
      writeClipboard: async () => {},
      notify: (title, body) => transcript.push(`notify: ${title}: ${body}`),
    };
    const core: AppCore = await createAppCore({
      dataDir,
      secrets,
      shell,
      emit: (channel, payload) => transcript.push(`event ${channel}: ${JSON.stringify(payload)}`),
    });
    const dispatch = createDispatcher(core.handlers, { knownSecrets: () => core.knownSecrets() });
    const call = async (channel: string, argument?: unknown) => {
      const reply = await dispatch(channel, argument);
      transcript.push(`${channel}: ${JSON.stringify(reply)}`);
      return reply;
    };
    try {
      const save = { environment: 'sandbox', baseUrl: simulator.url, apiUser: 'leakuser', userName: 'leakuser', clientIp: '127.0.0.1', rateBudget: BUDGET, apiKey: CANARY };
      expect((await call('environment:save', save)).ok).toBe(true);
      await call('environment:select', { environment: 'sandbox' });
      expect(await call('environment:testConnection', { environment: 'sandbox' })).toMatchObject({ ok: true, value: { ok: true } });
      expect((await call('sync:start')).ok).toBe(true);
      const list = await call('services:list');
      expect(list.ok).toBe(true);
      const services = (list as { value: { services: { certificateId: number; status: string }[] } }).value.services;
      await call('app:getState');
      await call('sync:history');
      const activeService = services.find((item) => item.status === 'active');
      if (activeService !== undefined) {
        await call('services:detail', { certificateId: activeService.certificateId });
        await call('export:certificate', { certificateId: activeService.certificateId, serverType: 'apache' });
      }
      await call('export:report', {});

      // Error paths: a refused IP (test and sync), an over-long key (rejected by validation), signed out.
      await call('environment:save', { ...save, clientIp: '10.9.8.7', apiKey: undefined });
      expect(await call('environment:testConnection', { environment: 'sandbox' })).toMatchObject({ ok: true, value: { ok: false, code: 'ip-not-whitelisted' } });
      expect((await call('environment:save', { ...save, apiKey: LONG_CANARY })).ok).toBe(false);
      expect(await call('sync:start')).toMatchObject({ ok: true, value: { ok: false } });
      await call('environment:logout', { environment: 'sandbox' });
      await call('environment:testConnection', { environment: 'sandbox' });
    } finally {
      await core.dispose();
    }
  });

  it('appears nowhere: data folders, logs, exports (raw and unzipped), output, replies, events', () => {
    const places = haystacks();
    expect(places.some((place) => place.where.endsWith('settings.json'))).toBe(true);
    expect(places.some((place) => place.where.endsWith('report.zip (unzipped)'))).toBe(true);
    expect(places.some((place) => /cache-production\.json$/.test(place.where))).toBe(true);
    const leaks: string[] = [];
    for (const secret of [CANARY, LONG_CANARY]) {
      for (const needle of needles(secret)) {
        for (const place of places) {
          if (place.bytes.includes(needle.bytes)) leaks.push(`${secret.slice(0, 18)}… (${needle.label}) in ${place.where}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // And the canary search itself works: the needle is found where it should be.
    expect(Buffer.from(`x${CANARY}y`).includes(needles(CANARY)[0]?.bytes ?? Buffer.alloc(1))).toBe(true);
  });
});
