import type { SimulatorRateLimits } from './types.ts';

/**
 * Server-side sliding-window rate limits per API user (per minute, hour and day).
 *
 * Keeps one timestamp per accepted request for a day; a queue with a moving head keeps each
 * check O(1) amortised even at 8,000 requests a day.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

class Window {
  private readonly times: number[] = [];
  private head = 0;
  private minuteHead = 0;
  private hourHead = 0;

  private advance(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - DAY) this.head += 1;
    this.hourHead = Math.max(this.hourHead, this.head);
    while (this.hourHead < this.times.length && (this.times[this.hourHead] ?? 0) <= now - HOUR) this.hourHead += 1;
    this.minuteHead = Math.max(this.minuteHead, this.hourHead);
    while (this.minuteHead < this.times.length && (this.times[this.minuteHead] ?? 0) <= now - MINUTE)
      this.minuteHead += 1;
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.minuteHead -= this.head;
      this.hourHead -= this.head;
      this.head = 0;
    }
  }

  /** Records the request and returns true when it is within every limit. */
  tryAcquire(now: number, limits: SimulatorRateLimits): boolean {
    this.advance(now);
    const inDay = this.times.length - this.head;
    const inHour = this.times.length - this.hourHead;
    const inMinute = this.times.length - this.minuteHead;
    if (inMinute >= limits.perMinute || inHour >= limits.perHour || inDay >= limits.perDay) return false;
    this.times.push(now);
    return true;
  }
}

export class ServerRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limits: SimulatorRateLimits | false) {}

  /** True when the API user's request may proceed (and it is counted); false when throttled. */
  tryAcquire(apiUser: string, now: number): boolean {
    if (this.limits === false) return true;
    const key = apiUser.toLowerCase();
    let window = this.windows.get(key);
    if (window === undefined) {
      window = new Window();
      this.windows.set(key, window);
    }
    return window.tryAcquire(now, this.limits);
  }
}
