import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimCertificate, Simulator } from '../../sim/types.ts';
import type { WvphostClient } from '../../main/wvphost/client.ts';
import type { WvphostError } from '../../main/wvphost/errors.ts';
import { expectWvphostError, makeCsr, startTestSimulator, testClient } from './wvphost-test-support.ts';

function activeCertificate(sim: Simulator): SimCertificate {
  const found = sim
    .certificates()
    .find((c) => c.status === 'active' && c.hostName !== '' && !/wildcard/i.test(c.sslType));
  if (found === undefined) throw new Error('no active certificate in the seeded account');
  return found;
}

/** Every API error must read `[Number] message` and never contain the key. */
function expectApiError(error: WvphostError, number: number, sim: Simulator): void {
  expect(error.numbers).toEqual([number]);
  expect(error.apiMessages).toHaveLength(1);
  expect(error.message).toContain(`[${number}] ${error.apiMessages[0] ?? ''}`);
  expect(error.message).not.toContain(sim.credentials.apiKey);
  expect(JSON.stringify(error)).not.toContain(sim.credentials.apiKey);
  expect(String(error.stack)).not.toContain(sim.credentials.apiKey);
}

describe('WvphostClient against the simulator: every error of wvphost-api.md §5', () => {
  let sim: Simulator;
  let client: WvphostClient;

  beforeAll(async () => {
    sim = await startTestSimulator({ count: 30, seed: 5 });
    client = testClient(sim);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('1010101 / 1010102: missing API user or key → bad-credentials, not retried', async () => {
    const before = sim.requestCount();
    const noUser = await expectWvphostError(
      testClient(sim, { credentials: { ...sim.credentials, apiUser: '' } }).getListPage({}),
      'bad-credentials',
    );
    expectApiError(noUser, 1010101, sim);
    const noKey = await expectWvphostError(
      testClient(sim, { credentials: { ...sim.credentials, apiKey: '' } }).getListPage({}),
      'bad-credentials',
    );
    expect(noKey.numbers).toEqual([1010102]);
    expect(noKey.message).toMatch(/API user and API key/);
    expect(sim.requestCount() - before).toBe(2);
  });

  it('1010105: missing client IP → missing-parameter', async () => {
    const error = await expectWvphostError(
      testClient(sim, { credentials: { ...sim.credentials, clientIp: '' } }).getListPage({}),
      'missing-parameter',
    );
    expectApiError(error, 1010105, sim);
  });

  it('1011102: a wrong key → bad-credentials', async () => {
    const wrong = testClient(sim, { credentials: { ...sim.credentials, apiKey: 'wrong-key-0000000000' } });
    const error = await expectWvphostError(wrong.getInfo(1), 'bad-credentials');
    expectApiError(error, 1011102, sim);
    expect(error.message).not.toContain('wrong-key-0000000000');
    expect(wrong.requestsSent).toBe(1);
  });

  it('1011150: a client IP that is not whitelisted → ip-not-whitelisted, naming the IP sent', async () => {
    const error = await expectWvphostError(
      testClient(sim, { credentials: { ...sim.credentials, clientIp: '203.0.113.77' } }).getListPage({}),
      'ip-not-whitelisted',
    );
    expectApiError(error, 1011150, sim);
    expect(error.clientIp).toBe('203.0.113.77');
    expect(error.message).toMatch(/client IP 203\.0\.113\.77 that was sent is not whitelisted/);
    expect(error.message).toMatch(/whitelisted IPs in the Wvphost account's API access settings/);
  });

  it('2011294: an unknown certificate ID → certificate-unknown', async () => {
    const error = await expectWvphostError(client.getInfo(987_654_321), 'certificate-unknown');
    expectApiError(error, 2011294, sim);
  });

  it("4011294: another account's certificate ID → certificate-unknown", async () => {
    // An id inside this account's range that is not one of its certificates belongs to another account.
    const ids = new Set(sim.certificates().map((c) => c.certificateId));
    let foreign = (sim.certificates()[0]?.certificateId ?? 0) + 1;
    while (ids.has(foreign)) foreign += 1;
    const error = await expectWvphostError(client.getInfo(foreign), 'certificate-unknown');
    expectApiError(error, 4011294, sim);
    expect(error.message).toMatch(/another account/);
  });

  it('2011331: a status that does not allow the command → status-not-allowed', async () => {
    const fresh = sim.addCertificate({ status: 'newpurchase', sslType: 'PositiveSSL', hostName: '', expireDate: null });
    const error = await expectWvphostError(
      client.reissue({
        certificateId: fresh.certificateId,
        csr: makeCsr('x.example.com'),
        adminEmailAddress: 'it@example.com',
        webServerType: 'other',
        dcv: { kind: 'http' },
      }),
      'status-not-allowed',
    );
    expectApiError(error, 2011331, sim);
    expect(error.message).toContain('the reissue');
  });

  it('2011166: a CSR for another host → invalid-csr', async () => {
    const active = activeCertificate(sim);
    const error = await expectWvphostError(
      client.reissue({
        certificateId: active.certificateId,
        csr: makeCsr('not-this-host.example.net'),
        adminEmailAddress: 'it@example.com',
        webServerType: 'other',
        dcv: { kind: 'dns' },
      }),
      'invalid-csr',
    );
    expectApiError(error, 2011166, sim);
    expect(sim.certificate(active.certificateId)?.status).toBe('active');
    const garbage = await expectWvphostError(
      client.parseCsr('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----', 'PositiveSSL'),
      'invalid-csr',
    );
    expect(garbage.numbers).toEqual([2011166]);
  });

  it('2015167 / 2011301: renew with years out of range or another SSL type', async () => {
    const soon = new Date();
    soon.setDate(soon.getDate() + 5);
    const expiring = sim.addCertificate({
      hostName: 'renew-errors.example.com',
      sslType: 'PositiveSSL',
      status: 'active',
      expireDate: soon,
    });
    const years = await expectWvphostError(
      client.renew({ certificateId: expiring.certificateId, years: 9, sslType: 'PositiveSSL' }),
      'years-out-of-range',
    );
    expectApiError(years, 2015167, sim);
    const type = await expectWvphostError(
      client.renew({ certificateId: expiring.certificateId, years: 1, sslType: 'EssentialSSL' }),
      'ssl-type-mismatch',
    );
    expectApiError(type, 2011301, sim);
  });

  it('1017411: repeated bad keys lock the account → account-locked, even with the right key', async () => {
    const lockSim = await startTestSimulator({ count: 5, seed: 2 });
    try {
      const wrong = testClient(lockSim, { credentials: { ...lockSim.credentials, apiKey: 'bad-key-for-lock' } });
      let last: WvphostError | undefined;
      for (let attempt = 0; attempt < 8 && last?.kind !== 'account-locked'; attempt++) {
        try {
          await wrong.getListPage({});
        } catch (error) {
          last = error as WvphostError;
        }
      }
      expect(last?.kind).toBe('account-locked');
      const locked = await expectWvphostError(testClient(lockSim).getListPage({}), 'account-locked');
      expectApiError(locked, 1017411, lockSim);
      expect(locked.message).toMatch(/temporarily locked/);
    } finally {
      await lockSim.close();
    }
  });

  it('500000 from the server: retried, then throttled with the number', async () => {
    sim.setFaults({ throttle500000Rate: 1 });
    try {
      const throttled = testClient(sim, { maxRetries: 2 });
      const error = await expectWvphostError(throttled.getListPage({}), 'throttled');
      expectApiError(error, 500000, sim);
      expect(throttled.requestsSent).toBe(3);
      expect(error.attempts).toBe(3);
      expect(error.message).toMatch(/rate-limiting/);
    } finally {
      sim.setFaults({});
    }
  });

  it('HTTP 405 throttle: retried, then throttled, never read as data', async () => {
    sim.setFaults({ throttle405Rate: 1 });
    try {
      const throttled = testClient(sim, { maxRetries: 1 });
      const error = await expectWvphostError(throttled.getList(), 'throttled');
      expect(error.httpStatus).toBe(405);
      expect(throttled.requestsSent).toBe(2);
    } finally {
      sim.setFaults({});
    }
  });

  it("the server's own rate limit, in either throttle form, ends as throttled", async () => {
    const tight = await startTestSimulator({
      count: 5,
      seed: 4,
      rateLimits: { perMinute: 3, perHour: 700, perDay: 8000 },
    });
    try {
      const first = testClient(tight, { maxRetries: 0 });
      for (let index = 0; index < 3; index++) await first.getListPage({});
      const error = await expectWvphostError(first.getListPage({}), 'throttled');
      if (error.numbers.length > 0) expect(error.numbers).toEqual([500000]);
      else expect(error.httpStatus).toBe(405);
      const outcomes = tight.requestLog.map((entry) => entry.outcome);
      expect(outcomes.slice(0, 3)).toEqual(['ok', 'ok', 'ok']);
      expect(['error:500000', 'http-405']).toContain(outcomes[3]);
    } finally {
      await tight.close();
    }
  });

  it('5050900: retried as transient, then transient with the number', async () => {
    sim.setFaults({ unhandledErrorRate: 1 });
    try {
      const failing = testClient(sim, { maxRetries: 3 });
      const error = await expectWvphostError(failing.getInfo(activeCertificate(sim).certificateId), 'transient');
      expectApiError(error, 5050900, sim);
      expect(failing.requestsSent).toBe(4);
      expect(error.message).toMatch(/4 attempts/);
    } finally {
      sim.setFaults({});
    }
  });
});
