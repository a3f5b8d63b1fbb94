import type {
  ActionRecord,
  CertificateSnapshot,
  EnvironmentId,
  SyncRecord,
} from '../domain/service.ts';
import type { CertificateMaterial, CertificateReturnType } from '../wvphost/types.ts';
import type { Settings } from '../settings/types.ts';

/**
 * The cached picture of one environment's account, replaced as a whole by each successful sync.
 *
 * Services are derived from it (main/sync/build-services.ts) so that `daysLeft` and `dueDate`
 * always reflect today and the current offset setting.
 */
export interface EnvironmentCache {
  /** Every certificate getList reported in the last successful sync, by ascending ID. */
  readonly certificates: readonly CertificateSnapshot[];
  /** Known `ReplacedBy` links, old ID → new ID. A link never changes once known, so it is fetched once. */
  readonly replacedBy: Readonly<Record<string, number>>;
  /**
   * Reissues submitted from this app and not yet seen by a sync, old ID → new ID (from the reply).
   * They make the lineage show the new ID and `reissueState: 'pending'` at once.
   */
  readonly localReissues: Readonly<Record<string, number>>;
  /** ISO-8601 time of the last successful sync; null if never synced. */
  readonly lastSuccessfulSyncAt: string | null;
}

export const EMPTY_CACHE: EnvironmentCache = {
  certificates: [],
  replacedBy: {},
  localReissues: {},
  lastSuccessfulSyncAt: null,
};

/** Settings (settings.json): conf in the core and the CLI, electron-store in the app, same file. */
export interface SettingsStore {
  get(): Settings;
  /** Validates, then writes; throws `SettingsValidationError` naming the field, and writes nothing. */
  update(patch: Partial<Settings>): Settings;
}

/** One cache file per environment, so switching never mixes sandbox and production. */
export interface CacheStore {
  /** The cache, or `EMPTY_CACHE` when the environment was never synced. */
  read(environment: EnvironmentId): EnvironmentCache;
  /** Replaces the environment's cache in ONE atomic write (temp file + rename). */
  commit(environment: EnvironmentId, cache: EnvironmentCache): void;
}

/** Bounded histories (sync runs, actions), kept apart from the cache so a failed sync can be recorded without touching it. */
export interface HistoryStore {
  /** Newest first. */
  syncHistory(environment: EnvironmentId): readonly SyncRecord[];
  appendSync(environment: EnvironmentId, record: SyncRecord): void;
  /** Newest first. */
  actions(environment: EnvironmentId): readonly ActionRecord[];
  appendAction(environment: EnvironmentId, record: ActionRecord): void;
}

/** Certificate files fetched with getInfo, kept so a certificate fetched once can be exported offline. */
export interface MaterialStore {
  get(environment: EnvironmentId, certificateId: number, returnType: CertificateReturnType): CertificateMaterial | null;
  put(environment: EnvironmentId, certificateId: number, material: CertificateMaterial): void;
  has(environment: EnvironmentId, certificateId: number): boolean;
}

/** Everything the core persists under one data folder (see README "Data it stores"). */
export interface DataStore {
  readonly dataDir: string;
  readonly settings: SettingsStore;
  readonly cache: CacheStore;
  readonly history: HistoryStore;
  readonly material: MaterialStore;
  /** Problems found while opening (e.g. a damaged settings file set aside as a backup), for the UI and CLI to show. */
  readonly openingWarnings: readonly string[];
}
