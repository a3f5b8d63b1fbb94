/**
 * A keychain service name of the test's own in the real Secret Service (gnome-keyring).
 */
import crypto from 'node:crypto';
import { KEYCHAIN_SERVICE_ENV, KeytarSecretStore } from '../../main/secrets/keytar-secret-store.ts';

export interface TestKeychain {
  readonly service: string;
  readonly secrets: KeytarSecretStore;
}

/**
 * A unique service for this test file, so files running in parallel never see each other's keys.
 *
 * `shareWithCli` also puts the name in the environment variable the CLI (and anything else that
 * builds its own KeytarSecretStore) reads, so they use the same service as the test.
 */
export function testKeychain(area: string, options: { readonly shareWithCli?: boolean } = {}): TestKeychain {
  const service = `wvphost-admin-test-${area}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  if (options.shareWithCli === true) process.env[KEYCHAIN_SERVICE_ENV] = service;
  return { service, secrets: new KeytarSecretStore({ service }) };
}
