/**
 * The app's core behind the contract: one handler per invoke channel, wired to the real modules.
 *
 * Environment-free (no Electron): the shell registers these handlers with ipcMain, and the
 * end-to-end tests bridge the very same handlers into Chromium. Desktop-only needs (dialogs,
 * clipboard, notifications) come in as `ShellServices`; pushes to the renderer go through `emit`.
 * No reply ever carries an API key: keys go into the keychain and are only read to connect.
 */
import { existsSync } from 'node:fs';
import type {
  AppState,
  ExportResult,
  ServicesSnapshot,
  SyncSummary,
} from '../../preload/api.ts';
import type { EnvironmentId, Service } from '../domain/service.ts';
import { listApproverEmails } from '../actions/approver-emails.ts';
import { submitRenewal } from '../actions/renew.ts';
import { resendApproval } from '../actions/resend-approval.ts';
import { submitActivation, submitReissue } from '../actions/submit-csr.ts';
import { checkCsr } from '../csr/cross-check-csr.ts';
import { connectEnvironment, type Connection } from '../environments/connect.ts';
import { stopDemoSimulator } from '../environments/demo-simulator.ts';
import { signIn, signOut } from '../environments/sign-in.ts';
import { testConnection } from '../environments/test-connection.ts';
import { defaultCertificateFileName, exportCertificate } from '../export/certificate-export.ts';
import { defaultReportFileName, exportReport } from '../export/report-export.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { openDataStore } from '../store/open-data-store.ts';
import type { DataStore, EnvironmentCache } from '../store/types.ts';
import { buildServices, localToday } from '../sync/build-services.ts';
import { SyncCoordinator, type SchedulerClock } from '../sync/scheduler.ts';
import { runSync, syncThatCouldNotStart } from '../sync/sync-engine.ts';
import { AppError } from './app-error.ts';
import { buildAppState } from './app-state.ts';
import { dueSoonNotification, newlyDueSoon } from './due-soon.ts';
import { toErrorPayload } from './error-payload.ts';
import { recordingSecretStore } from './recording-secret-store.ts';
import { findInLineages, serviceDetail } from './service-detail.ts';
import type { EmitEvent, Handlers, ShellServices } from './types.ts';

export interface AppCoreOptions {
  readonly dataDir: string;
  readonly secrets: SecretStore;
  readonly shell: ShellServices;
  readonly emit: EmitEvent;
  readonly now?: () => Date;
  /** Shown in the UI (the shell passes `app.getVersion()`). */
  readonly appVersion?: string;
  /**
   * Arm the daily sync and sync at start when the data is older than 24 h (the app: true).
   * Off by default so that tests and tools decide when a sync runs.
   */
  readonly schedule?: boolean;
  /** Timers of the schedule (tests pass a fake clock). */
  readonly schedulerClock?: SchedulerClock;
}

export interface AppCore {
  readonly handlers: Handlers;
  /** The data store the handlers use (the shell remembers the window size through it). */
  readonly store: DataStore;
  /** API keys the core has read or stored in this run, for the dispatcher to scrub from errors. */
  knownSecrets(): Iterable<string>;
  /** Stops the schedule, cancels a running sync, closes connections and the demo simulator. */
  dispose(): Promise<void>;
}

const NO_EXPORT: ExportResult = { path: null, bytes: 0, files: [] };

function noEnvironment(): AppError {
  return new AppError('no-environment', 'Choose an environment first: Demo, Sandbox or Production.');
}

/** Builds the handlers over the data folder `dataDir` and the keychain `secrets`. */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const now = options.now ?? ((): Date => new Date());
  const store = openDataStore({ dataDir: options.dataDir });
  const seenSecrets = new Set<string>();
  const secrets = recordingSecretStore(options.secrets, seenSecrets);
  const { shell, emit } = options;
  const connections = new Map<EnvironmentId, Promise<Connection>>();

  const active = (): EnvironmentId | null => store.settings.get().activeEnvironment;
  const requireActive = (): EnvironmentId => active() ?? throwError(noEnvironment());
  const today = (): string => localToday(now());
  /**
   * The services of `cache` on `day`, built once per cache, day and offset.
   *
   * The store hands back the same cache object while the file is unchanged, so a detail, a CSR
   * check or an export of one certificate reuses the list `services:list` built instead of
   * rebuilding 10,000 services for it.
   */
  const built = new Map<EnvironmentId, { cache: EnvironmentCache; day: string; offset: number; services: readonly Service[] }>();
  const servicesOf = (environment: EnvironmentId, cache: EnvironmentCache = store.cache.read(environment), day = today()): readonly Service[] => {
    const offset = store.settings.get().dueDateOffsetDays;
    const last = built.get(environment);
    if (last !== undefined && last.cache === cache && last.day === day && last.offset === offset) return last.services;
    const services = buildServices(cache, { today: day, dueDateOffsetDays: offset });
    built.set(environment, { cache, day, offset, services });
    return services;
  };
  const requireService = (environment: EnvironmentId, certificateId: number): Service =>
    findInLineages(servicesOf(environment), certificateId) ??
    throwError(
      new AppError('not-found', `Certificate ${certificateId} is not in the local list of the ${environment} environment. Run a sync, then try again.`),
    );

  /** One connection per environment, made on first use and dropped when its settings change. */
  const connection = (environment: EnvironmentId): Promise<Connection> => {
    let pending = connections.get(environment);
    if (pending === undefined) {
      pending = connectEnvironment(store, secrets, environment);
      connections.set(environment, pending);
      // A failed connect (no key yet, keychain locked) must be retried next time, not cached.
      const attempt = pending;
      attempt.catch(() => {
        if (connections.get(environment) === attempt) connections.delete(environment);
      });
    }
    return pending;
  };
  const dropConnection = async (environment: EnvironmentId): Promise<void> => {
    const pending = connections.get(environment);
    connections.delete(environment);
    if (pending !== undefined) await pending.then((c) => c.close(), () => undefined);
  };
  const demoBaseUrl = async (): Promise<string | null> => {
    const pending = connections.get('demo');
    return pending === undefined ? null : pending.then((c) => c.baseUrl, () => null);
  };

  const coordinator = new SyncCoordinator({
    run: (signal) => syncActive(signal),
    dailySyncTime: () => store.settings.get().dailySyncTime,
    lastSuccessfulSyncAt: () => {
      const environment = active();
      return environment === null ? null : store.cache.read(environment).lastSuccessfulSyncAt;
    },
    ...(options.schedulerClock === undefined ? {} : { clock: options.schedulerClock }),
    onError: (error) => console.error('Automatic sync failed:', toErrorPayload(error, seenSecrets).message),
  });
  const scheduling = options.schedule === true;
  const restartSchedule = (): void => {
    if (!scheduling) return;
    coordinator.stopSchedule();
    if (active() !== null) coordinator.startSchedule();
  };

  /** One sync of the active environment, with events and the due-soon notification. */
  async function syncActive(signal: AbortSignal): Promise<SyncSummary> {
    const environment = requireActive();
    const settings = store.settings.get();
    const previous = store.cache.read(environment);
    const previousDay = previous.lastSuccessfulSyncAt === null ? today() : localToday(new Date(previous.lastSuccessfulSyncAt));
    const before = { services: servicesOf(environment, previous, previousDay), today: previousDay };

    let summary: SyncSummary;
    try {
      const { api, rateBudget } = await connection(environment);
      summary = await runSync({
        api,
        store,
        environment,
        rateBudget,
        signal,
        now,
        onProgress: (progress) => emit('sync:progress', progress),
      });
    } catch (error) {
      summary = syncThatCouldNotStart({
        store,
        environment,
        error: toErrorPayload(error, seenSecrets),
        services: before.services.length,
        now: now(),
      });
    }
    // The new services first: the window starts reloading them while it learns the sync ended.
    if (summary.ok) emit('services:changed', undefined);
    emit('sync:finished', summary);
    if (!summary.ok) return summary;

    const after = { services: servicesOf(environment), today: today() };
    const fresh = newlyDueSoon(before, after, settings.dueSoonWindowDays);
    if (fresh.length > 0) {
      const { title, body } = dueSoonNotification(fresh, settings.dueSoonWindowDays);
      shell.notify(title, body);
    }
    return summary;
  }

  const state = async (): Promise<AppState> =>
    buildAppState({
      store,
      secrets,
      appVersion: options.appVersion ?? process.env['npm_package_version'] ?? '0.0.0',
      demoBaseUrl: await demoBaseUrl(),
      syncRunning: coordinator.running,
      nextScheduledAt: coordinator.nextScheduledAt(),
    });

  /** Asks where to save, and whether to replace an existing file; null when the user backed out. */
  const chooseTarget = async (defaultName: string, filter: { name: string; extensions: readonly string[] }): Promise<{ path: string; overwrite: boolean } | null> => {
    const path = await shell.chooseSavePath({ defaultName, filters: [filter] });
    if (path === null) return null;
    if (!existsSync(path)) return { path, overwrite: false };
    return (await shell.confirmOverwrite(path)) ? { path, overwrite: true } : null;
  };

  /** The environment's client, or null when it cannot connect now (offline export from the cache). */
  const connectionOrNull = async (environment: EnvironmentId): Promise<Connection | null> => {
    try {
      return await connection(environment);
    } catch {
      return null;
    }
  };

  const handlers: Handlers = {
    'app:getState': state,

    'environment:select': async ({ environment }) => {
      const previous = active();
      if (previous !== environment && coordinator.running) coordinator.cancel();
      store.settings.update({ activeEnvironment: environment });
      if (previous !== environment) {
        restartSchedule();
        emit('services:changed', undefined);
      }
      return state();
    },

    'environment:save': async (request) => {
      const wasActive = active();
      await signIn(store, secrets, request);
      await dropConnection(request.environment);
      if (wasActive !== active()) restartSchedule();
      return state();
    },

    'environment:logout': async ({ environment }) => {
      await signOut(store, secrets, environment);
      await dropConnection(environment);
      return state();
    },

    'environment:testConnection': async ({ environment }) => {
      const result = await testConnection(store, secrets, environment);
      return { ok: result.ok, code: result.code, message: result.message };
    },

    'settings:update': async (patch) => {
      const before = store.settings.get();
      const after = store.settings.update(patch);
      if (after.dailySyncTime !== before.dailySyncTime && scheduling && active() !== null) coordinator.reschedule();
      if (after.dueDateOffsetDays !== before.dueDateOffsetDays || after.dueSoonWindowDays !== before.dueSoonWindowDays) {
        emit('services:changed', undefined);
      }
      return state();
    },

    'services:list': async (): Promise<ServicesSnapshot> => {
      const environment = requireActive();
      const cache = store.cache.read(environment);
      const day = today();
      return { environment, services: servicesOf(environment, cache, day), lastSuccessfulSyncAt: cache.lastSuccessfulSyncAt, today: day };
    },

    'services:detail': async ({ certificateId }) => {
      const environment = requireActive();
      return serviceDetail(store, environment, requireService(environment, certificateId), today());
    },

    'sync:start': async () => {
      requireActive();
      return coordinator.start('manual');
    },

    'sync:cancel': async () => {
      coordinator.cancel();
    },

    'sync:history': async () => {
      const environment = active();
      return environment === null ? [] : store.history.syncHistory(environment);
    },

    'export:certificate': async ({ certificateId, serverType }) => {
      const environment = requireActive();
      const service = requireService(environment, certificateId);
      const defaultName = defaultCertificateFileName(service.hostName, serverType, certificateId);
      const p7b = defaultName.endsWith('.p7b');
      const target = await chooseTarget(defaultName, p7b ? { name: 'PKCS#7 certificate', extensions: ['p7b'] } : { name: 'Zip archive', extensions: ['zip'] });
      if (target === null) return NO_EXPORT;
      const online = await connectionOrNull(environment);
      return exportCertificate({
        api: online?.api ?? null,
        store,
        environment,
        certificateId,
        serverType,
        outPath: target.path,
        overwrite: target.overwrite,
      });
    },

    'export:report': async ({ certificateIds }) => {
      const environment = requireActive();
      const all = servicesOf(environment);
      const wanted = certificateIds === undefined ? null : new Set(certificateIds);
      const services =
        wanted === null
          ? all
          : all.filter((service) => wanted.has(service.certificateId) || service.previousCertificateIds.some((id) => wanted.has(id)));
      const target = await chooseTarget(defaultReportFileName(environment, today()), { name: 'Zip archive', extensions: ['zip'] });
      if (target === null) return NO_EXPORT;
      return exportReport({ store, environment, services, outPath: target.path, overwrite: target.overwrite, now: now() });
    },

    'csr:check': async ({ certificateId, csr }) => {
      const environment = requireActive();
      const service = requireService(environment, certificateId);
      const online = await connectionOrNull(environment);
      const check = { csrPem: csr, expectedHost: service.hostName, sslType: service.sslType };
      try {
        return await checkCsr({ ...check, api: online?.api ?? null });
      } catch {
        // Wvphost could not be asked (offline, throttled): the local verdict stands, `remote` stays null.
        return checkCsr({ ...check, api: null });
      }
    },

    'approvers:list': async ({ certificateId }) => {
      const environment = requireActive();
      const service = requireService(environment, certificateId);
      const { api } = await connection(environment);
      return listApproverEmails({ api, domain: service.hostName, sslType: service.sslType });
    },

    'reissue:submit': async (request) => {
      const environment = requireActive();
      const { api, apiUser } = await connection(environment);
      const outcome = await submitReissue({ api, store, environment, apiUser, now, ...request });
      emit('services:changed', undefined);
      return { newCertificateId: outcome.newCertificateId, dcv: outcome.dcv };
    },

    'activate:submit': async (request) => {
      const environment = requireActive();
      const { api, apiUser } = await connection(environment);
      const outcome = await submitActivation({ api, store, environment, apiUser, now, ...request });
      emit('services:changed', undefined);
      return { newCertificateId: outcome.newCertificateId, dcv: outcome.dcv };
    },

    'renew:submit': async ({ certificateId, years }) => {
      const environment = requireActive();
      const { api, apiUser } = await connection(environment);
      const outcome = await submitRenewal({ api, store, environment, apiUser, now, certificateId, years });
      emit('services:changed', undefined);
      return { newCertificateId: outcome.newCertificateId, chargedAmount: outcome.chargedAmount };
    },

    'approval:resend': async ({ certificateId }) => {
      const environment = requireActive();
      const { api, apiUser } = await connection(environment);
      await resendApproval({ api, store, environment, apiUser, now, certificateId });
    },

    'csr:openFile': async () => {
      const csr = await shell.openCsrFile();
      return csr === null ? null : { csr };
    },

    'clipboard:write': async ({ text }) => {
      await shell.writeClipboard(text);
    },
  };

  restartSchedule();

  return {
    handlers,
    store,
    knownSecrets: () => seenSecrets,
    async dispose() {
      coordinator.stopSchedule();
      if (coordinator.running) {
        coordinator.cancel();
        // Joining the cancelled run waits for it to record its outcome before the store goes away.
        await coordinator.start().catch(() => undefined);
      }
      await Promise.all([...connections.keys()].map((environment) => dropConnection(environment)));
      await stopDemoSimulator();
    },
  };
}

function throwError(error: Error): never {
  throw error;
}
