import { DEFAULT_RATE_BUDGET } from '../domain/service.ts';
import type { ConfigurableEnvironmentId, EnvironmentSettings, Settings } from './types.ts';

/**
 * Wvphost's production endpoint.
 *
 * An assumption (Wvphost publishes it to resellers with their API access); the user can edit it.
 */
export const DEFAULT_PRODUCTION_URL = 'https://api.wvphost.com/xml.response';
/** Wvphost's sandbox endpoint (separate accounts); editable like production. */
export const DEFAULT_SANDBOX_URL = 'https://api.sandbox.wvphost.com/xml.response';

export const DEFAULT_BASE_URLS: Readonly<Record<ConfigurableEnvironmentId, string>> = {
  production: DEFAULT_PRODUCTION_URL,
  sandbox: DEFAULT_SANDBOX_URL,
};

/** An environment nobody signed in to yet: empty credentials, the default URL and budget. */
export function defaultEnvironmentSettings(environment: ConfigurableEnvironmentId): EnvironmentSettings {
  return { baseUrl: DEFAULT_BASE_URLS[environment], apiUser: '', userName: '', clientIp: '', rateBudget: DEFAULT_RATE_BUDGET };
}

export const DEFAULT_SETTINGS: Settings = {
  activeEnvironment: null,
  environments: {
    production: defaultEnvironmentSettings('production'),
    sandbox: defaultEnvironmentSettings('sandbox'),
  },
  dueDateOffsetDays: 0,
  dueSoonWindowDays: 30,
  dailySyncTime: '07:00',
  theme: 'system',
  window: null,
};
