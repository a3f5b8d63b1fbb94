import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDataStore } from '../../main/store/open-data-store.ts';
import { startSimulator } from '../../sim/index.ts';
import type { Simulator } from '../../sim/types.ts';
import { runCliCaptured, type CliRun } from '../helpers/cli-run.ts';
import { testKeychain } from '../helpers/test-keychain.ts';

// The CLI builds its own keychain store; sharing gives it our test service name.
const { secrets } = testKeychain('login', { shareWithCli: true });
const here = path.dirname(fileURLToPath(import.meta.url));
const CREDENTIALS = { apiUser: 'reseller1', apiKey: 'cli-key-0123456789abcdef', userName: 'reseller1', clientIp: '203.0.113.7' };

let simulator: Simulator;
let dataDir: string;

beforeAll(async () => {
  simulator = await startSimulator({ count: 4, seed: 5, credentials: CREDENTIALS, rateLimits: false });
});
async function forgetKeys(): Promise<void> {
  for (const environment of ['production', 'sandbox'] as const) {
    for (const user of ['reseller1', 'u'.repeat(21)]) await secrets.deleteApiKey(environment, user);
  }
}
afterAll(async () => {
  await simulator.close();
  await forgetKeys();
});
beforeEach(async () => {
  await forgetKeys();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wvp-login-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function cli(args: readonly string[], stdin = ''): Promise<CliRun> {
  return runCliCaptured(['--data-dir', dataDir, ...args], stdin);
}

const loginArgs = (environment = 'production') => [
  'login', '--env', environment, '--api-url', simulator.url, '--api-user', 'reseller1', '--client-ip', '203.0.113.7', '--rate-limit', '1000/min,100000/h,1000000/day',
];

describe('wvphost-admin login / logout', () => {
  it('reads the key from stdin, saves settings and key, and tests the connection', async () => {
    const result = await cli(loginArgs(), `${CREDENTIALS.apiKey}\n`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Signed in to production as reseller1 \(.*client IP 203\.0\.113\.7, budget 1000\/min,100000\/h,1000000\/day\)/);
    expect(result.stdout).toMatch(/Connection test: Connected to production as reseller1; the account has 4 certificates\./);
    expect(result.stdout).not.toContain(CREDENTIALS.apiKey);
    expect(await secrets.getApiKey('production', 'reseller1')).toBe(CREDENTIALS.apiKey);
    const settings = openDataStore({ dataDir }).settings.get();
    expect(settings.activeEnvironment).toBe('production');
    expect(settings.environments.production).toMatchObject({ baseUrl: simulator.url, apiUser: 'reseller1', userName: 'reseller1' });
  });

  it('prints JSON with --json', async () => {
    const result = await cli(['--json', ...loginArgs('sandbox')], CREDENTIALS.apiKey);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      environment: 'sandbox',
      apiUser: 'reseller1',
      connection: { ok: true, code: 'ok', message: 'Connected to sandbox as reseller1; the account has 4 certificates.' },
    });
  });

  it('keeps the key but exits 1 with the reason when the connection test fails', async () => {
    const result = await cli(loginArgs(), 'not-the-right-key');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/saved, but the connection test failed: Wvphost rejected the API key/);
    expect(result.stderr).not.toContain('not-the-right-key');
    expect(await secrets.getApiKey('production', 'reseller1')).toBe('not-the-right-key');
  });

  it.each([
    ['an empty key', () => loginArgs(), '\n', /No API key was given on stdin/],
    ['a key on several lines', () => loginArgs(), 'one\ntwo\n', /alone on one line/],
    ['a bad client IP', () => [...loginArgs(), '--client-ip', '10.0.0'], 'some-key', /Nothing was saved: clientIp "10\.0\.0" is not an IPv4 address/],
    ['an over-long API user', () => ['login', '--env', 'production', '--api-user', 'u'.repeat(21), '--client-ip', '203.0.113.7'], 'some-key', /Nothing was saved: apiUser is too long/],
    ['a URL that is not http(s)', () => [...loginArgs(), '--api-url', 'ftp://example.com/xml.response'], 'some-key', /Nothing was saved: baseUrl must start with https:\/\/ or http:\/\//],
    ['a rate budget that does not parse', () => [...loginArgs(), '--rate-limit', '20 a minute'], 'some-key', /Nothing was saved: rateBudget is not a rate budget/],
    ['no --api-user', () => ['login', '--env', 'production'], 'some-key', /needs --api-user/],
    ['no --env', () => ['login', '--api-user', 'reseller1'], 'some-key', /login needs --env production\|sandbox\|demo/],
  ] as const)('refuses %s with exit 2 and saves nothing', async (_label, args, stdin, message) => {
    const result = await cli(args(), stdin);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await secrets.getApiKey('production', 'reseller1')).toBeNull();
    expect(await secrets.getApiKey('production', 'u'.repeat(21))).toBeNull();
    expect(openDataStore({ dataDir }).settings.get().environments.production.apiUser).toBe('');
  });

  it('logs out: removes the key, keeps the settings', async () => {
    expect((await cli(loginArgs('sandbox'), CREDENTIALS.apiKey)).code).toBe(0);
    const out = await cli(['logout', '--env', 'sandbox']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Signed out of sandbox: the API key was removed from the OS keychain/);
    expect(await secrets.getApiKey('sandbox', 'reseller1')).toBeNull();
    expect(openDataStore({ dataDir }).settings.get().environments.sandbox.apiUser).toBe('reseller1');
    const again = await cli(['logout', '--env', 'sandbox']);
    expect(again.stdout).toMatch(/No API key was saved for sandbox/);
  });

  it('selects demo without asking for a key', async () => {
    const result = await cli(['login', '--env', 'demo']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Demo selected/);
    expect(result.stdout).toMatch(/the account has 150 certificates/);
    expect(openDataStore({ dataDir }).settings.get().activeEnvironment).toBe('demo');
  });

  it('works end to end through the real bin with the key piped on stdin', async () => {
    const bin = path.resolve(here, '../../bin/wvphost-admin.js');
    const child = spawn(process.execPath, [bin, '--data-dir', dataDir, ...loginArgs()], { stdio: ['pipe', 'pipe', 'pipe'], env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(`${CREDENTIALS.apiKey}\r\n`);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Signed in to production as reseller1/);
    expect(await secrets.getApiKey('production', 'reseller1')).toBe(CREDENTIALS.apiKey);
  });
});
