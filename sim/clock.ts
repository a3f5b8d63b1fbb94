import { startOfDay } from './dates.ts';

/**
 * The simulator's clock: the configured `now` plus the time moved forward by `advanceClock`.
 *
 * Lifecycle (issuance after issueDelayMs, expiry, lock-outs) runs on this clock so that tests can
 * move time instead of waiting for it.
 */
export class SimClock {
  private offsetMs = 0;

  constructor(private readonly base: () => Date) {}

  now(): Date {
    return new Date(this.base().getTime() + this.offsetMs);
  }

  nowMs(): number {
    return this.now().getTime();
  }

  /** Local midnight of the simulated day. */
  today(): Date {
    return startOfDay(this.now());
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError('advanceClock needs a non-negative number of milliseconds.');
    this.offsetMs += ms;
  }
}
