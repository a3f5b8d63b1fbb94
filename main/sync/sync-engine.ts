/**
 * One synchronization of an environment: read the account, build the next cache, commit it once.
 *
 * The previous cache is never touched until the new one is complete: everything is assembled in
 * memory and handed to `CacheStore.commit` (temp file + rename) in one call, so a failure, a
 * cancel or a kill at any point leaves the old cache file exactly as it was. Every run, whatever
 * its outcome, is appended to the sync history (with at most `MAX_HISTORY_CHANGES` of its changes;
 * the returned summary has them all). API failures never throw: they come back as
 * `ok: false` with a user-readable error.
 */
import type { ApiErrorPayload, SyncPhase, SyncProgress, SyncSummary } from '../../preload/api.ts';
import type { EnvironmentId, RateBudget, ServiceChange, SyncOutcome, SyncRecord } from '../domain/service.ts';
import { errorKindOf } from '../domain/read-wvphost-error.ts';
import type { DataStore, EnvironmentCache } from '../store/types.ts';
import type { WvphostApi } from '../wvphost/types.ts';
import { assembleCache, pendingLocalReissues } from './assemble-cache.ts';
import { buildServices, buildServicesWithWarnings } from './build-services.ts';
import { diffServices } from './diff-services.ts';
import { historyChanges } from './history-changes.ts';
import { localToday } from './local-date.ts';
import { readAccount, type ReadProgress } from './read-account.ts';

/** What the shared rate limiter can tell about the time the remaining requests need. */
interface WaitEstimator {
  estimateWaitMs(requests: number): number;
}

export interface RunSyncOptions {
  readonly api: WvphostApi;
  readonly store: DataStore;
  readonly environment: EnvironmentId;
  readonly rateBudget: RateBudget;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly now?: () => Date;
  /** Requests kept in flight (default 4); the rate limiter paces them. */
  readonly concurrency?: number;
}

const CANCELLED_MESSAGE = 'The sync was cancelled; the cached services are unchanged.';

/** Runs one sync; never throws for API or store failures (see `SyncSummary.ok` and `error`). */
export async function runSync(options: RunSyncOptions): Promise<SyncSummary> {
  const { api, store, environment, signal } = options;
  const now = options.now ?? ((): Date => new Date());
  const startedAt = now().toISOString();
  const startedMs = performance.now();
  const requestsAtStart = api.requestsSent;
  const requestsUsed = (): number => api.requestsSent - requestsAtStart;

  const emit = (phase: SyncPhase, read: ReadProgress | null, remaining: number | null): void => {
    if (options.onProgress === undefined) return;
    const progress: SyncProgress = {
      phase,
      pagesRead: read?.pagesRead ?? 0,
      totalPages: read?.totalPages ?? null,
      requests: requestsUsed(),
      estimatedSecondsLeft:
        remaining === null ? null : estimateSeconds(remaining, options, requestsUsed(), performance.now() - startedMs),
    };
    try {
      options.onProgress(progress);
    } catch {
      // A broken progress listener (e.g. a closed window) must not break the sync itself.
    }
  };

  let previous: EnvironmentCache | null = null;
  let lastRead: ReadProgress | null = null;
  try {
    previous = store.cache.read(environment);
    const settings = store.settings.get();
    emit('listing', null, null);

    const knownLinks = new Map<number, number>();
    for (const [from, to] of Object.entries(previous.replacedBy)) knownLinks.set(Number(from), to);
    const read = await readAccount({
      api,
      knownLinks,
      signal,
      concurrency: options.concurrency,
      onProgress: (progress) => {
        lastRead = progress;
        const listing = progress.totalPages === null || progress.pagesRead < progress.totalPages;
        emit(listing ? 'listing' : 'following-reissues', progress, progress.requestsPending);
      },
    });
    signal?.throwIfAborted();
    emit('saving', lastRead, 0);

    const syncedAt = now().toISOString();
    const assembled = assembleCache(previous, read, syncedAt, previous.localReissues);
    // Re-read right before the commit: a reissue submitted from this app during the sync
    // recorded its link in the cache meanwhile, and it must survive this commit.
    const localReissues = pendingLocalReissues(store.cache.read(environment).localReissues, assembled);
    const next: EnvironmentCache = {
      certificates: assembled.certificates,
      replacedBy: assembled.replacedBy,
      localReissues,
      lastSuccessfulSyncAt: syncedAt,
    };

    const buildOptions = { today: localToday(now()), dueDateOffsetDays: settings.dueDateOffsetDays };
    const before = buildServices(previous, { ...buildOptions, includeLocalReissues: false });
    const after = buildServicesWithWarnings(next, { ...buildOptions, includeLocalReissues: false });
    const changes = diffServices(before, after.services);
    const warnings = [...read.warnings, ...after.warnings];
    if (assembled.deferred.length > 0) {
      warnings.push(
        `${assembled.deferred.length} certificate(s) appeared while this sync was reading the list (${assembled.deferred.join(', ')}); they will be shown after the next sync, so that no service is listed twice.`,
      );
    }
    // Local reissues only relabel lineages; the count differs from `after` only when there are some.
    const services =
      Object.keys(localReissues).length === 0 ? after.services.length : buildServices(next, buildOptions).length;

    signal?.throwIfAborted();
    store.cache.commit(environment, next);

    const summary: SyncSummary = {
      ok: true,
      startedAt,
      finishedAt: now().toISOString(),
      requests: requestsUsed(),
      services,
      changes,
      warnings,
      cancelled: false,
    };
    record(store, environment, summary, 'ok');
    emit('done', lastRead, 0);
    return summary;
  } catch (error) {
    const cancelled = signal?.aborted === true;
    const payload = cancelled ? { code: 'cancelled', message: CANCELLED_MESSAGE } : errorPayload(error);
    const summary: SyncSummary = {
      ok: false,
      startedAt,
      finishedAt: now().toISOString(),
      requests: requestsUsed(),
      services: countServices(previous, store, now),
      changes: [],
      warnings: [],
      error: payload,
      cancelled,
    };
    record(store, environment, summary, cancelled ? 'cancelled' : 'failed');
    emit('done', lastRead, null);
    return summary;
  }
}

/** The `ApiErrorPayload` of a sync failure: WvphostError kinds become codes, their sentences stay. */
function errorPayload(error: unknown): ApiErrorPayload {
  const kind = errorKindOf(error);
  if (kind !== null && error instanceof Error && error.name === 'WvphostError') {
    const message = `${error.message} The cached services are unchanged.`;
    const clientIp = (error as { clientIp?: unknown }).clientIp;
    return typeof clientIp === 'string' && kind === 'ip-not-whitelisted'
      ? { code: kind, message, detail: clientIp }
      : { code: kind, message };
  }
  const local = localFailurePayload(error);
  if (local !== null) return local;
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: 'sync-failed',
    message: `The sync could not be completed (${reason}). The cached services are unchanged; try again, and check the data folder if it keeps failing.`,
  };
}

/**
 * A failure to write the data folder, by its Node error code: a full disk or a folder the app may
 * not write are things the user can fix, so they get their own code and sentence.
 */
function localFailurePayload(error: unknown): ApiErrorPayload | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        code: 'disk-full',
        message:
          'The sync read the whole account but could not save it: the disk holding the data folder is full. Free some space and sync again; the cached services are unchanged.',
      };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return {
        code: 'data-folder-not-writable',
        message: `The sync read the whole account but could not save it: the data folder cannot be written (${code}). Check the folder's permissions (or choose another data folder) and sync again; the cached services are unchanged.`,
      };
    default:
      return null;
  }
}

/**
 * The summary of a sync that could not even start (not signed in, keychain locked, no demo server).
 *
 * Recorded in the history like any failure, so the app and the CLI tell the same story; the cache
 * is not touched.
 */
export function syncThatCouldNotStart(options: {
  readonly store: DataStore;
  readonly environment: EnvironmentId;
  readonly error: ApiErrorPayload;
  readonly services: number;
  readonly now: Date;
}): SyncSummary {
  const at = options.now.toISOString();
  const summary: SyncSummary = {
    ok: false,
    startedAt: at,
    finishedAt: at,
    requests: 0,
    services: options.services,
    changes: [],
    warnings: [],
    error: options.error,
    cancelled: false,
  };
  record(options.store, options.environment, summary, 'failed');
  return summary;
}

function record(store: DataStore, environment: EnvironmentId, summary: SyncSummary, outcome: SyncOutcome): void {
  const entry: SyncRecord = {
    startedAt: summary.startedAt,
    finishedAt: summary.finishedAt,
    outcome,
    requests: summary.requests,
    services: summary.services,
    // Bounded: the summary returned to the caller keeps the full list.
    ...historyChanges(summary.changes as readonly ServiceChange[]),
    warnings: summary.warnings,
    ...(summary.error === undefined ? {} : { error: summary.error.message }),
  };
  try {
    store.history.appendSync(environment, entry);
  } catch {
    // The history is a log: failing to write it must not turn a committed sync into a failure.
  }
}

function countServices(previous: EnvironmentCache | null, store: DataStore, now: () => Date): number {
  if (previous === null) return 0;
  try {
    return buildServices(previous, {
      today: localToday(now()),
      dueDateOffsetDays: store.settings.get().dueDateOffsetDays,
    }).length;
  } catch {
    return 0;
  }
}

/**
 * Seconds the remaining requests need: the larger of what the rate budget allows and the pace
 * observed so far (latency and concurrency included).
 */
function estimateSeconds(remaining: number, options: RunSyncOptions, done: number, elapsedMs: number): number {
  if (remaining <= 0) return 0;
  // The client's own (shared) limiter knows the schedule; without one, the budget alone.
  const limiter = limiterOf(options.api);
  const budgetMs =
    limiter !== null ? limiter.estimateWaitMs(remaining) : (remaining / options.rateBudget.perMinute) * 60_000;
  const paceMs = done > 0 ? (elapsedMs / done) * remaining : 0;
  return Math.ceil(Math.max(budgetMs, paceMs) / 1000);
}

/** The rate limiter a `WvphostClient` exposes (`limiter`), when the API object has one. */
function limiterOf(api: WvphostApi): WaitEstimator | null {
  const candidate = (api as { readonly limiter?: unknown }).limiter;
  return typeof candidate === 'object' &&
    candidate !== null &&
    typeof (candidate as WaitEstimator).estimateWaitMs === 'function'
    ? (candidate as WaitEstimator)
    : null;
}
