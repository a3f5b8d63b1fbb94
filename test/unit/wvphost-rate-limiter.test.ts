import { describe, expect, it } from 'vitest';
import { RateLimiter, rateLimiterKey, sharedRateLimiter, type LimiterClock } from '../../main/wvphost/rate-limiter.ts';
import type { RateBudget } from '../../main/domain/service.ts';

/** A clock that only moves when the test says so; sleeps resolve in time order. */
class FakeClock implements LimiterClock {
  time = 0;
  readonly #timers: { at: number; resolve: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = { at: this.time + ms, resolve };
      this.#timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers.splice(this.#timers.indexOf(timer), 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Fires every due timer in order, letting the waiters run between them. */
  async advanceTo(target: number): Promise<void> {
    await settle();
    for (;;) {
      this.#timers.sort((a, b) => a.at - b.at);
      const next = this.#timers[0];
      if (next === undefined || next.at > target) break;
      this.#timers.shift();
      this.time = Math.max(this.time, next.at);
      next.resolve();
      await settle();
    }
    this.time = Math.max(this.time, target);
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let index = 0; index < 5; index++) await new Promise<void>((resolve) => setImmediate(resolve));
}

const WINDOWS = { minuteMs: 60_000, hourMs: 3_600_000, dayMs: 86_400_000 };

/** Largest number of times inside any half-open window [t, t + length). */
function maxInAnyWindow(times: readonly number[], length: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= length) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

async function runAcquires(
  limiter: RateLimiter,
  clock: FakeClock,
  count: number,
  until: number,
  stepMs: number,
): Promise<number[]> {
  const grantedAt: number[] = new Array<number>(count).fill(-1);
  const order: number[] = [];
  const all = Array.from({ length: count }, (_, index) =>
    limiter.acquire().then(() => {
      grantedAt[index] = clock.now();
      order.push(index);
    }),
  );
  for (let time = 0; time <= until && grantedAt.includes(-1); time += stepMs) await clock.advanceTo(time);
  await Promise.all(all);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  return grantedAt;
}

describe('RateLimiter', () => {
  it('never exceeds any of the three windows and grants each slot as early as possible', async () => {
    const clock = new FakeClock();
    const budget: RateBudget = { perMinute: 5, perHour: 12, perDay: 20 };
    const limiter = new RateLimiter(budget, clock, { windows: WINDOWS, marginMs: 0 });
    const predictedLast = limiter.estimateWaitMs(30);
    const granted = await runAcquires(limiter, clock, 30, 3 * 86_400_000, 30_000);

    expect(granted.every((time) => time >= 0)).toBe(true);
    expect(maxInAnyWindow(granted, WINDOWS.minuteMs)).toBeLessThanOrEqual(5);
    expect(maxInAnyWindow(granted, WINDOWS.hourMs)).toBeLessThanOrEqual(12);
    expect(maxInAnyWindow(granted, WINDOWS.dayMs)).toBeLessThanOrEqual(20);
    // 5 now, 5 a minute later, 2 more at two minutes (hour cap 12), the next 8 an hour later...
    expect(granted.slice(0, 12)).toEqual([0, 0, 0, 0, 0, 60_000, 60_000, 60_000, 60_000, 60_000, 120_000, 120_000]);
    expect(granted[12]).toBe(3_600_000);
    // ...and the 21st only once the first request of the day has left the day window.
    expect(granted[20]).toBe(86_400_000);
    expect(predictedLast).toBe(granted[29]);
  });

  it('adds the safety margin to each window', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perMinute: 2, perHour: 100, perDay: 100 }, clock, {
      windows: WINDOWS,
      marginMs: 1000,
    });
    const granted = await runAcquires(limiter, clock, 3, 120_000, 500);
    expect(granted).toEqual([0, 0, 61_000]);
  });

  it('estimates the wait for more requests from the recorded log', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perMinute: 20, perHour: 700, perDay: 8000 }, clock, { marginMs: 0 });
    expect(limiter.estimateWaitMs(20)).toBe(0);
    expect(limiter.estimateWaitMs(21)).toBe(60_000);
    expect(limiter.estimateWaitMs(100)).toBe(4 * 60_000);
    await runAcquires(limiter, clock, 10, 0, 1);
    clock.time = 30_000;
    expect(limiter.estimateWaitMs(10)).toBe(0);
    expect(limiter.estimateWaitMs(11)).toBe(30_000);
    // estimating records nothing
    expect(limiter.recordedInLast(60_000)).toBe(10);
  });

  it('rejects a cancelled waiter at once without using a slot, also behind other waiters', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perMinute: 1, perHour: 100, perDay: 100 }, clock, { marginMs: 0 });
    await limiter.acquire();
    const first = limiter.acquire();
    const controller = new AbortController();
    const second = limiter.acquire(controller.signal);
    const third = limiter.acquire();
    await settle();
    controller.abort(new Error('stop'));
    await expect(second).rejects.toThrow('stop');

    let firstAt = -1;
    let thirdAt = -1;
    void first.then(() => (firstAt = clock.now()));
    void third.then(() => (thirdAt = clock.now()));
    await clock.advanceTo(60_000);
    expect(firstAt).toBe(60_000);
    expect(thirdAt).toBe(-1);
    await clock.advanceTo(120_000);
    expect(thirdAt).toBe(120_000);
  });

  it('rejects when the signal is already aborted', async () => {
    const limiter = new RateLimiter({ perMinute: 5, perHour: 5, perDay: 5 }, new FakeClock());
    await expect(limiter.acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(limiter.recordedInLast(60_000)).toBe(0);
  });

  it('holds every waiter back during a pause after a throttle', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perMinute: 100, perHour: 100, perDay: 100 }, clock, { marginMs: 0 });
    limiter.pause(10_000);
    expect(limiter.estimateWaitMs(1)).toBe(10_000);
    const granted = await runAcquires(limiter, clock, 2, 20_000, 1000);
    expect(granted).toEqual([10_000, 10_000]);
  });

  it('refuses a budget that is not a positive whole number', () => {
    expect(() => new RateLimiter({ perMinute: 0, perHour: 1, perDay: 1 })).toThrow(/perMinute/);
    expect(() => new RateLimiter({ perMinute: 1.5, perHour: 1, perDay: 1 })).toThrow(RangeError);
  });
});

describe('sharedRateLimiter', () => {
  it('returns one limiter per key and updates its budget', () => {
    const key = rateLimiterKey('sandbox', `unit-${Math.random()}`);
    const first = sharedRateLimiter(key, { perMinute: 20, perHour: 700, perDay: 8000 });
    const again = sharedRateLimiter(key, { perMinute: 10, perHour: 700, perDay: 8000 });
    expect(again).toBe(first);
    expect(first.budget.perMinute).toBe(10);
    expect(sharedRateLimiter(rateLimiterKey('production', 'other-user'), first.budget)).not.toBe(first);
    expect(rateLimiterKey('sandbox', 'Alice')).toBe(rateLimiterKey('sandbox', 'alice'));
  });
});
