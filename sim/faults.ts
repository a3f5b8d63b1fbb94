import type { Prng } from './prng.ts';
import type { FaultOptions } from './types.ts';

/**
 * Draws the injected fault of one request from the configured rates.
 *
 * One uniform draw is compared with the cumulative rates, so the rates add up (their sum should
 * stay ≤ 1) and a seed reproduces the same sequence of faults.
 */

export type FaultKind =
  | 'reset'
  | 'http-500'
  | 'http-502'
  | 'http-503'
  | 'http-405'
  | 'truncated'
  | 'malformed'
  | 'throttle-500000'
  | 'unhandled-5050900';

const ORDER: readonly (readonly [FaultKind, keyof FaultOptions])[] = [
  ['reset', 'resetRate'],
  ['http-500', 'http500Rate'],
  ['http-502', 'http502Rate'],
  ['http-503', 'http503Rate'],
  ['http-405', 'throttle405Rate'],
  ['truncated', 'truncatedRate'],
  ['malformed', 'malformedRate'],
  ['throttle-500000', 'throttle500000Rate'],
  ['unhandled-5050900', 'unhandledErrorRate'],
];

export interface FaultDecision {
  readonly latencyMs: number;
  readonly kind: FaultKind | null;
  readonly listChange: boolean;
}

const NONE: FaultDecision = { latencyMs: 0, kind: null, listChange: false };

function rate(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function appliesTo(faults: FaultOptions, command: string): boolean {
  if (faults.commands === undefined) return true;
  return faults.commands.some((name) => name.toLowerCase() === command);
}

/** The fault for a request of `command` (lower-cased); `page` matters for list changes. */
export function drawFault(faults: FaultOptions, prng: Prng, command: string, page: number): FaultDecision {
  if (!appliesTo(faults, command)) return NONE;
  let latencyMs = 0;
  if (faults.latencyMs !== undefined) {
    const [min, max] = faults.latencyMs;
    latencyMs = Math.max(0, min + prng.next() * Math.max(0, max - min));
  }
  const draw = prng.next();
  let cumulative = 0;
  let kind: FaultKind | null = null;
  for (const [name, key] of ORDER) {
    cumulative += rate(faults[key]);
    if (draw < cumulative) {
      kind = name;
      break;
    }
  }
  const listChange =
    command === 'namecheap.ssl.getlist' &&
    page > 1 &&
    rate(faults.listChangeRate) > 0 &&
    prng.chance(rate(faults.listChangeRate));
  return { latencyMs, kind, listChange };
}
