import type { RateBudget } from '../domain/service.ts';
import { startSimulator } from '../../sim/index.ts';
import { DEMO_CREDENTIALS } from '../../sim/types.ts';
import type { Simulator } from '../../sim/types.ts';

/**
 * The Demo environment's budget: generous, because the simulator is local and a demo should not
 * wait on Wvphost's production limits; the simulator enforces the same figures.
 */
export const DEMO_RATE_BUDGET: RateBudget = { perMinute: 600, perHour: 20_000, perDay: 200_000 };

/** The seeded account every demo shows (deterministic: the same 150 certificates every time). */
const DEMO_SIMULATOR_OPTIONS = {
  credentials: DEMO_CREDENTIALS,
  count: 150,
  seed: 7,
  issueDelayMs: 60_000,
  rateLimits: DEMO_RATE_BUDGET,
} as const;

let running: Promise<Simulator> | null = null;

/**
 * The in-process demo simulator, started on 127.0.0.1 on a free port at first use and reused.
 *
 * One per process so that switching to Demo twice, or a sync and an action together, see the same
 * account; it lives until `stopDemoSimulator` (app quit, end of a test file).
 */
export function demoSimulator(): Promise<Simulator> {
  running ??= startSimulator(DEMO_SIMULATOR_OPTIONS).catch((error: unknown) => {
    running = null;
    throw error;
  });
  return running;
}

/** Stops the demo simulator if one runs (the next `demoSimulator()` starts a fresh one). */
export async function stopDemoSimulator(): Promise<void> {
  const current = running;
  running = null;
  // A start that failed has nothing to stop (its caller already got the error).
  const simulator = await current?.catch(() => null);
  await simulator?.close();
}
