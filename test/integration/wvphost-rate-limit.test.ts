import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry, Simulator } from '../../sim/types.ts';
import { RateLimiter, systemClock } from '../../main/wvphost/rate-limiter.ts';
import { WvphostError } from '../../main/wvphost/errors.ts';
import { expectWvphostError, startTestSimulator, testClient } from './wvphost-test-support.ts';

/** Largest number of arrivals in any half-open window [t, t + length) of the sim's own log. */
function maxArrivalsInWindow(log: readonly RequestLogEntry[], length: number): number {
  const times = log.map((entry) => entry.at).sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= length) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

const THROTTLED = new Set(['error:500000', 'http-405']);

describe('the rate limiter keeps the client under budget, measured by the simulator', () => {
  let sim: Simulator;

  beforeAll(async () => {
    // Limits consistent with the test's scaled budget: it never sends 40 requests in a minute.
    sim = await startTestSimulator({ count: 30, seed: 8, rateLimits: { perMinute: 40, perHour: 700, perDay: 8000 } });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('two clients sharing one limiter, with retries, never exceed any window (scaled clock)', async () => {
    // A minute of 500 ms, an hour of 1.5 s, a day of 3 s: the same sliding-window rules, fast.
    // The margin covers the varying delay between our send time and the arrival the sim logs.
    const windows = { minuteMs: 500, hourMs: 1500, dayMs: 3000 };
    const budget = { perMinute: 3, perHour: 6, perDay: 9 };
    const limiter = new RateLimiter(budget, systemClock, { windows, marginMs: 200 });
    const first = testClient(sim, { limiter, maxRetries: 8 });
    const second = testClient(sim, { limiter, maxRetries: 8 });
    const ids = sim
      .certificates()
      .slice(0, 8)
      .map((certificate) => certificate.certificateId);
    const expected = await Promise.all(ids.map((id) => testClient(sim).getInfo(id)));
    sim.clearRequestLog();
    sim.setFaults({ http503Rate: 0.4 });
    try {
      const [infos, pages] = await Promise.all([
        Promise.all(ids.map((id) => first.getInfo(id))),
        Promise.all([1, 2, 3, 4].map((page) => second.getListPage({ page, pageSize: 10 }))),
      ]);
      expect(infos).toEqual(expected);
      expect(pages.map((page) => page.currentPage)).toEqual([1, 2, 3, 4]);
    } finally {
      sim.setFaults({});
    }
    const log = sim.requestLog;
    expect(log.length).toBe(first.requestsSent + second.requestsSent);
    expect(log.some((entry) => entry.outcome === 'http-503')).toBe(true);
    expect(log.length).toBeGreaterThan(budget.perDay);
    expect(maxArrivalsInWindow(log, windows.minuteMs)).toBeLessThanOrEqual(budget.perMinute);
    expect(maxArrivalsInWindow(log, windows.hourMs)).toBeLessThanOrEqual(budget.perHour);
    expect(maxArrivalsInWindow(log, windows.dayMs)).toBeLessThanOrEqual(budget.perDay);
    expect(log.filter((entry) => THROTTLED.has(entry.outcome))).toEqual([]);
  });

  it('with the real 20/min budget the 21st request waits in the limiter instead of being throttled, and can be cancelled there', async () => {
    // The simulator's default limits: the documented 20/min, 700/h, 8000/day.
    const strict = await startTestSimulator({
      count: 5,
      seed: 9,
      rateLimits: { perMinute: 20, perHour: 700, perDay: 8000 },
    });
    try {
      const limiter = new RateLimiter({ perMinute: 20, perHour: 700, perDay: 8000 });
      const client = testClient(strict, { limiter });
      const id = strict.certificates()[0]?.certificateId ?? 1;
      await Promise.all(Array.from({ length: 20 }, () => client.getInfo(id)));
      expect(limiter.estimateWaitMs(1)).toBeGreaterThan(50_000);

      const controller = new AbortController();
      const waiting = client.getInfo(id, { signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(strict.requestCount()).toBe(20);
      controller.abort();
      const error = await expectWvphostError(waiting, 'cancelled');
      expect(error.message).toMatch(/cancelled/);
      expect(strict.requestCount()).toBe(20);
      expect(client.requestsSent).toBe(20);
      expect(strict.requestLog.every((entry) => entry.outcome === 'ok')).toBe(true);

      // Without a limiter holding it back, the server would have throttled the 21st.
      const unlimited = testClient(strict, { maxRetries: 0 });
      const refused = await unlimited.getInfo(id).catch((failure: unknown) => failure);
      expect(refused).toBeInstanceOf(WvphostError);
      expect((refused as WvphostError).kind).toBe('throttled');
    } finally {
      await strict.close();
    }
  });
});
