/**
 * Client-side rate limiter: a sliding-window log over the minute, hour and day budgets.
 *
 * Wvphost throttles per API user (wvphost-api.md §5) and a client must stay under the limits by
 * itself. Every HTTP attempt (retries included) calls `acquire()`, which waits until a slot is
 * free in ALL windows and then records the attempt's time. A safety margin is added to each
 * window because the server counts arrival times, which lag our send times by a varying delay.
 * One limiter is shared by every client of an (environment, API user) pair through
 * `sharedRateLimiter`, so a sync and an action running together still share one budget.
 */

import type { RateBudget } from '../domain/service.ts';
import { abortableSleep } from './abortable-sleep.ts';

/** Time source of the limiter; tests inject a fake one. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: LimiterClock = {
  now: () => Date.now(),
  sleep: abortableSleep,
};

/** Window lengths in milliseconds (configurable so that tests can use scaled windows). */
export interface LimiterWindows {
  readonly minuteMs: number;
  readonly hourMs: number;
  readonly dayMs: number;
}

export const REAL_WINDOWS: LimiterWindows = { minuteMs: 60_000, hourMs: 3_600_000, dayMs: 86_400_000 };

export interface RateLimiterOptions {
  readonly windows?: LimiterWindows;
  /**
   * Added to every window length (default: 1 s, or 2 % of a scaled minute window).
   *
   * Covers the difference between when we send and when the server counts the request.
   */
  readonly marginMs?: number;
}

interface Window {
  readonly lengthMs: number;
  readonly limit: number;
}

export class RateLimiter {
  #budget: RateBudget;
  readonly #clock: LimiterClock;
  readonly #windows: LimiterWindows;
  readonly #marginMs: number;
  /** Send times of recorded attempts, ascending, pruned beyond the longest window. */
  #log: number[] = [];
  #pausedUntil = 0;
  /** Waiters are served in arrival order: each one chains onto the previous. */
  #tail: Promise<void> = Promise.resolve();

  constructor(budget: RateBudget, clock: LimiterClock = systemClock, options: RateLimiterOptions = {}) {
    assertBudget(budget);
    this.#budget = budget;
    this.#clock = clock;
    this.#windows = options.windows ?? REAL_WINDOWS;
    this.#marginMs = options.marginMs ?? Math.min(1000, Math.ceil(this.#windows.minuteMs * 0.02));
  }

  get budget(): RateBudget {
    return this.#budget;
  }

  get windows(): LimiterWindows {
    return this.#windows;
  }

  /** Changes the budget (settings edited); the recorded log is kept. */
  setBudget(budget: RateBudget): void {
    assertBudget(budget);
    this.#budget = budget;
  }

  /**
   * Waits for a free slot in every window, then records it.
   *
   * Rejects with the signal's reason as soon as `signal` fires, also while queued behind other
   * waiters; an abandoned turn does not consume a slot.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.#tail.then(() => this.#waitForSlot(signal));
    this.#tail = turn.catch(() => undefined);
    if (signal === undefined) return turn;
    return raceAbort(turn, signal);
  }

  /** Milliseconds until `requests` more attempts could all have been sent, from now. */
  estimateWaitMs(requests: number): number {
    const now = this.#clock.now();
    const log = this.#prunedLog(now).slice();
    let time = Math.max(now, this.#pausedUntil);
    for (let index = 0; index < requests; index++) {
      time = Math.max(time, this.#nextFreeTime(log));
      log.push(time);
    }
    return Math.max(0, time - now);
  }

  /**
   * Holds every waiter back for `ms` (the server throttled us).
   *
   * The server counts requests we cannot see (another tool using the same API user), so after a
   * throttle the whole limiter waits, not just the request that was refused.
   */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + ms);
  }

  /** Attempts recorded within the last `windowMs` (for diagnostics and tests). */
  recordedInLast(windowMs: number): number {
    const now = this.#clock.now();
    return this.#log.filter((time) => time > now - windowMs).length;
  }

  async #waitForSlot(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.#clock.now();
      const freeAt = Math.max(this.#pausedUntil, this.#nextFreeTime(this.#prunedLog(now)));
      if (freeAt <= now) {
        this.#log.push(now);
        return;
      }
      await this.#clock.sleep(freeAt - now, signal);
    }
  }

  #activeWindows(): readonly Window[] {
    return [
      { lengthMs: this.#windows.minuteMs + this.#marginMs, limit: this.#budget.perMinute },
      { lengthMs: this.#windows.hourMs + this.#marginMs, limit: this.#budget.perHour },
      { lengthMs: this.#windows.dayMs + this.#marginMs, limit: this.#budget.perDay },
    ];
  }

  /**
   * Earliest time at which one more attempt fits in every window, given a sorted log.
   *
   * A window of length W and limit L has room at time t when fewer than L entries are newer
   * than t − W, i.e. when the L-th newest entry is at or before t − W.
   */
  #nextFreeTime(log: readonly number[]): number {
    let freeAt = Number.NEGATIVE_INFINITY;
    for (const window of this.#activeWindows()) {
      if (log.length >= window.limit) {
        const boundary = log[log.length - window.limit];
        if (boundary !== undefined) freeAt = Math.max(freeAt, boundary + window.lengthMs);
      }
    }
    return freeAt;
  }

  #prunedLog(now: number): number[] {
    const horizon =
      now - (Math.max(this.#windows.minuteMs, this.#windows.hourMs, this.#windows.dayMs) + this.#marginMs);
    let drop = 0;
    while (drop < this.#log.length && (this.#log[drop] ?? 0) <= horizon) drop++;
    if (drop > 0) this.#log = this.#log.slice(drop);
    return this.#log;
  }
}

function assertBudget(budget: RateBudget): void {
  for (const [name, value] of Object.entries(budget)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`Rate budget ${name} must be a whole number of at least 1 (got ${String(value)}).`);
    }
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const registry = new Map<string, RateLimiter>();

/**
 * The process-wide limiter of one (environment, API user) key, created on first use.
 *
 * A later call with another budget updates the shared limiter's budget (settings changed).
 */
export function sharedRateLimiter(key: string, budget: RateBudget): RateLimiter {
  const existing = registry.get(key);
  if (existing !== undefined) {
    existing.setBudget(budget);
    return existing;
  }
  const limiter = new RateLimiter(budget);
  registry.set(key, limiter);
  return limiter;
}

/** The registry key of an environment's API user. */
export function rateLimiterKey(environment: string, apiUser: string): string {
  return `${environment}:${apiUser.toLowerCase()}`;
}
