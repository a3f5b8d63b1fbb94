import { describe, expect, it } from 'vitest';
import type { SyncSummary } from '../../preload/api.ts';
import { nextDailyTime, SyncCoordinator, type SchedulerClock, type SyncTrigger } from '../../main/sync/scheduler.ts';

/** A clock whose timers fire only when the test advances time. */
class FakeClock implements SchedulerClock {
  #now: number;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #nextHandle = 1;

  constructor(start: Date) {
    this.#now = start.getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.#nextHandle++;
    this.#timers.set(handle, { at: this.#now + ms, callback });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }
  get armed(): number {
    return this.#timers.size;
  }
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const due = [...this.#timers.entries()]
        .filter(([, timer]) => timer.at <= target)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].callback();
    }
    this.#now = target;
  }
}

function summary(ok = true): SyncSummary {
  return { ok, startedAt: '', finishedAt: '', requests: 1, services: 0, changes: [], warnings: [], cancelled: false };
}

/** A run whose completion the test controls. */
function controllableRun(): {
  run: (signal: AbortSignal, trigger: SyncTrigger) => Promise<SyncSummary>;
  calls: SyncTrigger[];
  finish: () => void;
} {
  const calls: SyncTrigger[] = [];
  const pending: ((value: SyncSummary) => void)[] = [];
  return {
    calls,
    run: (signal, trigger) => {
      calls.push(trigger);
      return new Promise<SyncSummary>((resolve) => {
        pending.push(resolve);
        signal.addEventListener('abort', () => resolve({ ...summary(false), cancelled: true }));
      });
    },
    finish: () => pending.shift()?.(summary()),
  };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SyncCoordinator', () => {
  it('joins a second start to the running sync instead of starting another', async () => {
    const control = controllableRun();
    const coordinator = new SyncCoordinator({
      run: control.run,
      dailySyncTime: () => '07:00',
      lastSuccessfulSyncAt: () => null,
    });
    const first = coordinator.start();
    const second = coordinator.start();
    expect(second).toBe(first);
    expect(coordinator.running).toBe(true);
    control.finish();
    expect(await first).toEqual(summary());
    expect(control.calls).toEqual(['manual']);
    expect(coordinator.running).toBe(false);
    // Once finished, a new request starts a new sync.
    const third = coordinator.start();
    expect(third).not.toBe(first);
    control.finish();
    await third;
    expect(control.calls).toHaveLength(2);
  });

  it('cancels the running sync', async () => {
    const control = controllableRun();
    const coordinator = new SyncCoordinator({
      run: control.run,
      dailySyncTime: () => '07:00',
      lastSuccessfulSyncAt: () => null,
    });
    const running = coordinator.start();
    coordinator.cancel();
    expect((await running).cancelled).toBe(true);
  });

  it('syncs at start when the last success is older than 24 h, not when it is recent', async () => {
    const clock = new FakeClock(new Date(2026, 10, 26, 12, 0));
    const stale = controllableRun();
    const results: SyncTrigger[] = [];
    const coordinator = new SyncCoordinator({
      run: stale.run,
      dailySyncTime: () => '07:00',
      lastSuccessfulSyncAt: () => new Date(2026, 10, 25, 11, 59).toISOString(),
      clock,
      onAutomaticSync: (_summary, trigger) => results.push(trigger),
    });
    coordinator.startSchedule();
    expect(stale.calls).toEqual(['startup']);
    stale.finish();
    await flush();
    expect(results).toEqual(['startup']);

    const fresh = controllableRun();
    const recent = new SyncCoordinator({
      run: fresh.run,
      dailySyncTime: () => '07:00',
      lastSuccessfulSyncAt: () => new Date(2026, 10, 25, 12, 30).toISOString(),
      clock,
    });
    recent.startSchedule();
    expect(fresh.calls).toEqual([]);
    recent.stopSchedule();
    coordinator.stopSchedule();
  });

  it('syncs at start when the environment was never synced', () => {
    const control = controllableRun();
    const coordinator = new SyncCoordinator({
      run: control.run,
      dailySyncTime: () => '07:00',
      lastSuccessfulSyncAt: () => null,
      clock: new FakeClock(new Date(2026, 10, 26, 12, 0)),
    });
    coordinator.startSchedule();
    expect(control.calls).toEqual(['startup']);
    coordinator.stopSchedule();
  });

  it('syncs every day at the set time while running, and follows a changed time', async () => {
    const clock = new FakeClock(new Date(2026, 10, 26, 12, 0));
    const control = controllableRun();
    let time = '07:30';
    const coordinator = new SyncCoordinator({
      run: control.run,
      dailySyncTime: () => time,
      lastSuccessfulSyncAt: () => clock.now().toISOString(),
      clock,
    });
    coordinator.startSchedule();
    expect(coordinator.nextScheduledAt()).toBe(new Date(2026, 10, 27, 7, 30).toISOString());
    clock.advance(19 * 3_600_000 + 29 * 60_000);
    expect(control.calls).toEqual([]);
    clock.advance(60_000);
    expect(control.calls).toEqual(['daily']);
    control.finish();
    await flush();
    expect(coordinator.nextScheduledAt()).toBe(new Date(2026, 10, 28, 7, 30).toISOString());

    time = '18:00';
    coordinator.reschedule();
    expect(coordinator.nextScheduledAt()).toBe(new Date(2026, 10, 27, 18, 0).toISOString());
    expect(clock.armed).toBe(1);
    clock.advance(24 * 3_600_000);
    expect(control.calls).toEqual(['daily', 'daily']);
    coordinator.stopSchedule();
    expect(coordinator.nextScheduledAt()).toBeNull();
    expect(clock.armed).toBe(0);
  });

  it('hands a throwing onAutomaticSync to onError instead of leaving an unhandled rejection', async () => {
    const control = controllableRun();
    const errors: unknown[] = [];
    const coordinator = new SyncCoordinator({
      run: control.run,
      dailySyncTime: () => '07:00',
      lastSuccessfulSyncAt: () => null,
      clock: new FakeClock(new Date(2026, 10, 26, 12, 0)),
      onAutomaticSync: () => {
        throw new Error('notification failed');
      },
      onError: (error) => errors.push(error),
    });
    coordinator.startSchedule();
    control.finish();
    await flush();
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('notification failed');
    coordinator.stopSchedule();
  });

  it('starts afresh after a run that threw before its first await', async () => {
    let calls = 0;
    const coordinator = new SyncCoordinator({
      run: () => {
        calls += 1;
        if (calls === 1) throw new Error('could not connect');
        return Promise.resolve(summary());
      },
      dailySyncTime: () => '07:00',
      lastSuccessfulSyncAt: () => null,
      clock: new FakeClock(new Date(2026, 10, 26, 12, 0)),
    });
    await expect(coordinator.start()).rejects.toThrow('could not connect');
    expect(coordinator.running).toBe(false);
    expect((await coordinator.start()).ok).toBe(true);
    expect(calls).toBe(2);
  });

  it('lets a daily trigger join a manual sync already running', () => {
    const clock = new FakeClock(new Date(2026, 10, 26, 6, 59));
    const control = controllableRun();
    const coordinator = new SyncCoordinator({
      run: control.run,
      dailySyncTime: () => '07:00',
      lastSuccessfulSyncAt: () => clock.now().toISOString(),
      clock,
    });
    coordinator.startSchedule();
    void coordinator.start();
    clock.advance(60_000);
    expect(control.calls).toEqual(['manual']);
    coordinator.stopSchedule();
  });
});

describe('nextDailyTime', () => {
  it('picks today when the time is still ahead, else tomorrow', () => {
    expect(nextDailyTime(new Date(2026, 0, 31, 6, 0), '07:00')).toEqual(new Date(2026, 0, 31, 7, 0));
    expect(nextDailyTime(new Date(2026, 0, 31, 7, 0), '07:00')).toEqual(new Date(2026, 1, 1, 7, 0));
    expect(nextDailyTime(new Date(2026, 11, 31, 23, 0), '00:15')).toEqual(new Date(2027, 0, 1, 0, 15));
  });

  it('falls back to 09:00 for an invalid setting', () => {
    expect(nextDailyTime(new Date(2026, 0, 31, 6, 0), '25:99')).toEqual(new Date(2026, 0, 31, 9, 0));
  });
});
