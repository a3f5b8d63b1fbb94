/**
 * Every injectable transport and envelope fault at once, each at 5 %, with a little latency.
 *
 * The simulator's own fault test and the client's fault test both run this same mix, so "all
 * faults at once" means the same thing on both sides of the wire.
 */
import type { FaultOptions } from '../../sim/types.ts';

export const EVERY_FAULT_AT_5_PERCENT = {
  latencyMs: [0, 5],
  http500Rate: 0.05,
  http502Rate: 0.05,
  http503Rate: 0.05,
  resetRate: 0.05,
  truncatedRate: 0.05,
  malformedRate: 0.05,
  throttle500000Rate: 0.05,
  throttle405Rate: 0.05,
  unhandledErrorRate: 0.05,
} as const satisfies FaultOptions;
