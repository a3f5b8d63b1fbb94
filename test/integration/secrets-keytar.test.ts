import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE_ENV, KeychainUnavailableError, KeytarSecretStore } from '../../main/secrets/keytar-secret-store.ts';
import { testKeychain } from '../helpers/test-keychain.ts';

/** Real gnome-keyring (scripts/with-keyring.sh); a service name of our own keeps runs apart. */
const { service, secrets } = testKeychain('secrets');
const here = path.dirname(fileURLToPath(import.meta.url));

afterAll(async () => {
  for (const environment of ['production', 'sandbox', 'demo'] as const) {
    for (const user of ['reseller1', 'reseller2']) await secrets.deleteApiKey(environment, user);
  }
});

describe('KeytarSecretStore against the real Secret Service', () => {
  it('files keys under the service name and the account "<env>:<apiUser>"', () => {
    const previous = process.env[KEYCHAIN_SERVICE_ENV];
    delete process.env[KEYCHAIN_SERVICE_ENV];
    expect(new KeytarSecretStore().service).toBe('wvphost-admin');
    process.env[KEYCHAIN_SERVICE_ENV] = 'wvphost-admin-scripted';
    expect(new KeytarSecretStore().service).toBe('wvphost-admin-scripted');
    if (previous === undefined) delete process.env[KEYCHAIN_SERVICE_ENV];
    else process.env[KEYCHAIN_SERVICE_ENV] = previous;
    expect(KeytarSecretStore.accountName('production', 'reseller1')).toBe('production:reseller1');
  });

  it('round-trips a key, replaces it, and removes it on logout', async () => {
    expect(await secrets.getApiKey('production', 'reseller1')).toBeNull();
    await secrets.setApiKey('production', 'reseller1', 'first-key-0123456789');
    expect(await secrets.getApiKey('production', 'reseller1')).toBe('first-key-0123456789');
    await secrets.setApiKey('production', 'reseller1', 'second-key-9876543210');
    expect(await secrets.getApiKey('production', 'reseller1')).toBe('second-key-9876543210');
    expect(await secrets.deleteApiKey('production', 'reseller1')).toBe(true);
    expect(await secrets.getApiKey('production', 'reseller1')).toBeNull();
    expect(await secrets.deleteApiKey('production', 'reseller1')).toBe(false);
  });

  it('keeps a separate key per environment and per API user', async () => {
    await secrets.setApiKey('production', 'reseller1', 'prod-key');
    await secrets.setApiKey('sandbox', 'reseller1', 'sandbox-key');
    await secrets.setApiKey('sandbox', 'reseller2', 'other-user-key');
    await secrets.deleteApiKey('production', 'reseller1');
    expect(await secrets.getApiKey('production', 'reseller1')).toBeNull();
    expect(await secrets.getApiKey('sandbox', 'reseller1')).toBe('sandbox-key');
    expect(await secrets.getApiKey('sandbox', 'reseller2')).toBe('other-user-key');
    // Another service name (another install, or the real app) sees none of them.
    expect(await new KeytarSecretStore({ service: `${service}-other` }).getApiKey('sandbox', 'reseller1')).toBeNull();
  });

  it('keeps keys with unusual characters exactly', async () => {
    const key = 'äö€-"quoted"\\back/slash 0123';
    await secrets.setApiKey('demo', 'reseller1', key);
    expect(await secrets.getApiKey('demo', 'reseller1')).toBe(key);
  });

  it('refuses to save an empty key', async () => {
    await expect(secrets.setApiKey('sandbox', 'reseller2', '')).rejects.toThrow(/empty API key/);
  });

  it('says plainly how to fix it when no Secret Service is reachable (no plaintext fallback)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wvp-nokeychain-'));
    const script = path.join(dir, 'probe.mts');
    const modulePath = path.resolve(here, '../../main/secrets/keytar-secret-store.ts');
    fs.writeFileSync(
      script,
      `import { KeytarSecretStore, KeychainUnavailableError } from ${JSON.stringify(modulePath)};
const store = new KeytarSecretStore({ service: ${JSON.stringify(service)} });
const results = [];
for (const attempt of [() => store.getApiKey('production', 'reseller1'), () => store.setApiKey('production', 'reseller1', 'never-stored-key'), () => store.deleteApiKey('production', 'reseller1')]) {
  try { await attempt(); results.push({ ok: true }); }
  catch (error) { results.push({ ok: false, name: error.name, isClass: error instanceof KeychainUnavailableError, message: error.message }); }
}
process.stdout.write(JSON.stringify(results));
`,
    );
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/wvphost-bus' };
      delete env['DISPLAY'];
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('error', reject);
        child.on('exit', () => resolve(stdout));
      });
      const results = JSON.parse(output) as { ok: boolean; name?: string; isClass?: boolean; message?: string }[];
      expect(results).toHaveLength(3);
      for (const result of results) {
        expect(result.ok).toBe(false);
        expect(result.name).toBe('KeychainUnavailableError');
        expect(result.isClass).toBe(true);
        expect(result.message).toMatch(/^The OS keychain is not available/);
        expect(result.message).toMatch(/apt-get install gnome-keyring/);
        expect(result.message).toMatch(/dbus-run-session/);
        expect(result.message).not.toContain('never-stored-key');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Nothing was written anywhere else in the meantime: the real keychain has no such key.
    expect(await secrets.getApiKey('production', 'reseller1')).toBeNull();
  });

  it('gives macOS and Windows users their own instructions', () => {
    expect(new KeychainUnavailableError('x', undefined, 'darwin').message).toMatch(/Keychain Access/);
    expect(new KeychainUnavailableError('x', undefined, 'win32').message).toMatch(/Credential Manager/);
    expect(new KeychainUnavailableError('Cannot create an item in a locked collection', undefined, 'linux').message).toMatch(/Unlock your login keyring/);
  });
});
