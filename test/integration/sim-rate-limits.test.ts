import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../sim/index.ts';
import { errorNumbers, parse, send, startTestSimulator } from './sim-support.ts';

describe('simulator rate limits', () => {
  it('defaults to 20/min, 700/h, 8000/day', () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({ perMinute: 20, perHour: 700, perDay: 8000 });
  });

  it('throttles past the per-minute limit with both forms: HTTP 405 and HTTP 200 error 500000', async () => {
    const sim = await startTestSimulator({ count: 5, rateLimits: { perMinute: 5, perHour: 1000, perDay: 10_000 } });
    try {
      const replies = [];
      for (let i = 0; i < 40; i += 1) replies.push(await send(sim, { Command: 'namecheap.ssl.getList' }));
      const ok = replies.filter((r) => r.status === 200 && parse(r.text)['@Status'] === 'OK');
      expect(ok).toHaveLength(5);
      const http405 = replies.filter((r) => r.status === 405);
      const error500000 = replies.filter((r) => r.status === 200 && errorNumbers(parse(r.text)).includes(500000));
      expect(http405.length).toBeGreaterThan(0);
      expect(error500000.length).toBeGreaterThan(0);
      expect(http405.length + error500000.length).toBe(35);
      const outcomes = sim.requestLog.map((entry) => entry.outcome);
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
      expect(outcomes.filter((o) => o === 'http-405' || o === 'error:500000')).toHaveLength(35);
    } finally {
      await sim.close();
    }
  });

  it('applies the hourly limit too, and counts per API user', async () => {
    const sim = await startTestSimulator({ count: 5, rateLimits: { perMinute: 100, perHour: 3, perDay: 100 } });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i += 1) {
        const reply = await send(sim, { Command: 'namecheap.ssl.getList' });
        statuses.push(reply.status === 200 ? (errorNumbers(parse(reply.text))[0] ?? 'ok') : reply.status);
      }
      expect(statuses.slice(0, 3)).toEqual(['ok', 'ok', 'ok']);
      expect(statuses.slice(3).every((s) => s === 405 || s === 500000)).toBe(true);
      // Another API user has its own window (and fails authentication, not the limit).
      const other = await send(sim, { Command: 'namecheap.ssl.getList', ApiUser: 'someone' }, { credentials: true });
      expect(other.status).toBe(200);
      expect(errorNumbers(parse(other.text))).toEqual([1011102]);
    } finally {
      await sim.close();
    }
  });

  it('rateLimits: false never throttles', async () => {
    const sim = await startTestSimulator({ count: 5, rateLimits: false });
    try {
      for (let i = 0; i < 60; i += 1) expect((await send(sim, { Command: 'namecheap.ssl.getList' })).status).toBe(200);
      expect(sim.requestLog.every((entry) => entry.outcome === 'ok')).toBe(true);
    } finally {
      await sim.close();
    }
  });
});
