import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../sim/types.ts';
import { EVERY_FAULT_AT_5_PERCENT } from '../helpers/fault-mix.ts';
import { call, errorNumbers, parse, send, startTestSimulator } from './sim-support.ts';

/** A POST that reports a reset instead of throwing, so a test can assert on it. */
function rawPost(
  sim: Simulator,
  body: string,
): Promise<{ reset: true } | { reset: false; status: number; text: string }> {
  return new Promise((resolve) => {
    const req = request(
      sim.url,
      { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Connection: 'close' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ reset: false, status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', () => resolve({ reset: true }));
      },
    );
    req.on('error', () => resolve({ reset: true }));
    req.end(body);
  });
}

function form(sim: Simulator, params: Record<string, string | number>): string {
  const { apiUser, apiKey, userName, clientIp } = sim.credentials;
  return new URLSearchParams({
    ApiUser: apiUser,
    ApiKey: apiKey,
    UserName: userName,
    ClientIp: clientIp,
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
  }).toString();
}

describe('simulator fault injection', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSimulator({ count: 80, seed: 6 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it.each([
    ['http500Rate', 500],
    ['http502Rate', 502],
    ['http503Rate', 503],
    ['throttle405Rate', 405],
  ] as const)('%s = 1 answers HTTP %i and logs it', async (rate, status) => {
    sim.setFaults({ [rate]: 1 });
    sim.clearRequestLog();
    const reply = await send(sim, { Command: 'namecheap.ssl.getList' });
    expect(reply.status).toBe(status);
    expect(reply.text).not.toContain('<ApiResponse');
    expect(sim.requestLog[0]?.outcome).toBe(`http-${status}`);
  });

  it('throttle500000Rate and unhandledErrorRate answer HTTP 200 ERROR envelopes', async () => {
    sim.setFaults({ throttle500000Rate: 1 });
    expect(errorNumbers(await call(sim, { Command: 'namecheap.ssl.getList' }))).toEqual([500000]);
    sim.setFaults({ unhandledErrorRate: 1 });
    expect(errorNumbers(await call(sim, { Command: 'namecheap.ssl.getList' }))).toEqual([5050900]);
    expect(sim.requestLog.at(-1)?.outcome).toBe('error:5050900');
  });

  it('resetRate destroys the connection without an answer', async () => {
    sim.setFaults({ resetRate: 1 });
    sim.clearRequestLog();
    const reply = await rawPost(sim, form(sim, { Command: 'namecheap.ssl.getList' }));
    expect(reply.reset).toBe(true);
    expect(sim.requestLog[0]?.outcome).toBe('reset');
  });

  it('truncatedRate cuts a real envelope; malformedRate sends XML that is not well-formed', async () => {
    sim.setFaults({ truncatedRate: 1 });
    const truncated = await send(sim, { Command: 'namecheap.ssl.getList' });
    expect(truncated.status).toBe(200);
    expect(truncated.text.startsWith('<?xml')).toBe(true);
    expect(truncated.text).not.toContain('</ApiResponse>');
    expect(() => parse(truncated.text)).toThrow(/not well-formed/);
    sim.setFaults({ malformedRate: 1 });
    const malformed = await send(sim, { Command: 'namecheap.ssl.getList' });
    expect(malformed.status).toBe(200);
    expect(malformed.text).toContain('<ApiResponse Status="OK"');
    expect(() => parse(malformed.text)).toThrow(/not well-formed/);
    expect(sim.requestLog.slice(-2).map((e) => e.outcome)).toEqual(['truncated', 'malformed']);
  });

  it('a faulted mutating command is not carried out', async () => {
    const purchased = sim.certificates().filter((c) => c.status === 'active').length;
    sim.setFaults({ truncatedRate: 1 });
    const active = sim.certificates().find((c) => c.status === 'active')!;
    await send(sim, { Command: 'namecheap.ssl.renew', CertificateID: active.certificateId, SSLType: active.sslType });
    expect(sim.certificates().filter((c) => c.status === 'active').length).toBe(purchased);
  });

  it('latencyMs delays the answer by at least its minimum', async () => {
    sim.setFaults({ latencyMs: [150, 160] });
    const started = performance.now();
    const envelope = await call(sim, { Command: 'namecheap.ssl.getList' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(envelope['@Status']).toBe('OK');
  });

  it('commands restricts faults to the named commands', async () => {
    sim.setFaults({ http503Rate: 1, commands: ['namecheap.ssl.getInfo'] });
    expect((await send(sim, { Command: 'namecheap.ssl.getList' })).status).toBe(200);
    const active = sim.certificates().find((c) => c.status === 'active')!;
    expect((await send(sim, { Command: 'NameCheap.SSL.GetInfo', CertificateID: active.certificateId })).status).toBe(
      503,
    );
  });

  it('listChangeRate changes the account between two getList pages', async () => {
    sim.setFaults({});
    const first = await call(sim, { Command: 'namecheap.ssl.getList', PageSize: 10, Page: 1 });
    const before = Number(first.CommandResponse.Paging.TotalItems);
    const countBefore = sim.certificates().length;
    const replacedBefore = sim.certificates().filter((c) => c.status === 'replaced').length;
    sim.setFaults({ listChangeRate: 1 });
    // Page 1 never changes the list; later pages do, every time at rate 1.
    await call(sim, { Command: 'namecheap.ssl.getList', PageSize: 10, Page: 1 });
    expect(sim.certificates().length).toBe(countBefore);
    for (let page = 2; page <= 5; page += 1)
      await call(sim, { Command: 'namecheap.ssl.getList', PageSize: 10, Page: page });
    const last = await call(sim, { Command: 'namecheap.ssl.getList', PageSize: 10, Page: 6 });
    const changes = sim.certificates().length - countBefore;
    expect(changes).toBe(5);
    expect(Number(last.CommandResponse.Paging.TotalItems)).toBe(before + 5);
    // Both kinds of change happen over a few pages: new certificates and reissues.
    const reissues = sim.certificates().filter((c) => c.status === 'replaced').length - replacedBefore;
    expect(reissues).toBeGreaterThan(0);
    expect(changes - reissues).toBeGreaterThan(0);
    sim.setFaults({});
  });

  it('stays healthy under every fault at once with concurrent requests; the log records each one', async () => {
    sim.setFaults({ ...EVERY_FAULT_AT_5_PERCENT, listChangeRate: 0.3 });
    sim.clearRequestLog();
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        rawPost(sim, form(sim, { Command: 'namecheap.ssl.getList', Page: (i % 4) + 1, PageSize: 10 })),
      ),
    );
    sim.setFaults({});
    expect(sim.requestCount('namecheap.ssl.getList')).toBe(200);
    const outcomes = new Set(sim.requestLog.map((entry) => entry.outcome));
    for (const outcome of [
      'ok',
      'reset',
      'http-500',
      'http-502',
      'http-503',
      'http-405',
      'truncated',
      'malformed',
      'error:500000',
      'error:5050900',
    ]) {
      expect(outcomes).toContain(outcome);
    }
    const resets = replies.filter((reply) => reply.reset).length;
    expect(resets).toBe(sim.requestLog.filter((entry) => entry.outcome === 'reset').length);
    // Still serving normally afterwards.
    expect((await call(sim, { Command: 'namecheap.ssl.getList' }))['@Status']).toBe('OK');
  });

  it('draws faults reproducibly from the seed at partial rates', async () => {
    const outcomes = async (): Promise<string[]> => {
      const fresh = await startTestSimulator({
        count: 10,
        seed: 77,
        faults: { http500Rate: 0.3, throttle500000Rate: 0.2 },
      });
      try {
        for (let i = 0; i < 30; i += 1) await send(fresh, { Command: 'namecheap.ssl.getList' });
        return fresh.requestLog.map((entry) => entry.outcome);
      } finally {
        await fresh.close();
      }
    };
    const [a, b] = [await outcomes(), await outcomes()];
    expect(a).toEqual(b);
    expect(a).toContain('ok');
    expect(a).toContain('http-500');
    expect(a).toContain('error:500000');
  });
});
