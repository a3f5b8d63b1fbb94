import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectEnvironment } from '../../main/environments/connect.ts';
import { stopDemoSimulator } from '../../main/environments/demo-simulator.ts';
import { NotSignedInError } from '../../main/environments/environment-errors.ts';
import { signIn, signOut } from '../../main/environments/sign-in.ts';
import type { SignInRequest } from '../../main/environments/sign-in.ts';
import { testConnection } from '../../main/environments/test-connection.ts';
import { SettingsValidationError } from '../../main/settings/settings-validation-error.ts';
import { openDataStore } from '../../main/store/open-data-store.ts';
import type { DataStore } from '../../main/store/types.ts';
import { startSimulator } from '../../sim/index.ts';
import type { Simulator } from '../../sim/types.ts';
import { testKeychain } from '../helpers/test-keychain.ts';

const { secrets } = testKeychain('env');
const CREDENTIALS = { apiUser: 'reseller1', apiKey: 'right-key-0123456789abcdef', userName: 'reseller1', clientIp: '203.0.113.7' };
const BUDGET = '1000/min,100000/h,1000000/day';

let simulator: Simulator;
let dataDir: string;
let store: DataStore;
const servers: (http.Server | net.Server)[] = [];
const usedUsers = new Set<string>();

beforeAll(async () => {
  simulator = await startSimulator({ count: 12, seed: 3, credentials: CREDENTIALS, rateLimits: false });
});
afterAll(async () => {
  await simulator.close();
  await stopDemoSimulator();
  for (const socket of sockets) socket.destroy();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  for (const environment of ['production', 'sandbox'] as const) {
    for (const user of usedUsers) await secrets.deleteApiKey(environment, user);
  }
});
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wvp-env-'));
  store = openDataStore({ dataDir });
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function signInTo(baseUrl: string, overrides: Partial<typeof CREDENTIALS> = {}, environment: 'production' | 'sandbox' = 'production') {
  const credentials = { ...CREDENTIALS, ...overrides };
  usedUsers.add(credentials.apiUser);
  await signIn(store, secrets, { environment, baseUrl, rateBudget: BUDGET, ...credentials });
}

const sockets = new Set<net.Socket>();

async function listen(server: http.Server | net.Server): Promise<number> {
  servers.push(server);
  // Servers that never answer keep their sockets open; close() would wait for them forever.
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

describe('testConnection against the real simulator', () => {
  it('proves URL, key and IP with one cheap getList call', async () => {
    await signInTo(simulator.url);
    simulator.clearRequestLog();
    const result = await testConnection(store, secrets, 'production');
    expect(result).toEqual({ ok: true, code: 'ok', message: 'Connected to production as reseller1; the account has 12 certificates.' });
    expect(simulator.requestLog.map((entry) => entry.command)).toEqual(['namecheap.ssl.getlist']);
  });

  it('names a wrong key', async () => {
    await signInTo(simulator.url, { apiKey: 'wrong-key-0000000000' });
    const result = await testConnection(store, secrets, 'production');
    expect(result.ok).toBe(false);
    expect(result.code).toBe('bad-credentials');
    expect(result.message).toMatch(/rejected the API key for API user "reseller1"/);
    expect(result.message).toMatch(/1011102/);
    expect(result.message).not.toContain('wrong-key-0000000000');
  });

  it('names the client IP that was sent when it is not whitelisted, and where to whitelist it', async () => {
    await signInTo(simulator.url, { clientIp: '198.51.100.23' });
    const result = await testConnection(store, secrets, 'production');
    expect(result.code).toBe('ip-not-whitelisted');
    expect(result.message).toMatch(/client IP 198\.51\.100\.23 that was sent/);
    expect(result.message).toMatch(/whitelisted IPs on the API access page/);
  });

  it('says when the account is locked after too many bad keys', async () => {
    await signInTo(simulator.url, { apiUser: 'lockme', userName: 'lockme', apiKey: 'bad-key-for-lock-test' });
    const codes: string[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) codes.push((await testConnection(store, secrets, 'production')).code);
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('bad-credentials'));
    const locked = await testConnection(store, secrets, 'production');
    expect(locked.code).toBe('account-locked');
    expect(locked.message).toMatch(/"lockme" is temporarily locked/);
  });

  it('says when nothing listens at the URL (unreachable)', async () => {
    const port = await listen(net.createServer());
    await new Promise((resolve) => servers.pop()?.close(resolve));
    await signInTo(`http://127.0.0.1:${port}/xml.response`);
    const result = await testConnection(store, secrets, 'production');
    expect(result.code).toBe('unreachable');
    expect(result.message).toMatch(new RegExp(`Could not reach 127\\.0\\.0\\.1:${port}`));
  });

  it('says when the URL answers but is not a Wvphost endpoint (an HTML page)', async () => {
    const port = await listen(
      http.createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<!doctype html><html><body><h1>Welcome to our website</h1></body></html>');
      }),
    );
    const url = `http://127.0.0.1:${port}/xml.response`;
    await signInTo(url);
    const result = await testConnection(store, secrets, 'production');
    expect(result.code).toBe('not-wvphost-endpoint');
    expect(result.message).toContain(`${url} answered, but it is not a Wvphost API endpoint`);
  });

  it('says when the answer is damaged Wvphost XML (garbage), apart from a wrong URL', async () => {
    const port = await listen(
      http.createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end('<?xml version="1.0"?><ApiResponse Status="OK" xmlns="http://api.namecheap.com/xml.response"><Errors/><CommandRes');
      }),
    );
    const url = `http://127.0.0.1:${port}/xml.response`;
    await signInTo(url);
    const result = await testConnection(store, secrets, 'production');
    expect(result.code).toBe('malformed-response');
    expect(result.message).toContain(`${url} answered, but its answer could not be read as a Wvphost response`);
    expect(result.message).not.toMatch(/not a Wvphost API endpoint/);
  });

  it('says when the TLS certificate is not accepted (self-signed https server)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wvp-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
      const port = await listen(
        https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (_request, response) => {
          response.end('<ApiResponse Status="OK"><Server>X</Server></ApiResponse>');
        }),
      );
      await signInTo(`https://127.0.0.1:${port}/xml.response`);
      const result = await testConnection(store, secrets, 'production');
      expect(result.code).toBe('tls');
      expect(result.message).toMatch(/secure connection to 127\.0\.0\.1:\d+ failed/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says when the server does not answer in time', async () => {
    const port = await listen(net.createServer(() => {})); // accepts, never answers
    await signInTo(`http://127.0.0.1:${port}/xml.response`);
    const result = await testConnection(store, secrets, 'production', { timeoutMs: 300 });
    expect(result.code).toBe('timeout');
    expect(result.message).toMatch(/did not answer in time/);
  });

  it('asks to sign in first when there is no API user or no saved key', async () => {
    const neverSignedIn = await testConnection(store, secrets, 'sandbox');
    expect(neverSignedIn).toMatchObject({ ok: false, code: 'not-signed-in' });
    expect(neverSignedIn.message).toMatch(/No API user is set for sandbox; sign in first/);

    await signInTo(simulator.url, {}, 'sandbox');
    await signOut(store, secrets, 'sandbox');
    const noKey = await testConnection(store, secrets, 'sandbox');
    expect(noKey.code).toBe('not-signed-in');
    expect(noKey.message).toMatch(/^No API key saved for sandbox; sign in first/);
    await expect(connectEnvironment(store, secrets, 'sandbox')).rejects.toBeInstanceOf(NotSignedInError);
  });

  it('connects the demo environment to the embedded simulator without any key', async () => {
    const result = await testConnection(store, secrets, 'demo');
    expect(result).toEqual({ ok: true, code: 'ok', message: 'Connected to demo as wvpdemo; the account has 150 certificates.' });
    const first = await connectEnvironment(store, secrets, 'demo');
    const second = await connectEnvironment(store, secrets, 'demo');
    expect(second.baseUrl).toBe(first.baseUrl); // one simulator per process, reused
    expect(first.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/xml\.response$/);
  });
});

describe('sign-in and sign-out', () => {
  it('saves settings and key together, and nothing at all when a field is bad', async () => {
    const settingsBefore = store.settings.get();
    for (const [field, bad] of [
      ['apiUser', { apiUser: 'a'.repeat(21) }],
      ['userName', { userName: '' }],
      ['clientIp', { clientIp: '300.1.2.3' }],
      ['baseUrl', { baseUrl: 'file:///etc/passwd' }],
      ['rateBudget', { rateBudget: '20 per minute' }],
      ['apiKey', { apiKey: 'k'.repeat(51) }],
    ] as const) {
      const base: SignInRequest = { environment: 'sandbox', ...CREDENTIALS, apiUser: 'reseller2', userName: 'reseller2', baseUrl: simulator.url };
      const attempt = signIn(store, secrets, { ...base, ...(bad as Partial<SignInRequest>) });
      const error = await attempt.then(() => null, (caught: unknown) => caught);
      expect(error, field).toBeInstanceOf(SettingsValidationError);
      expect((error as SettingsValidationError).field).toBe(field);
      expect(store.settings.get()).toEqual(settingsBefore);
      expect(openDataStore({ dataDir }).settings.get()).toEqual(settingsBefore);
      expect(await secrets.getApiKey('sandbox', 'reseller2')).toBeNull();
      expect(await secrets.getApiKey('sandbox', 'a'.repeat(21))).toBeNull();
    }
  });

  it('signs in, becomes the active environment, survives a restart, and signs out keeping the settings', async () => {
    await signInTo(simulator.url, {}, 'sandbox');
    const reopened = openDataStore({ dataDir });
    expect(reopened.settings.get().activeEnvironment).toBe('sandbox');
    expect(reopened.settings.get().environments.sandbox).toEqual({
      baseUrl: simulator.url,
      apiUser: 'reseller1',
      userName: 'reseller1',
      clientIp: '203.0.113.7',
      rateBudget: { perMinute: 1000, perHour: 100000, perDay: 1000000 },
    });
    expect(await secrets.getApiKey('sandbox', 'reseller1')).toBe(CREDENTIALS.apiKey);
    expect(await signOut(reopened, secrets, 'sandbox')).toBe(true);
    expect(await secrets.getApiKey('sandbox', 'reseller1')).toBeNull();
    expect(reopened.settings.get().environments.sandbox.apiUser).toBe('reseller1');
  });

  it('keeps the saved key when none is given, and removes the old user\'s key when the API user changes', async () => {
    await signInTo(simulator.url, {}, 'production');
    await signIn(store, secrets, { environment: 'production', apiUser: 'reseller1', clientIp: '203.0.113.8' });
    expect(store.settings.get().environments.production.clientIp).toBe('203.0.113.8');
    expect(await secrets.getApiKey('production', 'reseller1')).toBe(CREDENTIALS.apiKey);

    await expect(signIn(store, secrets, { environment: 'production', apiUser: 'reseller2' })).rejects.toThrow(/apiKey is required/);
    usedUsers.add('reseller2');
    await signIn(store, secrets, { environment: 'production', apiUser: 'reseller2', apiKey: 'second-user-key' });
    expect(store.settings.get().environments.production).toMatchObject({ apiUser: 'reseller2', userName: 'reseller2' });
    expect(await secrets.getApiKey('production', 'reseller2')).toBe('second-user-key');
    expect(await secrets.getApiKey('production', 'reseller1')).toBeNull();
  });
});
