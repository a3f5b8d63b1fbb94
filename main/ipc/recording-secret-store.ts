/**
 * A SecretStore wrapper that remembers every key it handed out or stored.
 *
 * The dispatcher scrubs these from error messages: whatever library fails with whatever text,
 * a key the core has touched cannot reach the renderer verbatim.
 */
import type { SecretStore } from '../secrets/secret-store.ts';

export function recordingSecretStore(inner: SecretStore, seen: Set<string>): SecretStore {
  return {
    async getApiKey(environment, apiUser) {
      const key = await inner.getApiKey(environment, apiUser);
      if (key !== null && key !== '') seen.add(key);
      return key;
    },
    async setApiKey(environment, apiUser, apiKey) {
      seen.add(apiKey);
      await inner.setApiKey(environment, apiUser, apiKey);
    },
    deleteApiKey(environment, apiUser) {
      return inner.deleteApiKey(environment, apiUser);
    },
  };
}
