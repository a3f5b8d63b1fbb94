import { describe, expect, it } from 'vitest';
import { TaskPool } from '../../main/sync/task-pool.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('TaskPool', () => {
  it('runs at most N tasks at once, including tasks added while running', async () => {
    const pool = new TaskPool(2);
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const task = (id: number) => async (): Promise<void> => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      if (id < 3) pool.add(task(id + 10));
      running -= 1;
      done.push(id);
    };
    for (let id = 0; id < 5; id += 1) pool.add(task(id));
    await pool.drain();
    expect(peak).toBe(2);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 10, 11, 12]);
  });

  it('rejects with the first failure and aborts the tasks still running', async () => {
    const pool = new TaskPool(2);
    const gate = deferred();
    let abortedSibling = false;
    // Like a request in flight: it ends as soon as its signal fires.
    pool.add(async (signal) => {
      signal.addEventListener('abort', () => {
        abortedSibling = true;
        gate.resolve();
      });
      await gate.promise;
    });
    pool.add(() => Promise.reject(new Error('permanent')));
    // Queued behind the two running ones: never started once the pool failed.
    let ranAfterFailure = false;
    pool.add(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      ranAfterFailure = true;
    });
    await expect(pool.drain()).rejects.toThrow('permanent');
    expect(abortedSibling).toBe(true);
    expect(ranAfterFailure).toBe(false);
  });

  it('rejects with the abort reason when the outer signal fires', async () => {
    const controller = new AbortController();
    const pool = new TaskPool(1, controller.signal);
    pool.add(
      (signal) =>
        new Promise<void>((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('request aborted')));
        }),
    );
    pool.add(() => Promise.resolve());
    controller.abort(new Error('cancelled by the user'));
    await expect(pool.drain()).rejects.toThrow('cancelled by the user');
  });
});
