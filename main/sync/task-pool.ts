/**
 * A small work queue that runs at most N tasks at once and can grow while it runs.
 *
 * The sync reads list pages and follows reissues through one pool, so a `replaced` certificate
 * found on page 3 is looked up while pages 4..N are still in flight; the client's rate limiter
 * does the pacing, the pool only keeps enough requests in flight to use the whole budget.
 */

export type PoolTask = (signal: AbortSignal) => Promise<void>;

export class TaskPool {
  readonly #limit: number;
  readonly #controller = new AbortController();
  readonly #queue: PoolTask[] = [];
  #running = 0;
  #failure: { readonly error: unknown } | null = null;
  #settle: (() => void) | null = null;
  #done: Promise<void> | null = null;

  /** `signal` cancels every queued and running task. */
  constructor(limit: number, signal?: AbortSignal) {
    this.#limit = Math.max(1, Math.floor(limit));
    if (signal !== undefined) {
      if (signal.aborted) this.#controller.abort(signal.reason);
      else signal.addEventListener('abort', () => this.#controller.abort(signal.reason), { once: true });
    }
  }

  /** Tasks waiting for a slot plus tasks running. */
  get pending(): number {
    return this.#queue.length + this.#running;
  }

  /** Queues a task; tasks may add more tasks while running. */
  add(task: PoolTask): void {
    if (this.#failure !== null) return;
    this.#queue.push(task);
    this.#pump();
  }

  /**
   * Resolves when every task (including ones added meanwhile) finished; rejects with the first failure.
   *
   * The first failure aborts the rest, so a permanent error ends the work at once instead of
   * spending the rate budget on requests whose answers would be thrown away.
   */
  drain(): Promise<void> {
    this.#done ??= new Promise<void>((resolve) => {
      this.#settle = resolve;
      this.#checkDone();
    }).then(() => {
      if (this.#failure !== null) throw this.#failure.error;
      this.#controller.signal.throwIfAborted();
    });
    return this.#done;
  }

  #pump(): void {
    while (this.#running < this.#limit && this.#queue.length > 0 && this.#failure === null) {
      const task = this.#queue.shift() as PoolTask;
      this.#running += 1;
      void this.#run(task);
    }
  }

  async #run(task: PoolTask): Promise<void> {
    try {
      this.#controller.signal.throwIfAborted();
      await task(this.#controller.signal);
    } catch (error) {
      // A failure of our own abort is a consequence, not the cause: keep the first real one.
      if (this.#failure === null) {
        this.#failure = { error: this.#controller.signal.aborted ? this.#controller.signal.reason : error };
        this.#queue.length = 0;
        this.#controller.abort(error);
      }
    } finally {
      this.#running -= 1;
      this.#pump();
      this.#checkDone();
    }
  }

  #checkDone(): void {
    if (this.#settle !== null && this.#running === 0 && (this.#queue.length === 0 || this.#failure !== null)) {
      this.#settle();
      this.#settle = null;
    }
  }
}
