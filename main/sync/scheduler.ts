/**
 * When syncs run: on demand, once a day at the set time, and at start when the data is stale.
 *
 * `SyncCoordinator` is single-flight: a second request while a sync runs joins the running one
 * (the button, the menu, the daily timer and the start-up check can never start two syncs at
 * once). The clock and timers are injected, so tests drive time without waiting.
 */
import type { SyncSummary } from '../../preload/api.ts';

const DAY_MS = 86_400_000;

/** Time and timers; `systemSchedulerClock` in the app, a fake one in tests. */
export interface SchedulerClock {
  now(): Date;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemSchedulerClock: SchedulerClock = {
  now: () => new Date(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // An armed daily timer must not keep a CLI process or a test worker alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type SyncTrigger = 'manual' | 'daily' | 'startup';

export interface SyncCoordinatorOptions {
  /** Runs one sync to completion (connect the active environment, `runSync`); should not throw. */
  readonly run: (signal: AbortSignal, trigger: SyncTrigger) => Promise<SyncSummary>;
  /** Current `HH:MM` of the daily sync (read at each scheduling, so a settings change applies). */
  readonly dailySyncTime: () => string;
  /** ISO-8601 time of the last successful sync of the active environment, or null. */
  readonly lastSuccessfulSyncAt: () => string | null;
  readonly clock?: SchedulerClock;
  /** Results of syncs the coordinator started by itself (daily, start-up), e.g. for a notification. */
  readonly onAutomaticSync?: (summary: SyncSummary, trigger: SyncTrigger) => void;
  /** A `run` that threw (it should not); the scheduling goes on. */
  readonly onError?: (error: unknown) => void;
}

export class SyncCoordinator {
  readonly #options: SyncCoordinatorOptions;
  readonly #clock: SchedulerClock;
  #current: { readonly promise: Promise<SyncSummary>; readonly controller: AbortController } | null = null;
  #timer: unknown = null;
  #nextAt: Date | null = null;

  constructor(options: SyncCoordinatorOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemSchedulerClock;
  }

  /** Whether a sync is running now. */
  get running(): boolean {
    return this.#current !== null;
  }

  /** Starts a sync, or joins the one already running (same promise, same result). */
  start(trigger: SyncTrigger = 'manual'): Promise<SyncSummary> {
    if (this.#current !== null) return this.#current.promise;
    const controller = new AbortController();
    let finished = false;
    const promise = (async (): Promise<SyncSummary> => {
      try {
        return await this.#options.run(controller.signal, trigger);
      } finally {
        finished = true;
        this.#current = null;
      }
    })();
    // A `run` that throws before its first await has already finished here: recording it as
    // running would make every later request join that failure forever.
    if (!finished) this.#current = { promise, controller };
    return promise;
  }

  /** Cancels the running sync, if any (its promise resolves with `cancelled: true`). */
  cancel(): void {
    this.#current?.controller.abort(new DOMException('The sync was cancelled.', 'AbortError'));
  }

  /**
   * Arms the daily timer, and syncs at once when the last successful sync is older than 24 h.
   *
   * Call again after the daily time changed; `stopSchedule` disarms it (app quit).
   */
  startSchedule(): void {
    this.#arm();
    const last = this.#options.lastSuccessfulSyncAt();
    const lastMs = last === null ? Number.NaN : Date.parse(last);
    if (Number.isNaN(lastMs) || this.#clock.now().getTime() - lastMs > DAY_MS) this.#automatic('startup');
  }

  /** Re-arms the daily timer (e.g. after the daily time setting changed) without a start-up check. */
  reschedule(): void {
    this.#arm();
  }

  stopSchedule(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#nextAt = null;
  }

  /** Next automatic sync (ISO-8601), or null when the schedule is not armed. */
  nextScheduledAt(): string | null {
    return this.#nextAt === null ? null : this.#nextAt.toISOString();
  }

  #arm(): void {
    this.stopSchedule();
    const now = this.#clock.now();
    const next = nextDailyTime(now, this.#options.dailySyncTime());
    this.#nextAt = next;
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = null;
        this.#automatic('daily');
        this.#arm();
      },
      Math.max(0, next.getTime() - now.getTime()),
    );
  }

  #automatic(trigger: SyncTrigger): void {
    // One handler for both: a throwing `onAutomaticSync` (e.g. a notification that failed) must
    // reach `onError`, not become an unhandled rejection that takes the process down.
    this.start(trigger)
      .then((summary) => this.#options.onAutomaticSync?.(summary, trigger))
      .catch((error: unknown) => this.#options.onError?.(error));
  }
}

/**
 * The next local time `HH:MM` strictly after `now` (today's if still ahead, else tomorrow's).
 *
 * An invalid value falls back to 09:00 rather than disabling the daily sync.
 */
export function nextDailyTime(now: Date, hhmm: string): Date {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  const hours = match === null ? 9 : Number(match[1]);
  const minutes = match === null ? 0 : Number(match[2]);
  const candidate = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hours, minutes, 0, 0);
  if (candidate.getTime() <= now.getTime()) {
    // Date arithmetic on the calendar day keeps the local time across daylight-saving changes.
    return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, hours, minutes, 0, 0);
  }
  return candidate;
}
