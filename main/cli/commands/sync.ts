/**
 * `sync`: one synchronization of the chosen environment, from the command line.
 *
 * Exit 0 on success; 1 on failure with the reason on stderr (the cache is untouched). Ctrl-C
 * cancels cleanly: the run is recorded as cancelled and the cache stays as it was.
 */
import type { Command } from 'commander';
import type { SyncProgress, SyncSummary } from '../../../preload/api.ts';
import { assertNever, type EnvironmentId, type ServiceChange } from '../../domain/service.ts';
import type { Connection } from '../../environments/connect.ts';
import type { DataStore } from '../../store/types.ts';
import { toErrorPayload } from '../../ipc/error-payload.ts';
import { buildServices } from '../../sync/build-services.ts';
import { localToday } from '../../sync/local-date.ts';
import { runSync, syncThatCouldNotStart } from '../../sync/sync-engine.ts';
import { chooseEnvironment, globalsOf, openStore, withInterrupt, withOptionalConnection } from '../cli-context.ts';
import { CliError, type CliIo, type RegisterCommands } from '../types.ts';

export const registerSyncCommands: RegisterCommands = (program, io) => {
  program
    .command('sync')
    .description(
      'Synchronize the cached services with Wvphost once (exit 0 on success, 1 on failure; the cache is only replaced by a complete sync).',
    )
    .action(async (_options: unknown, command: Command) => {
      const globals = globalsOf(command);
      const store = openStore(globals.dataDir, io);
      const environment = chooseEnvironment(store, globals.env);
      const progress = globals.json === true ? undefined : terminalProgress(io);
      // A sync that cannot even connect (not signed in, keychain locked) is still a sync outcome:
      // recorded in the history and, with --json, printed as the same document.
      let unavailable: unknown = null;
      const summary = await withOptionalConnection(
        store,
        environment,
        (_reason, error) => {
          unavailable = error;
        },
        (connection) =>
          connection === null
            ? Promise.resolve(
                syncThatCouldNotStart({
                  store,
                  environment,
                  error: toErrorPayload(unavailable),
                  services: cachedServiceCount(store, environment),
                  now: new Date(),
                }),
              )
            : syncOnce(store, connection, progress),
      );
      reportSync(summary, environment, io, { json: globals.json === true });
    });
};

/**
 * A one-line progress display on stderr, only when stderr is a terminal.
 *
 * A first sync of a large production account takes hours at 700 requests per hour; silence for
 * that long would look like a hang. Pipes and files get no progress noise.
 */
function terminalProgress(io: CliIo): ((progress: SyncProgress) => void) | undefined {
  if (process.stderr.isTTY !== true) return undefined;
  return (progress) => {
    if (progress.phase === 'done') {
      io.stderr('\r\u001b[K');
      return;
    }
    const pages = progress.totalPages === null ? '' : ` page ${progress.pagesRead}/${progress.totalPages}`;
    const left =
      progress.estimatedSecondsLeft === null ? '' : ` · about ${formatDuration(progress.estimatedSecondsLeft)} left`;
    io.stderr(`\r\u001b[Ksync: ${progress.phase}${pages} · ${progress.requests} request(s)${left}`);
  };
}

function formatDuration(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function cachedServiceCount(store: DataStore, environment: EnvironmentId): number {
  const { dueDateOffsetDays } = store.settings.get();
  return buildServices(store.cache.read(environment), { today: localToday(), dueDateOffsetDays }).length;
}

/** Runs one sync; Ctrl-C cancels it instead of killing the process mid-way. */
export async function syncOnce(
  store: DataStore,
  connection: Connection,
  onProgress?: (progress: SyncProgress) => void,
): Promise<SyncSummary> {
  return withInterrupt('The sync was cancelled.', (signal) =>
    runSync({
      api: connection.api,
      store,
      environment: connection.environment,
      rateBudget: connection.rateBudget,
      signal,
      onProgress,
    }),
  );
}

/** The `sync --json` document: exactly these fields, plus `error` when it failed. */
export function syncJson(summary: SyncSummary): Record<string, unknown> {
  return {
    ok: summary.ok,
    startedAt: summary.startedAt,
    finishedAt: summary.finishedAt,
    requests: summary.requests,
    services: summary.services,
    changes: summary.changes,
    warnings: summary.warnings,
    ...(summary.error === undefined ? {} : { error: summary.error }),
  };
}

export interface ReportOptions {
  /** Print the `sync --json` document instead of sentences. */
  readonly json: boolean;
  /** One line per change after the summary line (default true). */
  readonly listChanges?: boolean;
}

/** Prints the outcome; throws a CliError (exit 1) when the sync did not succeed. */
export function reportSync(summary: SyncSummary, environment: EnvironmentId, io: CliIo, options: ReportOptions): void {
  const { json } = options;
  if (json) {
    io.stdout(`${JSON.stringify(syncJson(summary), null, 2)}\n`);
  } else if (summary.ok) {
    const seconds = ((Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) / 1000).toFixed(1);
    io.stdout(
      `Synced ${environment}: ${summary.services} services, ${summary.changes.length} change(s), ${summary.requests} request(s) in ${seconds} s.\n`,
    );
    if (options.listChanges !== false) for (const change of summary.changes) io.stdout(`  ${describeChange(change)}\n`);
  }
  if (!json) for (const warning of summary.warnings) io.stderr(`warning: ${warning}\n`);
  if (!summary.ok) {
    throw new CliError(summary.error?.message ?? 'The sync failed; the cached services are unchanged.');
  }
}

/** One line per change, e.g. `reissued 101 → 205  shop.example.com`. */
export function describeChange(change: ServiceChange): string {
  const host = change.hostName === '' ? '' : `  ${change.hostName}`;
  switch (change.kind) {
    case 'added':
      return `added ${change.certificateId}${host}`;
    case 'removed':
      return `removed ${change.certificateId}${host}`;
    case 'status-changed':
      return `status ${change.from} → ${change.to}  ${change.certificateId}${host}`;
    case 'expire-date-changed':
      return `expires ${change.from ?? '-'} → ${change.to ?? '-'}  ${change.certificateId}${host}`;
    case 'due-date-changed':
      return `due ${change.from ?? '-'} → ${change.to ?? '-'}  ${change.certificateId}${host}`;
    case 'reissued':
      return `reissued ${change.fromCertificateId} → ${change.toCertificateId}${host}`;
    case 'needs-activation':
      return `needs activation ${change.certificateId}${host}`;
    default:
      return assertNever(change);
  }
}
