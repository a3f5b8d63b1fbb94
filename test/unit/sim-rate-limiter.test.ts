import { describe, expect, it } from 'vitest';
import { ServerRateLimiter } from '../../sim/rate-limiter.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Accepted requests among `n` sent at `at` by one user. */
function accepted(limiter: ServerRateLimiter, at: number, n: number, user = 'wvpdemo'): number {
  let ok = 0;
  for (let i = 0; i < n; i += 1) if (limiter.tryAcquire(user, at)) ok += 1;
  return ok;
}

describe('simulator server-side rate limiter (sliding windows)', () => {
  it('allows perMinute in any 60 s window and frees slots as they slide out', () => {
    const limiter = new ServerRateLimiter({ perMinute: 20, perHour: 700, perDay: 8000 });
    expect(accepted(limiter, 0, 25)).toBe(20);
    expect(accepted(limiter, 59_999, 1)).toBe(0);
    // The first 20 were at t=0; at exactly +60 s they no longer count.
    expect(accepted(limiter, MINUTE, 25)).toBe(20);
  });

  it('enforces the hourly and daily limits over many minutes', () => {
    const limiter = new ServerRateLimiter({ perMinute: 20, perHour: 700, perDay: 1000 });
    let ok = 0;
    for (let minute = 0; minute < 60; minute += 1) ok += accepted(limiter, minute * MINUTE, 20);
    expect(ok).toBe(700);
    let later = 0;
    for (let minute = 60; minute < 24 * 60; minute += 1) later += accepted(limiter, minute * MINUTE, 20);
    expect(ok + later).toBe(1000);
    expect(accepted(limiter, DAY, 20)).toBe(20);
    expect(accepted(limiter, DAY + HOUR, 1)).toBe(1);
  });

  it('keeps one window per API user, case-insensitively, and never throttles when disabled', () => {
    const limiter = new ServerRateLimiter({ perMinute: 2, perHour: 10, perDay: 10 });
    expect(accepted(limiter, 0, 3, 'alice')).toBe(2);
    expect(accepted(limiter, 0, 3, 'ALICE')).toBe(0);
    expect(accepted(limiter, 0, 3, 'bob')).toBe(2);
    expect(accepted(new ServerRateLimiter(false), 0, 10_000)).toBe(10_000);
  });
});
