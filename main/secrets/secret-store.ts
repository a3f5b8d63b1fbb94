import type { EnvironmentId } from '../domain/service.ts';

/**
 * Where API keys live: the OS keychain (keytar) in the app, the CLI and the tests.
 *
 * One small interface so the rest of the core never touches keytar directly. There is no
 * plaintext fallback: an implementation that cannot reach a keychain throws `KeychainUnavailableError`.
 */
export interface SecretStore {
  getApiKey(environment: EnvironmentId, apiUser: string): Promise<string | null>;
  setApiKey(environment: EnvironmentId, apiUser: string, apiKey: string): Promise<void>;
  /** Returns whether a key was removed. */
  deleteApiKey(environment: EnvironmentId, apiUser: string): Promise<boolean>;
}
