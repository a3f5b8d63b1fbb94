/**
 * Shared set-up of the sync tests: a real simulator, a real client, a real store in a temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Service } from '../../main/domain/service.ts';
import { openDataStore } from '../../main/store/open-data-store.ts';
import type { DataStore, EnvironmentCache } from '../../main/store/types.ts';
import type { WvphostClient } from '../../main/wvphost/client.ts';
import type { WvphostApi } from '../../main/wvphost/types.ts';
import { startSimulator } from '../../sim/index.ts';
import type { Simulator, SimulatorOptions } from '../../sim/types.ts';
import { testClient as fastRetryClient } from './test-client.ts';

export { GENEROUS_BUDGET } from './test-client.ts';

export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ rateLimits: false, issueDelayMs: null, ...options });
}

/** A client with its own generous limiter and fast retries (the tests are not about waiting). */
export function testClient(
  simulator: Simulator,
  overrides: { apiKey?: string; maxRetries?: number } = {},
): WvphostClient {
  return fastRetryClient(simulator, {
    credentials: { ...simulator.credentials, ...(overrides.apiKey === undefined ? {} : { apiKey: overrides.apiKey }) },
    timeoutMs: 5_000,
    maxRetries: overrides.maxRetries ?? 10,
  });
}

export interface TempStore {
  readonly dataDir: string;
  readonly store: DataStore;
  cleanup(): void;
}

export function tempStore(prefix = 'wvphost-sync-'): TempStore {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dataDir,
    store: openDataStore({ dataDir }),
    cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/**
 * A factory of temporary data stores for one test file, each removed after the test that made it.
 *
 * Registers the `afterEach` cleanup itself, so a test file needs one line instead of a registry.
 */
export function tempStores(prefix?: string): () => TempStore {
  const made: TempStore[] = [];
  afterEach(() => {
    for (const temp of made.splice(0)) temp.cleanup();
  });
  return () => {
    const temp = tempStore(prefix);
    made.push(temp);
    return temp;
  };
}

/** The cache file's bytes (null when it does not exist). */
export function cacheBytes(dataDir: string, environment = 'production'): Buffer | null {
  const file = path.join(dataDir, `cache-${environment}.json`);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}

/** The lineages as the simulator holds them: newest ID → oldest-first previous IDs. */
export function simulatorLineages(simulator: Simulator): Map<number, number[]> {
  const successors = new Set<number>();
  for (const certificate of simulator.certificates())
    if (certificate.replacedBy !== null) successors.add(certificate.replacedBy);
  const lineages = new Map<number, number[]>();
  for (const certificate of simulator.certificates()) {
    if (successors.has(certificate.certificateId)) continue;
    const ids = [certificate.certificateId];
    let current = certificate;
    while (current.replacedBy !== null) {
      const next = simulator.certificate(current.replacedBy);
      if (next === undefined) break;
      ids.push(next.certificateId);
      current = next;
    }
    lineages.set(ids[ids.length - 1] as number, ids.slice(0, -1));
  }
  return lineages;
}

/** The services as lineages: newest ID → previous IDs. */
export function serviceLineages(services: readonly Service[]): Map<number, number[]> {
  return new Map(services.map((service) => [service.certificateId, [...service.previousCertificateIds]]));
}

/**
 * What must hold after ANY sync, even one racing with changes: no certificate in two services,
 * and no lineage twice (a service whose newest certificate was replaced by one we also list).
 */
export function assertNoLineageTwice(services: readonly Service[], simulator: Simulator): void {
  const owner = new Map<number, number>();
  for (const service of services) {
    for (const id of [...service.previousCertificateIds, service.certificateId]) {
      if (owner.has(id))
        throw new Error(`certificate ${id} appears in services ${owner.get(id)} and ${service.certificateId}`);
      owner.set(id, service.certificateId);
    }
  }
  for (const service of services) {
    let successor = simulator.certificate(service.certificateId)?.replacedBy ?? null;
    while (successor !== null) {
      if (owner.has(successor)) {
        throw new Error(
          `lineage listed twice: service ${service.certificateId} was replaced by ${successor}, listed in service ${owner.get(successor)}`,
        );
      }
      successor = simulator.certificate(successor)?.replacedBy ?? null;
    }
  }
}

/** The cache without the sync timestamps, for comparing two syncs of the same account. */
export function comparableCache(cache: EnvironmentCache): unknown {
  return {
    certificates: cache.certificates.map(({ lastSyncedAt: _lastSyncedAt, ...rest }) => rest),
    replacedBy: cache.replacedBy,
    localReissues: cache.localReissues,
  };
}

/** A WvphostApi that forwards to `inner` and lets a test act around each call. */
export function interceptedApi(
  inner: WvphostApi,
  hooks: {
    readonly afterListPage?: (page: number) => void | Promise<void>;
    readonly beforeGetInfo?: (certificateId: number) => void | Promise<void>;
  },
): WvphostApi {
  return {
    get requestsSent() {
      return inner.requestsSent;
    },
    getListPage: async (params, options) => {
      const page = await inner.getListPage(params, options);
      await hooks.afterListPage?.(params.page ?? 1);
      return page;
    },
    getList: (params, options) => inner.getList(params, options),
    getInfo: async (certificateId, options) => {
      await hooks.beforeGetInfo?.(certificateId);
      return inner.getInfo(certificateId, options);
    },
    reissue: (request, options) => inner.reissue(request, options),
    activate: (request, options) => inner.activate(request, options),
    renew: (request, options) => inner.renew(request, options),
    getApproverEmailList: (domain, type, options) => inner.getApproverEmailList(domain, type, options),
    parseCsr: (csr, type, options) => inner.parseCsr(csr, type, options),
    resendApproverEmail: (certificateId, options) => inner.resendApproverEmail(certificateId, options),
  };
}
