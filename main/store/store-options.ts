/**
 * The conf / electron-store options of every data file, in one place.
 *
 * The core and the CLI open these files with `conf`; the desktop shell may construct
 * `electron-store` with exactly the same options (electron-store extends conf), so both read and
 * write the same layout, validate against the same JSON schemas and run the same migrations.
 */
import type { Options } from 'conf';
import { DUE_DATE_OFFSETS, ENVIRONMENT_IDS } from '../domain/service.ts';
import type { EnvironmentId } from '../domain/service.ts';
import { DEFAULT_SETTINGS } from '../settings/defaults.ts';
import { parseRateBudget } from '../settings/rate-budget.ts';
import type { Settings } from '../settings/types.ts';
import { FIELD_LIMITS } from '../settings/validate-settings.ts';

/** Version of the settings file format; conf records the last migrated one in `__internal__`. */
export const SETTINGS_FORMAT_VERSION = '2.0.0';
/** Version written into each cache file (`formatVersion`). */
export const CACHE_FORMAT_VERSION = 1;
export const MAX_SYNC_HISTORY = 50;
export const MAX_ACTION_HISTORY = 500;

export const SETTINGS_CONFIG_NAME = 'settings';
export const cacheConfigName = (environment: EnvironmentId): string => `cache-${environment}`;
export const historyConfigName = (environment: EnvironmentId): string => `history-${environment}`;
/** Folder (relative to the data folder) of one environment's cached certificate files. */
export const materialFolder = (environment: EnvironmentId): string => `certificates/${environment}`;

const positiveInteger = { type: 'integer', minimum: 1 } as const;

const rateBudgetJsonSchema = {
  type: 'object',
  properties: { perMinute: positiveInteger, perHour: positiveInteger, perDay: positiveInteger },
  required: ['perMinute', 'perHour', 'perDay'],
} as const;

/** Empty strings are allowed: an environment nobody signed in to has no credentials yet. */
const environmentJsonSchema = {
  type: 'object',
  properties: {
    baseUrl: { type: 'string', pattern: '^https?://' },
    apiUser: { type: 'string', maxLength: FIELD_LIMITS.apiUser },
    userName: { type: 'string', maxLength: FIELD_LIMITS.userName },
    clientIp: { type: 'string', maxLength: FIELD_LIMITS.clientIp },
    rateBudget: rateBudgetJsonSchema,
  },
  required: ['baseUrl', 'apiUser', 'userName', 'clientIp', 'rateBudget'],
} as const;

/** JSON schema of settings.json (conf `schema`: one entry per top-level key). */
export const SETTINGS_JSON_SCHEMA = {
  activeEnvironment: { type: ['string', 'null'], enum: [...ENVIRONMENT_IDS, null] },
  environments: {
    type: 'object',
    properties: { production: environmentJsonSchema, sandbox: environmentJsonSchema },
  },
  dueDateOffsetDays: { type: 'integer', enum: [...DUE_DATE_OFFSETS] },
  dueSoonWindowDays: { type: 'integer', minimum: 1, maximum: 365 },
  dailySyncTime: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
  theme: { type: 'string', enum: ['system', 'light', 'dark'] },
  window: {
    type: ['object', 'null'],
    properties: {
      x: { type: 'integer' },
      y: { type: 'integer' },
      width: { type: 'integer' },
      height: { type: 'integer' },
      maximized: { type: 'boolean' },
    },
  },
} as const;

/** The minimal store surface a migration needs (conf and electron-store both provide it). */
export interface MigratableStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/**
 * v1 → v2 of settings.json.
 *
 * v1 (the 0.0.x previews) kept each environment's endpoint as `apiUrl` and its budget as the
 * text `rateLimit: "20/min,700/h,8000/day"`, and had no `dueSoonWindowDays`. v2 names the
 * endpoint `baseUrl`, stores the budget as numbers (`rateBudget`) and adds the due-soon window.
 * conf also runs migrations on a brand-new file, so this must leave v2 data as it is.
 */
export function migrateSettingsV1ToV2(store: MigratableStore): void {
  const environments = store.get('environments');
  if (typeof environments === 'object' && environments !== null) {
    const migrated: Record<string, unknown> = {};
    for (const [id, value] of Object.entries(environments as Record<string, unknown>)) {
      if (typeof value !== 'object' || value === null) continue;
      const { apiUrl, rateLimit, ...rest } = value as Record<string, unknown>;
      const next: Record<string, unknown> = { ...rest };
      if (next['baseUrl'] === undefined && typeof apiUrl === 'string') next['baseUrl'] = apiUrl;
      if (next['rateBudget'] === undefined) {
        next['rateBudget'] =
          typeof rateLimit === 'string' ? safeBudget(rateLimit) : DEFAULT_SETTINGS.environments.production.rateBudget;
      }
      migrated[id] = next;
    }
    store.set('environments', migrated);
  }
  if (store.get('dueSoonWindowDays') === undefined) store.set('dueSoonWindowDays', DEFAULT_SETTINGS.dueSoonWindowDays);
}

function safeBudget(text: string): Settings['environments']['production']['rateBudget'] {
  try {
    return parseRateBudget(text);
  } catch {
    return DEFAULT_SETTINGS.environments.production.rateBudget;
  }
}

/** The settings file as stored: Settings at the top level (plus conf's `__internal__`). */
export type SettingsFile = { -readonly [K in keyof Settings]: Settings[K] };

/** conf / electron-store options of settings.json, minus `cwd` (the data folder). */
export const settingsStoreOptions = {
  configName: SETTINGS_CONFIG_NAME,
  schema: SETTINGS_JSON_SCHEMA,
  defaults: DEFAULT_SETTINGS as SettingsFile,
  projectVersion: SETTINGS_FORMAT_VERSION,
  migrations: { '2.0.0': migrateSettingsV1ToV2 },
  // A damaged file is set aside by openDataStore and reported; conf must never wipe it.
  clearInvalidConfig: false,
  accessPropertiesByDotNotation: true,
  // The schema is a constant of this file (ajv's strict mode still rejects unknown keywords);
  // validating it against the JSON Schema meta-schema at each start cost ~100 ms of cold start.
  ajvOptions: { validateSchema: false },
} as const;

/** Compact JSON: the cache can hold 10,000 certificates, and indentation would double its size. */
const compactJson = (value: unknown): string => JSON.stringify(value);

/**
 * conf options of a per-environment file written whole (cache-<env>.json, history-<env>.json).
 *
 * No conf `schema`: checking 10,000 certificates with ajv (and setting ajv up) on every cold start
 * costs more than it protects; these files are only ever written whole by this app and are
 * checked structurally on load (cache-store.ts, history-store.ts).
 */
export const wholeFileOptions = (configName: string) =>
  ({
    configName,
    serialize: compactJson,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  }) as const;

/** Type check: the options above are valid conf options. */
export type SettingsConfOptions = Options<SettingsFile>;
