import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../preload/api.ts';
import { buildServices, localToday } from '../../main/sync/build-services.ts';
import { MAX_HISTORY_CHANGES } from '../../main/sync/history-changes.ts';
import { runSync } from '../../main/sync/sync-engine.ts';
import { WvphostError } from '../../main/wvphost/errors.ts';
import type { Simulator } from '../../sim/types.ts';
import type { WvphostApi } from '../../main/wvphost/types.ts';
import {
  assertNoLineageTwice,
  cacheBytes,
  comparableCache,
  GENEROUS_BUDGET,
  interceptedApi,
  serviceLineages,
  simulatorLineages,
  startTestSimulator,
  tempStores,
  testClient,
  type TempStore,
} from '../helpers/sync-harness.ts';

const ENV = 'production';
const newStore = tempStores();

function servicesOf(temp: TempStore) {
  return buildServices(temp.store.cache.read(ENV), {
    today: localToday(),
    dueDateOffsetDays: temp.store.settings.get().dueDateOffsetDays,
  });
}

/** One plain sync of `temp`'s store (the default environment, a generous budget, no options). */
function syncInto(temp: TempStore, api: WvphostApi) {
  return runSync({ api, store: temp.store, environment: ENV, rateBudget: GENEROUS_BUDGET });
}

function pagesFor(simulator: Simulator): number {
  return Math.max(1, Math.ceil(simulator.certificates().length / 100));
}

function replacedCount(simulator: Simulator): number {
  return simulator.certificates().filter((certificate) => certificate.status === 'replaced').length;
}

describe('runSync against the simulator', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startTestSimulator({ seed: 11, count: 250 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('builds every lineage and spends exactly the lower bound of requests, then only the list pages', async () => {
    const temp = newStore();
    const api = testClient(simulator);
    const lowerBound = pagesFor(simulator) + replacedCount(simulator);
    expect(replacedCount(simulator)).toBeGreaterThan(0);
    simulator.clearRequestLog();

    const progress: SyncProgress[] = [];
    const first = await runSync({
      api,
      store: temp.store,
      environment: ENV,
      rateBudget: GENEROUS_BUDGET,
      onProgress: (p) => progress.push(p),
    });
    expect(first.ok).toBe(true);
    expect(first.requests).toBe(lowerBound);
    expect(simulator.requestCount()).toBe(lowerBound);
    expect(serviceLineages(servicesOf(temp))).toEqual(simulatorLineages(simulator));
    expect(first.services).toBe(simulatorLineages(simulator).size);
    expect(first.changes.filter((change) => change.kind === 'added')).toHaveLength(first.services);
    expect(progress[0]?.phase).toBe('listing');
    expect(progress.at(-1)).toMatchObject({
      phase: 'done',
      pagesRead: pagesFor(simulator),
      totalPages: pagesFor(simulator),
      requests: lowerBound,
    });
    expect(progress.some((p) => p.phase === 'saving')).toBe(true);
    expect(progress.some((p) => p.phase === 'following-reissues')).toBe(true);
    // Pages read only grow, and a time estimate is given once the total is known.
    const pages = progress.map((p) => p.pagesRead);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(
      progress
        .filter((p) => p.totalPages !== null && p.phase !== 'done')
        .every((p) => p.estimatedSecondsLeft !== null && p.estimatedSecondsLeft >= 0),
    ).toBe(true);

    const second = await syncInto(temp, api);
    expect(second).toMatchObject({ ok: true, requests: pagesFor(simulator), changes: [], warnings: [] });
    const history = temp.store.history.syncHistory(ENV);
    expect(history.map((record) => [record.outcome, record.requests])).toEqual([
      ['ok', pagesFor(simulator)],
      ['ok', lowerBound],
    ]);
  });

  it('follows a lineage of depth 3 and reports the reissues as old → new', async () => {
    const temp = newStore();
    const api = testClient(simulator);
    const root = simulator.addCertificate({ hostName: 'depth3.example.com', status: 'active' });
    await syncInto(temp, api);

    const middle = simulator.reissueExternally(root.certificateId);
    simulator.issuePending();
    const newest = simulator.reissueExternally(middle.certificateId);
    const summary = await syncInto(temp, api);
    expect(summary.ok).toBe(true);
    // Only the list pages and the two newly replaced certificates.
    expect(summary.requests).toBe(pagesFor(simulator) + 2);
    const service = servicesOf(temp).find((candidate) => candidate.certificateId === newest.certificateId);
    expect(service).toMatchObject({
      previousCertificateIds: [root.certificateId, middle.certificateId],
      hostName: 'depth3.example.com',
      status: 'purchased',
      reissueState: 'pending',
    });
    expect(summary.changes).toContainEqual({
      kind: 'reissued',
      certificateId: newest.certificateId,
      hostName: 'depth3.example.com',
      fromCertificateId: root.certificateId,
      toCertificateId: newest.certificateId,
    });

    simulator.issuePending();
    await syncInto(temp, api);
    expect(servicesOf(temp).find((candidate) => candidate.certificateId === newest.certificateId)?.reissueState).toBe(
      'reissued',
    );
  });

  it('neither loses nor doubles a certificate reissued or added while the list is read', async () => {
    const temp = newStore();
    const api = testClient(simulator);
    await syncInto(temp, api);
    const onFirstPage = simulator
      .certificates()
      .filter((certificate) => certificate.status === 'active' && certificate.hostName !== '')
      .slice(0, 2);
    const [first, second] = onFirstPage;
    if (first === undefined || second === undefined)
      throw new Error('the seeded account has too few active certificates');

    let reissued: number[] = [];
    let added = 0;
    const racing = interceptedApi(api, {
      afterListPage: (page) => {
        if (page === 1) {
          reissued = [
            simulator.reissueExternally(first.certificateId).certificateId,
            simulator.reissueExternally(second.certificateId).certificateId,
          ];
          added = simulator.addCertificate({
            hostName: 'bought-meanwhile.example.com',
            status: 'newpurchase',
          }).certificateId;
        }
      },
    });
    const during = await runSync({ api: racing, store: temp.store, environment: ENV, rateBudget: GENEROUS_BUDGET });
    expect(during.ok).toBe(true);
    assertNoLineageTwice(servicesOf(temp), simulator);
    // The two new certificates were read after their predecessors: left for the next sync.
    expect(during.warnings.some((warning) => warning.includes('appeared while this sync was reading'))).toBe(true);
    for (const newId of reissued)
      expect(servicesOf(temp).some((service) => service.certificateId === newId)).toBe(false);
    // The purchase cannot be a reissue of anything read before: it is kept at once.
    expect(servicesOf(temp).some((service) => service.certificateId === added)).toBe(true);

    const after = await syncInto(temp, api);
    expect(after.ok).toBe(true);
    const services = servicesOf(temp);
    assertNoLineageTwice(services, simulator);
    expect(serviceLineages(services)).toEqual(simulatorLineages(simulator));
    for (const [index, newId] of reissued.entries()) {
      expect(services.find((service) => service.certificateId === newId)?.previousCertificateIds.at(-1)).toBe(
        onFirstPage[index]?.certificateId,
      );
    }
  });

  it('stays consistent while the simulator keeps changing the list between pages', async () => {
    const temp = newStore();
    const api = testClient(simulator);
    const countBefore = simulator.certificates().length;
    simulator.setFaults({ listChangeRate: 0.5 });
    try {
      for (let round = 0; round < 4; round += 1) {
        const summary = await syncInto(temp, api);
        expect(summary.ok).toBe(true);
        assertNoLineageTwice(servicesOf(temp), simulator);
      }
    } finally {
      simulator.setFaults({});
    }
    expect(simulator.certificates().length).toBeGreaterThan(countBefore);
    await syncInto(temp, api);
    expect(serviceLineages(servicesOf(temp))).toEqual(simulatorLineages(simulator));
  });
});

describe('runSync under faults', () => {
  const FAULT_KINDS = [
    'http500Rate',
    'http502Rate',
    'http503Rate',
    'resetRate',
    'truncatedRate',
    'malformedRate',
    'throttle500000Rate',
    'throttle405Rate',
    'unhandledErrorRate',
  ] as const;
  let simulator: Simulator;
  let reference: unknown;
  beforeAll(async () => {
    simulator = await startTestSimulator({ seed: 23, count: 220 });
    const temp = newStore();
    const summary = await runSync({
      api: testClient(simulator),
      store: temp.store,
      environment: ENV,
      rateBudget: GENEROUS_BUDGET,
    });
    expect(summary.ok).toBe(true);
    reference = comparableCache(temp.store.cache.read(ENV));
  });
  afterAll(async () => {
    await simulator.close();
  });

  it.each(FAULT_KINDS)('reaches the same cache as a fault-free run with %s at a 20 percent rate', async (kind) => {
    const temp = newStore();
    const api = testClient(simulator);
    simulator.setFaults({ [kind]: 0.2 });
    simulator.clearRequestLog();
    try {
      const summary = await syncInto(temp, api);
      expect(summary.error).toBeUndefined();
      expect(summary.ok).toBe(true);
    } finally {
      simulator.setFaults({});
    }
    // The faults really happened and were retried.
    expect(simulator.requestLog.some((entry) => entry.outcome !== 'ok')).toBe(true);
    expect(comparableCache(temp.store.cache.read(ENV))).toEqual(reference);
  });
});

describe('runSync failures leave the cache exactly as it was', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startTestSimulator({ seed: 5, count: 230 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  async function syncedStore(): Promise<TempStore> {
    const temp = newStore();
    const summary = await runSync({
      api: testClient(simulator),
      store: temp.store,
      environment: ENV,
      rateBudget: GENEROUS_BUDGET,
    });
    expect(summary.ok).toBe(true);
    simulator.addCertificate({ hostName: 'changed-since.example.com', status: 'active' });
    return temp;
  }

  it('ends at a permanent error with that error, the old cache byte-identical and a failed record', async () => {
    const temp = await syncedStore();
    const before = cacheBytes(temp.dataDir);
    const summary = await runSync({
      api: testClient(simulator, { apiKey: 'wrong-key-0000000000000000000000' }),
      store: temp.store,
      environment: ENV,
      rateBudget: GENEROUS_BUDGET,
    });
    expect(summary).toMatchObject({ ok: false, cancelled: false, error: { code: 'bad-credentials' } });
    expect(summary.error?.message).toMatch(/API key/);
    expect(summary.error?.message).not.toContain('wrong-key');
    expect(cacheBytes(temp.dataDir)).toEqual(before);
    expect(temp.store.history.syncHistory(ENV)[0]).toMatchObject({ outcome: 'failed', error: summary.error?.message });
  });

  it('stops at a permanent error in the middle (after some pages) without committing', async () => {
    const temp = await syncedStore();
    simulator.reissueExternally(
      simulator.certificates().find((certificate) => certificate.status === 'active')?.certificateId ?? 0,
    );
    const before = cacheBytes(temp.dataDir);
    const failing = interceptedApi(testClient(simulator), {
      beforeGetInfo: () => {
        throw new WvphostError(
          'api-error',
          'Wvphost returned an error for the certificate details (getInfo): [9999] boom.',
        );
      },
    });
    const summary = await runSync({ api: failing, store: temp.store, environment: ENV, rateBudget: GENEROUS_BUDGET });
    expect(summary).toMatchObject({ ok: false, error: { code: 'api-error' } });
    expect(cacheBytes(temp.dataDir)).toEqual(before);
  });

  it('cancels: resolves as cancelled, commits nothing, records the cancel', async () => {
    const temp = await syncedStore();
    const before = cacheBytes(temp.dataDir);
    const controller = new AbortController();
    const cancelling = interceptedApi(testClient(simulator), { afterListPage: () => controller.abort() });
    const summary = await runSync({
      api: cancelling,
      store: temp.store,
      environment: ENV,
      rateBudget: GENEROUS_BUDGET,
      signal: controller.signal,
    });
    expect(summary).toMatchObject({ ok: false, cancelled: true, error: { code: 'cancelled' } });
    expect(cacheBytes(temp.dataDir)).toEqual(before);
    expect(temp.store.history.syncHistory(ENV)[0]?.outcome).toBe('cancelled');
  });

  it('cancels before the first request', async () => {
    const temp = newStore();
    const controller = new AbortController();
    controller.abort();
    const summary = await runSync({
      api: testClient(simulator),
      store: temp.store,
      environment: ENV,
      rateBudget: GENEROUS_BUDGET,
      signal: controller.signal,
    });
    expect(summary).toMatchObject({ ok: false, cancelled: true, requests: 0 });
    expect(cacheBytes(temp.dataDir)).toBeNull();
  });
});

describe('offset setting and local reissues', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startTestSimulator({ seed: 3, count: 40 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('derives due dates from the offset setting without a new sync', async () => {
    const temp = newStore();
    await runSync({ api: testClient(simulator), store: temp.store, environment: ENV, rateBudget: GENEROUS_BUDGET });
    const dated = servicesOf(temp).find((service) => service.expireDate !== null);
    expect(dated?.dueDate).toBe(dated?.expireDate);
    temp.store.settings.update({ dueDateOffsetDays: 30 });
    const shifted = servicesOf(temp).find((service) => service.certificateId === dated?.certificateId);
    const expected = new Date(`${dated?.expireDate ?? ''}T00:00:00Z`);
    expected.setUTCDate(expected.getUTCDate() - 30);
    expect(shifted?.dueDate).toBe(expected.toISOString().slice(0, 10));
    expect(shifted?.daysLeft).toBe(dated?.daysLeft);
  });

  it('keeps a reissue submitted from this app pending until a sync confirms it, then drops the local link', async () => {
    const temp = newStore();
    const api = testClient(simulator);
    await syncInto(temp, api);
    const target = simulator
      .certificates()
      .find((certificate) => certificate.status === 'active' && certificate.hostName !== '');
    if (target === undefined) throw new Error('no active certificate');
    const created = simulator.reissueExternally(target.certificateId);
    // What the actions do right after a successful reissue reply.
    const cache = temp.store.cache.read(ENV);
    temp.store.cache.commit(ENV, {
      ...cache,
      localReissues: { [String(target.certificateId)]: created.certificateId },
    });
    expect(servicesOf(temp).find((service) => service.certificateId === created.certificateId)).toMatchObject({
      previousCertificateIds: [target.certificateId],
      reissueState: 'pending',
    });

    const summary = await syncInto(temp, api);
    expect(summary.ok).toBe(true);
    expect(temp.store.cache.read(ENV).localReissues).toEqual({});
    expect(temp.store.cache.read(ENV).replacedBy[String(target.certificateId)]).toBe(created.certificateId);
    expect(serviceLineages(servicesOf(temp))).toEqual(simulatorLineages(simulator));
  });
});

describe('bounded sync history', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startTestSimulator({ seed: 5, count: 800 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('keeps at most MAX_HISTORY_CHANGES changes per history record, while the summary has them all', async () => {
    const temp = newStore();
    const api = testClient(simulator);
    const first = await syncInto(temp, api);
    expect(first.ok).toBe(true);
    expect(first.changes.length).toBeGreaterThan(MAX_HISTORY_CHANGES);
    expect(first.changes.filter((change) => change.kind === 'added')).toHaveLength(first.services);
    const [stored] = temp.store.history.syncHistory(ENV);
    expect(stored?.changes).toHaveLength(MAX_HISTORY_CHANGES);
    expect(stored?.changesTruncated).toBe(true);
    expect(stored?.totalChanges).toBe(first.changes.length);
    // The informative changes (here: needs-activation) are all kept before `added` entries.
    const informative = first.changes.filter((change) => change.kind !== 'added');
    expect(informative.length).toBeGreaterThan(0);
    expect(stored?.changes.filter((change) => change.kind !== 'added')).toEqual(informative);

    // A small sync afterwards is stored whole, without the truncation fields.
    const target = simulator.certificates().find((c) => c.status === 'active' && c.hostName !== '');
    if (target === undefined) throw new Error('no active certificate');
    simulator.reissueExternally(target.certificateId);
    const second = await syncInto(temp, api);
    expect(second.ok).toBe(true);
    const [latest] = temp.store.history.syncHistory(ENV);
    expect(latest?.changes).toEqual(second.changes);
    expect(latest?.changes.some((change) => change.kind === 'reissued')).toBe(true);
    expect(latest?.changesTruncated).toBeUndefined();
    expect(latest?.totalChanges).toBeUndefined();
  });
});
