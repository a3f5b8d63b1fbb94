import type { EnvironmentId, RateBudget } from '../domain/service.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { DataStore } from '../store/types.ts';
import { WvphostClient } from '../wvphost/client.ts';
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
  if (environment === 'demo') {
    const simulator = await demoSimulator();
    const api = new WvphostClient({
      baseUrl: simulator.url,
      credentials: DEMO_CREDENTIALS,
      limiter: sharedRateLimiter(rateLimiterKey('demo', DEMO_CREDENTIALS.apiUser), DEMO_RATE_BUDGET),
      ...clientTuning(options),
    });
    return {
      environment,
      api,
      apiUser: DEMO_CREDENTIALS.apiUser,
      clientIp: DEMO_CREDENTIALS.clientIp,
      rateBudget: DEMO_RATE_BUDGET,
      baseUrl: simulator.url,
      close: async () => {},
    };
  }
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
  const api = new WvphostClient({
    baseUrl: settings.baseUrl,
    credentials: { apiUser: settings.apiUser, apiKey, userName: settings.userName || settings.apiUser, clientIp: settings.clientIp },
    limiter: sharedRateLimiter(rateLimiterKey(environment, settings.apiUser), settings.rateBudget),
    ...clientTuning(options),
  });
  return {
    environment,
    api,
    apiUser: settings.apiUser,
    clientIp: settings.clientIp,
    rateBudget: settings.rateBudget,
    baseUrl: settings.baseUrl,
    close: async () => {},
  };
}

function clientTuning(options: ConnectOptions): { timeoutMs?: number; maxRetries?: number } {
  return {
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  };
}
