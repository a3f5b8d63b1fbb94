import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_ATTEMPTS, LOCK_DURATION_MS } from '../../sim/auth.ts';
import { startSimulator } from '../../sim/index.ts';
import type { Simulator } from '../../sim/types.ts';
import { DEMO_CREDENTIALS } from '../../sim/types.ts';
import { FIXED_NOW, call, errorNumbers, parse, send, startTestSimulator } from './sim-support.ts';

describe('simulator envelope, transport and global parameters', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('binds to 127.0.0.1 and serves /xml.response with the demo credentials by default', () => {
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}/xml.response`);
    expect(sim.credentials).toEqual(DEMO_CREDENTIALS);
  });

  it('answers an OK envelope with every element of §3', async () => {
    const reply = await send(sim, { Command: 'namecheap.ssl.getList' });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('xmlns="http://api.namecheap.com/xml.response"');
    const envelope = parse(reply.text);
    expect(envelope['@Status']).toBe('OK');
    expect(envelope.RequestedCommand).toBe('namecheap.ssl.getlist');
    expect(envelope.CommandResponse['@Type']).toBe('namecheap.ssl.getList');
    expect(envelope.Server).toBe('WVP01API02');
    expect(envelope.GMTTimeDifference).toBe('--5:00');
    expect(Number(envelope.ExecutionTime)).toBeGreaterThanOrEqual(0);
    expect(envelope).toHaveProperty('Errors');
  });

  it('accepts GET and POST and parameter names in any case', async () => {
    const viaGet = await call(sim, { cOmMaNd: 'NAMECHEAP.SSL.GETLIST', pagesize: 10 }, { method: 'GET' });
    const viaPost = await call(sim, { COMMAND: 'namecheap.ssl.getList', PAGESIZE: '10' }, { method: 'POST' });
    expect(viaGet['@Status']).toBe('OK');
    expect(viaGet.CommandResponse.SSLListResult.SSL).toEqual(viaPost.CommandResponse.SSLListResult.SSL);
    expect(viaGet.RequestedCommand).toBe('namecheap.ssl.getlist');
    const mixedCredentials = await call(
      sim,
      {
        apiuser: DEMO_CREDENTIALS.apiUser,
        APIKEY: DEMO_CREDENTIALS.apiKey,
        username: DEMO_CREDENTIALS.userName,
        clientIP: DEMO_CREDENTIALS.clientIp,
        Command: 'namecheap.ssl.getList',
      },
      { credentials: false },
    );
    expect(mixedCredentials['@Status']).toBe('OK');
  });

  it.each([
    ['ApiUser', 1010101],
    ['ApiKey', 1010102],
    ['Command', 1010104],
    ['ClientIp', 1010105],
  ])('reports a missing %s as %i with an empty RequestedCommand', async (missing, number) => {
    const params: Record<string, string> = {
      ApiUser: DEMO_CREDENTIALS.apiUser,
      ApiKey: DEMO_CREDENTIALS.apiKey,
      UserName: DEMO_CREDENTIALS.userName,
      ClientIp: DEMO_CREDENTIALS.clientIp,
      Command: 'namecheap.ssl.getList',
    };
    delete params[missing];
    const envelope = await call(sim, params, { credentials: false });
    expect(envelope['@Status']).toBe('ERROR');
    expect(errorNumbers(envelope)).toEqual([number]);
    expect(envelope.RequestedCommand ?? '').toBe('');
    expect(envelope.CommandResponse).toBeUndefined();
    expect(envelope.Server).toBe('WVP01API02');
  });

  it('rejects a wrong key with 1011102 and a foreign ClientIp with 1011150', async () => {
    const wrongKey = await call(sim, { Command: 'namecheap.ssl.getList', ApiKey: 'nope' });
    expect(errorNumbers(wrongKey)).toEqual([1011102]);
    const badKey = await call(
      sim,
      {
        ApiUser: 'someoneelse',
        ApiKey: 'wrong',
        UserName: 'someoneelse',
        ClientIp: '127.0.0.1',
        Command: 'namecheap.ssl.getList',
      },
      { credentials: false },
    );
    expect(errorNumbers(badKey)).toEqual([1011102]);
    const foreign = await call(
      sim,
      {
        ApiUser: DEMO_CREDENTIALS.apiUser,
        ApiKey: DEMO_CREDENTIALS.apiKey,
        UserName: DEMO_CREDENTIALS.userName,
        ClientIp: '10.1.2.3',
        Command: 'namecheap.ssl.getList',
      },
      { credentials: false },
    );
    expect(errorNumbers(foreign)).toEqual([1011150]);
    expect(foreign.Errors.Error[0]['#text']).toContain('10.1.2.3');
  });

  it('answers an unknown command with an ERROR that names it', async () => {
    const envelope = await call(sim, { Command: 'namecheap.ssl.doesNotExist' });
    expect(envelope['@Status']).toBe('ERROR');
    expect(errorNumbers(envelope)).toEqual([1011104]);
    expect(envelope.RequestedCommand).toBe('namecheap.ssl.doesnotexist');
  });

  it('logs every request with its command, method, user and outcome, and counts per command', async () => {
    sim.clearRequestLog();
    await send(sim, { Command: 'namecheap.ssl.getList' }, { method: 'GET' });
    await send(sim, { Command: 'namecheap.ssl.GetInfo', CertificateID: 1 });
    expect(sim.requestCount()).toBe(2);
    expect(sim.requestCount('namecheap.ssl.getlist')).toBe(1);
    expect(sim.requestCount('namecheap.ssl.getInfo')).toBe(1);
    const [first, second] = sim.requestLog;
    expect(first).toMatchObject({ command: 'namecheap.ssl.getlist', method: 'GET', apiUser: 'wvpdemo', outcome: 'ok' });
    expect(second).toMatchObject({ command: 'namecheap.ssl.getinfo', method: 'POST', outcome: 'error:2011294' });
    expect(first?.at).toBeGreaterThan(0);
  });
});

describe('simulator lock-out after repeated bad keys', () => {
  it(`locks the API user after ${LOCK_ATTEMPTS} bad keys (1017411), even for the right key, until the lock expires`, async () => {
    const sim = await startTestSimulator({ count: 5 });
    try {
      const bad = {
        ApiUser: DEMO_CREDENTIALS.apiUser,
        ApiKey: 'wrong-key',
        UserName: DEMO_CREDENTIALS.userName,
        ClientIp: '127.0.0.1',
        Command: 'namecheap.ssl.getList',
      };
      for (let attempt = 1; attempt < LOCK_ATTEMPTS; attempt += 1) {
        expect(errorNumbers(await call(sim, bad, { credentials: false }))).toEqual([1011102]);
      }
      // A success in between resets the count.
      expect((await call(sim, { Command: 'namecheap.ssl.getList' }))['@Status']).toBe('OK');
      for (let attempt = 1; attempt < LOCK_ATTEMPTS; attempt += 1) await call(sim, bad, { credentials: false });
      expect(errorNumbers(await call(sim, bad, { credentials: false }))).toEqual([1011102]);
      expect(errorNumbers(await call(sim, { Command: 'namecheap.ssl.getList' }))).toEqual([1017411]);
      expect(errorNumbers(await call(sim, bad, { credentials: false }))).toEqual([1017411]);
      sim.advanceClock(LOCK_DURATION_MS + 1000);
      expect((await call(sim, { Command: 'namecheap.ssl.getList' }))['@Status']).toBe('OK');
    } finally {
      await sim.close();
    }
  });
});

describe('simulator seeding', () => {
  it('gives the same account for the same seed and count, and another for another seed', async () => {
    const options = { count: 120, rateLimits: false as const, now: () => FIXED_NOW };
    const [a, b, c] = await Promise.all([
      startSimulator({ ...options, seed: 9 }),
      startSimulator({ ...options, seed: 9 }),
      startSimulator({ ...options, seed: 10 }),
    ]);
    try {
      expect(a.certificates()).toHaveLength(120);
      expect(JSON.stringify(a.certificates())).toBe(JSON.stringify(b.certificates()));
      expect(JSON.stringify(a.certificates())).not.toBe(JSON.stringify(c.certificates()));
      const pageA = await send(a, { Command: 'namecheap.ssl.getList', PageSize: 100, Page: 2 });
      const pageB = await send(b, { Command: 'namecheap.ssl.getList', PageSize: 100, Page: 2 });
      expect(pageA.text.replace(/<ExecutionTime>.*<\/ExecutionTime>/, '')).toBe(
        pageB.text.replace(/<ExecutionTime>.*<\/ExecutionTime>/, ''),
      );
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('seeds a realistic mix relative to today', async () => {
    const sim = await startTestSimulator({ count: 600, seed: 5 });
    try {
      const all = sim.certificates();
      const today = new Date(FIXED_NOW.getFullYear(), FIXED_NOW.getMonth(), FIXED_NOW.getDate()).getTime();
      const daysLeft = (date: Date | null): number =>
        date === null ? Number.NaN : Math.round((date.getTime() - today) / 86_400_000);
      const statuses = new Set(all.map((c) => c.status));
      for (const status of ['active', 'expired', 'cancelled', 'newpurchase', 'newrenewal', 'purchased', 'replaced'])
        expect(statuses).toContain(status);
      const active = all.filter((c) => c.status === 'active');
      expect(active.length / all.length).toBeGreaterThan(0.4);
      expect(active.some((c) => daysLeft(c.expireDate) >= 0 && daysLeft(c.expireDate) <= 7)).toBe(true);
      expect(active.some((c) => daysLeft(c.expireDate) > 7 && daysLeft(c.expireDate) <= 30)).toBe(true);
      expect(active.some((c) => daysLeft(c.expireDate) > 30 && daysLeft(c.expireDate) <= 90)).toBe(true);
      expect(all.filter((c) => c.status === 'expired').every((c) => daysLeft(c.expireDate) < 0)).toBe(true);
      for (const c of all.filter((x) => x.status === 'newpurchase' || x.status === 'newrenewal')) {
        expect(c.hostName).toBe('');
        expect(c.expireDate).toBeNull();
      }
      expect(all.every((c) => c.purchaseDate === null || daysLeft(c.purchaseDate) <= 0)).toBe(true);
      expect(all.some((c) => c.hostName.startsWith('*.') && /wildcard/i.test(c.sslType))).toBe(true);
      expect(all.some((c) => /(^|\.)xn--/.test(c.hostName))).toBe(true);
      expect(new Set(all.map((c) => c.sslType)).size).toBeGreaterThanOrEqual(5);

      // Reissue chains: every replaced certificate points at a newer one with the same host,
      // type, expiry and order; chains reach depth 3.
      const byId = new Map(all.map((c) => [c.certificateId, c]));
      let deepest = 0;
      for (const start of all.filter((c) => c.status !== 'replaced')) {
        const predecessors = all.filter((c) => c.replacedBy === start.certificateId);
        expect(predecessors.length).toBeLessThanOrEqual(1);
      }
      for (const old of all.filter((c) => c.status === 'replaced')) {
        const next = byId.get(old.replacedBy ?? -1);
        expect(next).toBeDefined();
        expect(next!.certificateId).toBeGreaterThan(old.certificateId);
        expect(next!.hostName).toBe(old.hostName);
        expect(next!.sslType).toBe(old.sslType);
        expect(next!.expireDate?.getTime()).toBe(old.expireDate?.getTime());
        expect(next!.orderId).toBe(old.orderId);
        let depth = 0;
        let cursor: typeof old | undefined = old;
        while (cursor?.replacedBy) {
          depth += 1;
          cursor = byId.get(cursor.replacedBy);
        }
        deepest = Math.max(deepest, depth);
      }
      expect(deepest).toBe(3);
      // Ids ascend and are unique.
      const ids = all.map((c) => c.certificateId);
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await sim.close();
    }
  });
});
