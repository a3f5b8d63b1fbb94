import type { EnvironmentId } from '../domain/service.ts';
import type { SecretStore } from './secret-store.ts';
import { KeychainUnavailableError, isKeychainUnavailable } from './keychain-unavailable-error.ts';

export { KeychainUnavailableError } from './keychain-unavailable-error.ts';

/** The keychain service name the app files its API keys under (README "Where the API key lives"). */
export const DEFAULT_KEYCHAIN_SERVICE = 'wvphost-admin';

/**
 * Environment variable that changes the default keychain service name (a name, not a secret).
 *
 * Lets tests and scripted runs of the CLI keep their keys apart from the user's real ones,
 * whichever part of the core builds the store; unset, the service is `wvphost-admin`.
 */
export const KEYCHAIN_SERVICE_ENV = 'WVPHOST_ADMIN_KEYCHAIN_SERVICE';

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

let keytarPromise: Promise<KeytarModule> | null = null;

/**
 * Loads keytar once, lazily.
 *
 * Lazily so that a machine whose native module cannot load (missing libsecret) still runs the
 * parts of the app that need no key, and reports a plain KeychainUnavailableError when one is needed.
 */
function loadKeytar(): Promise<KeytarModule> {
  keytarPromise ??= import('keytar').then(
    (module) => ((module as { default?: KeytarModule }).default ?? (module as unknown as KeytarModule)),
    (error: unknown) => {
      keytarPromise = null;
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new KeychainUnavailableError(`the keychain library could not be loaded: ${detail}`, error);
    },
  );
  return keytarPromise;
}

/**
 * API keys in the OS keychain through keytar: macOS Keychain, Windows Credential Manager, Secret Service on Linux.
 *
 * Service `wvphost-admin` (overridable so tests use their own), account `<environment>:<apiUser>`,
 * so the same API user in sandbox and production keeps two keys. There is deliberately no
 * plaintext fallback: an unreachable keychain is a `KeychainUnavailableError` with the fix.
 */
export class KeytarSecretStore implements SecretStore {
  readonly service: string;

  constructor(options: { readonly service?: string } = {}) {
    const fromEnvironment = process.env[KEYCHAIN_SERVICE_ENV];
    this.service = options.service ?? (fromEnvironment !== undefined && fromEnvironment !== '' ? fromEnvironment : DEFAULT_KEYCHAIN_SERVICE);
  }

  /** The keychain account name for an environment's API user. */
  static accountName(environment: EnvironmentId, apiUser: string): string {
    return `${environment}:${apiUser}`;
  }

  async getApiKey(environment: EnvironmentId, apiUser: string): Promise<string | null> {
    const keytar = await loadKeytar();
    return this.call(() => keytar.getPassword(this.service, KeytarSecretStore.accountName(environment, apiUser)));
  }

  async setApiKey(environment: EnvironmentId, apiUser: string, apiKey: string): Promise<void> {
    if (apiKey.length === 0) throw new Error('Refusing to save an empty API key.');
    const keytar = await loadKeytar();
    await this.call(() => keytar.setPassword(this.service, KeytarSecretStore.accountName(environment, apiUser), apiKey));
  }

  async deleteApiKey(environment: EnvironmentId, apiUser: string): Promise<boolean> {
    const keytar = await loadKeytar();
    return this.call(() => keytar.deletePassword(this.service, KeytarSecretStore.accountName(environment, apiUser)));
  }

  /** Translates "no keychain" failures; keytar's messages never contain the password. */
  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (isKeychainUnavailable(error)) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new KeychainUnavailableError(detail, error);
      }
      throw error;
    }
  }
}
