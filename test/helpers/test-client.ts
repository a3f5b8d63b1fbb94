/**
 * A real WvphostClient for tests that are not about waiting: its own generous limiter, fast retries.
 */
import { WvphostClient, type WvphostClientOptions } from '../../main/wvphost/client.ts';
import { RateLimiter } from '../../main/wvphost/rate-limiter.ts';
import type { Simulator } from '../../sim/types.ts';

/** Generous limits for tests that are not about rate limiting (simulator limits, client budgets). */
export const GENEROUS_BUDGET = { perMinute: 100_000, perHour: 1_000_000, perDay: 10_000_000 } as const;

/** A client of `sim` with its own limiter (so test files never share one) and millisecond retries. */
export function testClient(sim: Simulator, overrides: Partial<WvphostClientOptions> = {}): WvphostClient {
  return new WvphostClient({
    baseUrl: sim.url,
    credentials: sim.credentials,
    limiter: new RateLimiter(GENEROUS_BUDGET),
    timeoutMs: 10_000,
    maxRetries: 5,
    retryMinTimeoutMs: 2,
    retryMaxTimeoutMs: 20,
    throttleWaitMs: 5,
    ...overrides,
  });
}
