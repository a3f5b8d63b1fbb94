import type { RateBudget } from '../domain/service.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { parseRateBudget } from '../settings/rate-budget.ts';
import type { ConfigurableEnvironmentId, EnvironmentSettings } from '../settings/types.ts';
import { validateApiKey, validateEnvironmentSettings } from '../settings/validate-settings.ts';
import { SettingsValidationError } from '../settings/settings-validation-error.ts';
import type { DataStore } from '../store/types.ts';

export interface SignInRequest {
  readonly environment: ConfigurableEnvironmentId;
  readonly apiUser: string;
  /** Default: the saved one, else apiUser (Wvphost's usual setup). */
  readonly userName?: string;
  /** Default: the saved one (the default URL for a first sign-in). */
  readonly baseUrl?: string;
  /** Default: the saved one. */
  readonly clientIp?: string;
  /** `20/min,700/h,8000/day` or numbers; default: the saved one. */
  readonly rateBudget?: string | RateBudget;
  /** Omitted: keep the key already in the keychain for this API user (there must be one). */
  readonly apiKey?: string;
}

/**
 * Saves an environment's settings and API key (sign-in), all or nothing.
 *
 * Every field is validated before anything is written, so a bad field leaves both the settings
 * and the keychain as they were. The key goes to the keychain first: if the keychain refuses,
 * the settings are not changed either. Signing in as another API user removes the previous
 * user's key, so no orphaned key stays behind in the keychain. Returns the saved settings.
 */
export async function signIn(store: DataStore, secrets: SecretStore, request: SignInRequest): Promise<EnvironmentSettings> {
  const current = store.settings.get();
  const saved = current.environments[request.environment];
  const apiUser = request.apiUser.trim();
  const candidate = {
    baseUrl: (request.baseUrl ?? saved.baseUrl).trim(),
    apiUser,
    userName: (request.userName ?? (saved.apiUser === apiUser && saved.userName !== '' ? saved.userName : apiUser)).trim(),
    clientIp: (request.clientIp ?? saved.clientIp).trim(),
    rateBudget:
      request.rateBudget === undefined
        ? saved.rateBudget
        : typeof request.rateBudget === 'string'
          ? parseRateBudget(request.rateBudget)
          : request.rateBudget,
  };
  const settings = validateEnvironmentSettings(candidate);
  const apiKey = request.apiKey === undefined ? undefined : validateApiKey(request.apiKey);

  if (apiKey === undefined) {
    const existing = await secrets.getApiKey(request.environment, settings.apiUser);
    if (existing === null) {
      throw new SettingsValidationError('apiKey', `apiKey is required: no API key is saved for ${request.environment} user "${settings.apiUser}".`);
    }
  } else {
    await secrets.setApiKey(request.environment, settings.apiUser, apiKey);
  }
  if (saved.apiUser !== '' && saved.apiUser !== settings.apiUser) {
    await secrets.deleteApiKey(request.environment, saved.apiUser);
  }
  store.settings.update({
    environments: { ...current.environments, [request.environment]: settings },
    ...(current.activeEnvironment === null ? { activeEnvironment: request.environment } : {}),
  });
  return settings;
}

/**
 * Removes an environment's API key from the keychain (sign-out). Returns whether one was removed.
 *
 * The non-secret settings (URL, API user, client IP, budget) stay, so signing in again only
 * needs the key; the cache stays too, for offline review.
 */
export async function signOut(store: DataStore, secrets: SecretStore, environment: ConfigurableEnvironmentId): Promise<boolean> {
  const saved = store.settings.get().environments[environment];
  if (saved.apiUser === '') return false;
  return secrets.deleteApiKey(environment, saved.apiUser);
}
