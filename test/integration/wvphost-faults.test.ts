import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultOptions, Simulator } from '../../sim/types.ts';
import { WvphostError } from '../../main/wvphost/errors.ts';
import type { WvphostErrorKind } from '../../main/wvphost/error-kinds.ts';
import type { CertificateInfo, ListItem } from '../../main/wvphost/types.ts';
import { EVERY_FAULT_AT_5_PERCENT } from '../helpers/fault-mix.ts';
import { expectWvphostError, makeCsr, startTestSimulator, testClient } from './wvphost-test-support.ts';

interface FaultCase {
  readonly name: string;
  readonly faults: FaultOptions;
  /** The sim's request-log outcome that proves the fault happened. */
  readonly outcome: string;
  /** What the client reports when the fault never lets up. */
  readonly kind: WvphostErrorKind;
}

const CASES: readonly FaultCase[] = [
  { name: 'HTTP 500', faults: { http500Rate: 0.4 }, outcome: 'http-500', kind: 'transient' },
  { name: 'HTTP 502', faults: { http502Rate: 0.4 }, outcome: 'http-502', kind: 'transient' },
  { name: 'HTTP 503', faults: { http503Rate: 0.4 }, outcome: 'http-503', kind: 'transient' },
  { name: 'connection reset', faults: { resetRate: 0.4 }, outcome: 'reset', kind: 'transient' },
  { name: 'truncated body', faults: { truncatedRate: 0.4 }, outcome: 'truncated', kind: 'malformed-response' },
  { name: 'malformed XML', faults: { malformedRate: 0.4 }, outcome: 'malformed', kind: 'malformed-response' },
  { name: 'throttle 500000', faults: { throttle500000Rate: 0.4 }, outcome: 'error:500000', kind: 'throttled' },
  { name: 'throttle HTTP 405', faults: { throttle405Rate: 0.4 }, outcome: 'http-405', kind: 'throttled' },
  { name: 'unhandled error 5050900', faults: { unhandledErrorRate: 0.4 }, outcome: 'error:5050900', kind: 'transient' },
];

function always(faults: FaultOptions): FaultOptions {
  return Object.fromEntries(Object.entries(faults).map(([key, value]) => [key, typeof value === 'number' ? 1 : value]));
}

describe('WvphostClient under injected faults: the right answer or a typed error', () => {
  let sim: Simulator;
  let baselineList: readonly ListItem[];
  let baselineInfo: CertificateInfo;
  let activeId: number;

  beforeAll(async () => {
    sim = await startTestSimulator({ count: 150, seed: 21 });
    const client = testClient(sim);
    baselineList = await client.getList();
    const active = baselineList.find((item) => item.status.toLowerCase() === 'active' && item.hostName !== '');
    if (active === undefined) throw new Error('no active certificate in the seeded account');
    activeId = active.certificateId;
    baselineInfo = await client.getInfo(activeId, { returnCertificate: 'Individual' });
    expect(baselineList.length).toBeGreaterThan(100);
  });
  afterAll(async () => {
    await sim.close();
  });

  for (const fault of CASES) {
    it(`${fault.name}: retried until the same data as without faults`, async () => {
      sim.setFaults(fault.faults);
      sim.clearRequestLog();
      try {
        const client = testClient(sim, { maxRetries: 10 });
        for (let round = 0; round < 3; round++) {
          expect(await client.getList()).toEqual(baselineList);
          expect(await client.getInfo(activeId, { returnCertificate: 'Individual' })).toEqual(baselineInfo);
        }
        const outcomes = sim.requestLog.map((entry) => entry.outcome);
        expect(outcomes).toContain(fault.outcome);
        expect(client.requestsSent).toBe(sim.requestCount());
      } finally {
        sim.setFaults({});
      }
    });

    it(`${fault.name}: when it never lets up, a typed ${fault.kind} error after the retries`, async () => {
      sim.setFaults(always(fault.faults));
      try {
        const client = testClient(sim, { maxRetries: 2 });
        const error = await expectWvphostError(client.getList(), fault.kind);
        expect(error.attempts).toBe(3);
        expect(client.requestsSent).toBe(3);
        expect(error.message).not.toContain(sim.credentials.apiKey);
      } finally {
        sim.setFaults({});
      }
    });
  }

  it('added latency: same data', async () => {
    sim.setFaults({ latencyMs: [5, 40] });
    try {
      const client = testClient(sim);
      expect(await client.getList()).toEqual(baselineList);
      expect(await client.getInfo(activeId, { returnCertificate: 'Individual' })).toEqual(baselineInfo);
    } finally {
      sim.setFaults({});
    }
  });

  it('latency beyond the per-request timeout: retried, then timeout', async () => {
    sim.setFaults({ latencyMs: [400, 400] });
    try {
      const client = testClient(sim, { timeoutMs: 100, maxRetries: 1 });
      const error = await expectWvphostError(client.getListPage({}), 'timeout');
      expect(error.attempts).toBe(2);
      expect(error.message).toMatch(/did not answer the request for the certificate list \(getList\) within 100 ms/);
    } finally {
      sim.setFaults({});
    }
  });

  it('all faults mixed: every call is right or a typed error, never a crash', async () => {
    sim.setFaults(EVERY_FAULT_AT_5_PERCENT);
    try {
      const client = testClient(sim, { maxRetries: 3 });
      let right = 0;
      for (let round = 0; round < 8; round++) {
        try {
          expect(await client.getList()).toEqual(baselineList);
          expect(await client.getInfo(activeId, { returnCertificate: 'Individual' })).toEqual(baselineInfo);
          right++;
        } catch (error) {
          expect(error).toBeInstanceOf(WvphostError);
          expect((error as WvphostError).retryable).toBe(true);
        }
      }
      expect(right).toBeGreaterThan(0);
    } finally {
      sim.setFaults({});
    }
  });

  it('a mutating command is not retried blindly after an ambiguous failure', async () => {
    const active = sim
      .certificates()
      .find(
        (c) =>
          c.status === 'active' && c.hostName !== '' && !/wildcard/i.test(c.sslType) && c.certificateId !== activeId,
      );
    if (active === undefined) throw new Error('no active certificate');
    const request = {
      certificateId: active.certificateId,
      csr: makeCsr(active.hostName),
      adminEmailAddress: 'it@example.com',
      webServerType: 'other',
      dcv: { kind: 'http' },
    } as const;
    sim.setFaults({ truncatedRate: 1, commands: ['namecheap.ssl.reissue'] });
    try {
      const client = testClient(sim, { maxRetries: 4 });
      const error = await expectWvphostError(client.reissue(request), 'malformed-response');
      expect(client.requestsSent).toBe(1);
      expect(error.message).toMatch(/may have carried out the reissue.*sync/);
    } finally {
      sim.setFaults({});
    }
    // Failures that prove nothing was done are retried, and the reissue then happens once.
    sim.setFaults({ http503Rate: 0.5, commands: ['namecheap.ssl.reissue'] });
    try {
      const client = testClient(sim, { maxRetries: 10 });
      const result = await client.reissue(request);
      expect(sim.certificate(active.certificateId)?.replacedBy).toBe(result.certificateId);
    } finally {
      sim.setFaults({});
    }
  });

  it('the list changing between pages: no crash, no duplicates, only real certificates', async () => {
    const client = testClient(sim);
    sim.setFaults({ listChangeRate: 1 });
    try {
      for (let round = 0; round < 3; round++) {
        const before = sim.certificates().length;
        const items = await client.getList();
        const ids = items.map((item) => item.certificateId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const item of items) {
          const source = sim.certificate(item.certificateId);
          expect(source).toBeDefined();
          expect(item.sslType).toBe(source?.sslType);
        }
        expect(items.length).toBeGreaterThanOrEqual(before - 1);
        expect(items.length).toBeLessThanOrEqual(sim.certificates().length);
      }
    } finally {
      sim.setFaults({});
    }
    // Once the account settles, the list is complete again.
    const settled = await client.getList();
    expect(settled.map((item) => item.certificateId).sort((a, b) => a - b)).toEqual(
      sim
        .certificates()
        .map((certificate) => certificate.certificateId)
        .sort((a, b) => a - b),
    );
  });
});
