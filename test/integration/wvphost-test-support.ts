/**
 * Shared set-up of the client's integration tests: a real simulator, a client with fast retries
 * and its own limiter, and real CSRs made by openssl.
 */

import { execFileSync } from 'node:child_process';
import { startSimulator } from '../../sim/index.ts';
import type { Simulator, SimulatorOptions } from '../../sim/types.ts';
import { WvphostClient, type WvphostClientOptions } from '../../main/wvphost/client.ts';
import { RateLimiter } from '../../main/wvphost/rate-limiter.ts';
import { WvphostError } from '../../main/wvphost/errors.ts';
import type { WvphostErrorKind } from '../../main/wvphost/error-kinds.ts';

/** Generous limits for tests that are not about rate limiting. */
export const GENEROUS = { perMinute: 100_000, perHour: 1_000_000, perDay: 10_000_000 } as const;

export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ count: 40, seed: 11, rateLimits: GENEROUS, ...options });
}

export function testClient(sim: Simulator, overrides: Partial<WvphostClientOptions> = {}): WvphostClient {
  return new WvphostClient({
    baseUrl: sim.url,
    credentials: sim.credentials,
    limiter: new RateLimiter(GENEROUS),
    timeoutMs: 10_000,
    maxRetries: 5,
    retryMinTimeoutMs: 2,
    retryMaxTimeoutMs: 20,
    throttleWaitMs: 5,
    ...overrides,
  });
}

/** A real PKCS#10 CSR for `commonName` (RSA 2048, made by openssl). */
export function makeCsr(commonName: string): string {
  return execFileSync(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      '/dev/null',
      '-subj',
      `/C=DE/O=Example Org/CN=${commonName}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

/** Runs `call`, expecting a `WvphostError` of `kind`; returns it. */
export async function expectWvphostError(call: Promise<unknown>, kind: WvphostErrorKind): Promise<WvphostError> {
  let caught: unknown;
  try {
    await call;
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof WvphostError)) {
    throw new Error(`expected a WvphostError (${kind}), got ${caught === undefined ? 'success' : String(caught)}`);
  }
  if (caught.kind !== kind) throw new Error(`expected kind ${kind}, got ${caught.kind}: ${caught.message}`);
  return caught;
}
