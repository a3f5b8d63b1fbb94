import type { CertificateSnapshot, EnvironmentId, SyncRecord } from '../../main/domain/service.ts';
import type { DataStore, EnvironmentCache } from '../../main/store/types.ts';
import { EMPTY_CACHE } from '../../main/store/types.ts';
import type { CertificateMaterial, CertificateReturnType } from '../../main/wvphost/types.ts';

/**
 * The parts of a DataStore the exports read, held in memory, for unit tests of the export core.
 *
 * Integration tests use the real conf-based store; this one lets report/CSV/ICS/zip tests run
 * without touching settings files. Settings are not used by the exports and throw if called.
 */
export function memoryExportStore(init: {
  readonly dataDir?: string;
  readonly certificates?: Partial<Record<EnvironmentId, readonly CertificateSnapshot[]>>;
  readonly syncHistory?: Partial<Record<EnvironmentId, readonly SyncRecord[]>>;
} = {}): DataStore & { readonly materialPuts: number } {
  const caches = new Map<EnvironmentId, EnvironmentCache>();
  for (const [environment, certificates] of Object.entries(init.certificates ?? {})) {
    caches.set(environment as EnvironmentId, { ...EMPTY_CACHE, certificates: certificates ?? [] });
  }
  const material = new Map<string, CertificateMaterial>();
  let materialPuts = 0;
  const key = (environment: EnvironmentId, id: number, type: CertificateReturnType): string => `${environment}:${id}:${type}`;
  return {
    dataDir: init.dataDir ?? '/nonexistent',
    openingWarnings: [],
    get materialPuts() {
      return materialPuts;
    },
    settings: {
      get: () => {
        throw new Error('settings are not part of the export test store');
      },
      update: () => {
        throw new Error('settings are not part of the export test store');
      },
    },
    cache: {
      read: (environment) => caches.get(environment) ?? EMPTY_CACHE,
      commit: (environment, cache) => {
        caches.set(environment, cache);
      },
    },
    history: {
      syncHistory: (environment) => init.syncHistory?.[environment] ?? [],
      appendSync: () => undefined,
      actions: () => [],
      appendAction: () => undefined,
    },
    material: {
      get: (environment, id, type) => material.get(key(environment, id, type)) ?? null,
      put: (environment, id, value) => {
        materialPuts += 1;
        material.set(key(environment, id, value.returnType), value);
      },
      has: (environment, id) => material.has(key(environment, id, 'Individual')) || material.has(key(environment, id, 'PKCS7')),
    },
  };
}
