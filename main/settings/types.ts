import type { DueDateOffsetDays, EnvironmentId, RateBudget } from '../domain/service.ts';

/** Connection settings of production or sandbox (the API key is NOT here: it lives in the keychain). */
export interface EnvironmentSettings {
  /** Ends in `/xml.response`; http(s) only. */
  readonly baseUrl: string;
  /** Max 20 characters. */
  readonly apiUser: string;
  /** Max 20 characters; usually equal to apiUser. */
  readonly userName: string;
  /** IPv4 as whitelisted at Wvphost. */
  readonly clientIp: string;
  readonly rateBudget: RateBudget;
}

export type ConfigurableEnvironmentId = Exclude<EnvironmentId, 'demo'>;

export type ThemePreference = 'system' | 'light' | 'dark';

export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** Everything the user can set, persisted in settings.json (conf / electron-store). */
export interface Settings {
  /** null until the first-run onboarding picked one. */
  readonly activeEnvironment: EnvironmentId | null;
  readonly environments: Readonly<Record<ConfigurableEnvironmentId, EnvironmentSettings>>;
  readonly dueDateOffsetDays: DueDateOffsetDays;
  /** Services due within this many days are "due soon" (notifications, row marking). Default 30. */
  readonly dueSoonWindowDays: number;
  /** Local time of the daily automatic sync, `HH:MM`. */
  readonly dailySyncTime: string;
  readonly theme: ThemePreference;
  readonly window: WindowBounds | null;
}
