import type { EnvironmentId, RateBudget } from '../domain/service.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { ConfigurableEnvironmentId } from '../settings/types.ts';
import type { DataStore } from '../store/types.ts';
import { WvphostClient, type WvphostCredentials } from '../wvphost/client.ts';
import { rateLimiterKey, sharedRateLimiter } from '../wvphost/rate-limiter.ts';
import type { WvphostApi } from '../wvphost/types.ts';
import { DEMO_CREDENTIALS } from '../../sim/types.ts';
import { DEMO_RATE_BUDGET, demoSimulator } from './demo-simulator.ts';
import { NotSignedInError } from './environment-errors.ts';

/** A ready-to-use API client for one environment, with what the caller needs to show about it. */
export interface Connection {
  readonly environment: EnvironmentId;
  readonly api: WvphostApi;
  readonly apiUser: string;
  /** The ClientIp sent with every request (shown when Wvphost refuses it). */
  readonly clientIp: string;
  readonly rateBudget: RateBudget;
  readonly baseUrl: string;
  /** Releases what the connection holds; the shared demo simulator keeps running. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Per HTTP attempt; the connection test uses a short one. */
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
}

/**
 * Resolves an environment to a connected client: settings from the store, API key from the keychain.
 *
 * Demo needs neither: it starts (once per process) the embedded simulator with the fixed demo
 * credentials. Throws `NotSignedInError` when production/sandbox has no API user or no saved key,
 * and `KeychainUnavailableError` when the keychain cannot be asked.
 */
export async function connectEnvironment(
  store: DataStore,
  secrets: SecretStore,
  environment: EnvironmentId,
  options: ConnectOptions = {},
): Promise<Connection> {
  const target = environment === 'demo' ? await demoTarget() : await savedTarget(store, secrets, environment);
  const api = new WvphostClient({
    baseUrl: target.baseUrl,
    credentials: target.credentials,
    limiter: sharedRateLimiter(rateLimiterKey(environment, target.credentials.apiUser), target.rateBudget),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  return {
    environment,
    api,
    apiUser: target.credentials.apiUser,
    clientIp: target.credentials.clientIp,
    rateBudget: target.rateBudget,
    baseUrl: target.baseUrl,
    close: async () => {},
  };
}

/** Where and as whom a connection talks to Wvphost. */
interface Target {
  readonly baseUrl: string;
  readonly credentials: WvphostCredentials;
  readonly rateBudget: RateBudget;
}

/** Demo: the in-process simulator (started once per process) with its fixed credentials. */
async function demoTarget(): Promise<Target> {
  const simulator = await demoSimulator();
  return { baseUrl: simulator.url, credentials: DEMO_CREDENTIALS, rateBudget: DEMO_RATE_BUDGET };
}

/** Production/sandbox: the saved settings and the API key from the keychain. */
async function savedTarget(
  store: DataStore,
  secrets: SecretStore,
  environment: ConfigurableEnvironmentId,
): Promise<Target> {
  const settings = store.settings.get().environments[environment];
  if (settings.apiUser === '') {
    throw new NotSignedInError(
      environment,
      `No API user is set for ${environment}; sign in first (in the app, or: wvphost-admin login --env ${environment} --api-user <user>).`,
    );
  }
  const apiKey = await secrets.getApiKey(environment, settings.apiUser);
  if (apiKey === null || apiKey === '') {
    throw new NotSignedInError(
      environment,
      `No API key saved for ${environment}; sign in first (in the app, or: wvphost-admin login --env ${environment} --api-user ${settings.apiUser}).`,
    );
  }
  return {
    baseUrl: settings.baseUrl,
    credentials: { apiUser: settings.apiUser, apiKey, userName: settings.userName || settings.apiUser, clientIp: settings.clientIp },
    rateBudget: settings.rateBudget,
  };
}
