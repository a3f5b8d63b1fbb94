/**
 * The `AppState` the renderer starts from: settings (without window bounds), environments, sync status.
 *
 * Built from the store and the keychain each time it is asked for, so it is never stale; it holds
 * whether a key exists, never the key.
 */
import type { AppState, EnvironmentSummary, SyncStatus } from '../../preload/api.ts';
import type { EnvironmentId } from '../domain/service.ts';
import { DEMO_RATE_BUDGET } from '../environments/demo-simulator.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { ConfigurableEnvironmentId } from '../settings/types.ts';
import type { DataStore } from '../store/types.ts';
import { DEMO_CREDENTIALS } from '../../sim/types.ts';

/** Shown as the Demo environment's URL before its local simulator has started. */
export const DEMO_BASE_URL_PLACEHOLDER = 'http://127.0.0.1 (built-in simulator)';

export interface AppStateInputs {
  readonly store: DataStore;
  readonly secrets: SecretStore;
  readonly appVersion: string;
  /** The running demo simulator's URL, when it runs. */
  readonly demoBaseUrl: string | null;
  readonly syncRunning: boolean;
  readonly nextScheduledAt: string | null;
}

function keychainFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'KeychainUnavailableError') return error.message;
  throw error;
}

export async function buildAppState(inputs: AppStateInputs): Promise<AppState> {
  const { store, secrets } = inputs;
  const { window: _window, ...settings } = store.settings.get();
  let keychainMessage: string | null = null;

  const summaries: EnvironmentSummary[] = [];
  for (const id of ['production', 'sandbox'] as const satisfies readonly ConfigurableEnvironmentId[]) {
    const environment = settings.environments[id];
    let hasApiKey = false;
    if (environment.apiUser !== '' && keychainMessage === null) {
      try {
        hasApiKey = (await secrets.getApiKey(id, environment.apiUser)) !== null;
      } catch (error) {
        keychainMessage = keychainFailure(error);
      }
    }
    summaries.push({
      id,
      baseUrl: environment.baseUrl,
      apiUser: environment.apiUser,
      userName: environment.userName,
      clientIp: environment.clientIp,
      rateBudget: environment.rateBudget,
      hasApiKey,
    });
  }
  if (keychainMessage === null && summaries.every((summary) => summary.apiUser === '')) {
    // Nobody signed in yet: ask the keychain anyway, so the sign-in form can warn before the user types a key.
    try {
      await secrets.getApiKey('production', '__wvphost-admin-probe__');
    } catch (error) {
      keychainMessage = keychainFailure(error);
    }
  }
  summaries.push({
    id: 'demo',
    baseUrl: inputs.demoBaseUrl ?? DEMO_BASE_URL_PLACEHOLDER,
    apiUser: DEMO_CREDENTIALS.apiUser,
    userName: DEMO_CREDENTIALS.userName,
    clientIp: DEMO_CREDENTIALS.clientIp,
    rateBudget: DEMO_RATE_BUDGET,
    hasApiKey: true,
  });

  return {
    settings,
    environments: summaries,
    activeEnvironment: settings.activeEnvironment,
    keychainAvailable: keychainMessage === null,
    keychainMessage,
    sync: syncStatus(store, settings.activeEnvironment, inputs.syncRunning, inputs.nextScheduledAt),
    appVersion: inputs.appVersion,
  };
}

function syncStatus(store: DataStore, environment: EnvironmentId | null, running: boolean, nextScheduledAt: string | null): SyncStatus {
  if (environment === null) return { running, lastAttempt: null, lastSuccessfulSyncAt: null, nextScheduledAt };
  return {
    running,
    lastAttempt: store.history.syncHistory(environment)[0] ?? null,
    lastSuccessfulSyncAt: store.cache.read(environment).lastSuccessfulSyncAt,
    nextScheduledAt,
  };
}
