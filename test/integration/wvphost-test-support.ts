/**
 * Shared set-up of the client's integration tests: a real simulator, a client with fast retries
 * and its own limiter, and real CSRs made by openssl.
 */

import { startSimulator } from '../../sim/index.ts';
import type { Simulator, SimulatorOptions } from '../../sim/types.ts';
import { WvphostError } from '../../main/wvphost/errors.ts';
import type { WvphostErrorKind } from '../../main/wvphost/error-kinds.ts';
import { GENEROUS_BUDGET } from '../helpers/test-client.ts';
import { makeCsr as makeSimCsr } from './sim-support.ts';

export { GENEROUS_BUDGET as GENEROUS, testClient } from '../helpers/test-client.ts';

export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ count: 40, seed: 11, rateLimits: GENEROUS_BUDGET, ...options });
}

/** A real PKCS#10 CSR for `commonName` (RSA 2048, made by openssl; C=DE, O=Example Org). */
export function makeCsr(commonName: string): string {
  return makeSimCsr(commonName, 'rsa', '/C=DE/O=Example Org');
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
