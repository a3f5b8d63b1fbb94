import { ERROR_NUMBERS, SimApiError } from './api-error.ts';
import type { SimClock } from './clock.ts';
import type { SimulatorCredentials } from './types.ts';

/**
 * Checks the global parameters of every request (wvphost-api.md §2) and keeps the lock-out that
 * follows repeated bad keys.
 */

/** Bad-key attempts within the window that lock the API user. */
export const LOCK_ATTEMPTS = 5;
export const LOCK_WINDOW_MS = 10 * 60_000;
/** How long the lock lasts (simulated clock, so tests can advance past it). */
export const LOCK_DURATION_MS = 15 * 60_000;

const LIMITS: readonly (readonly [string, number])[] = [
  ['apiuser', 20],
  ['apikey', 50],
  ['username', 20],
  ['clientip', 15],
  ['command', 80],
];

interface LockState {
  failures: number[];
  lockedUntil: number;
}

export class Authenticator {
  private readonly locks = new Map<string, LockState>();

  constructor(
    private readonly credentials: SimulatorCredentials,
    private readonly clock: SimClock,
  ) {}

  /**
   * Throws the error Wvphost answers for the request's global parameters, or returns quietly.
   *
   * Order: missing parameters, lock-out, key, client IP.
   */
  check(params: ReadonlyMap<string, string>): void {
    const apiUser = params.get('apiuser') ?? '';
    const apiKey = params.get('apikey') ?? '';
    if (apiUser === '') throw new SimApiError(ERROR_NUMBERS.apiUserMissing, 'Parameter APIUser is missing');
    if (apiKey === '') throw new SimApiError(ERROR_NUMBERS.apiKeyMissing, 'Parameter APIKey is missing');
    if ((params.get('command') ?? '') === '')
      throw new SimApiError(ERROR_NUMBERS.commandMissing, 'Parameter Command is missing');
    if ((params.get('clientip') ?? '') === '')
      throw new SimApiError(ERROR_NUMBERS.clientIpMissing, 'Parameter ClientIp is missing');
    for (const [name, max] of LIMITS) {
      if ((params.get(name) ?? '').length > max)
        throw new SimApiError(ERROR_NUMBERS.parameterInvalid, `Parameter ${name} is longer than ${max} characters`);
    }

    const now = this.clock.nowMs();
    const key = apiUser.toLowerCase();
    const state = this.locks.get(key) ?? { failures: [], lockedUntil: 0 };
    if (state.lockedUntil > now) {
      throw new SimApiError(
        ERROR_NUMBERS.accountLocked,
        'Too many login attempts. The account is temporarily locked, try again later',
      );
    }
    const userName = params.get('username') ?? apiUser;
    const known =
      apiUser === this.credentials.apiUser &&
      apiKey === this.credentials.apiKey &&
      userName === this.credentials.userName;
    if (!known) {
      state.failures = state.failures.filter((at) => at > now - LOCK_WINDOW_MS);
      state.failures.push(now);
      if (state.failures.length >= LOCK_ATTEMPTS) {
        state.lockedUntil = now + LOCK_DURATION_MS;
        state.failures = [];
      }
      this.locks.set(key, state);
      throw new SimApiError(ERROR_NUMBERS.invalidApiKey, 'API Key is invalid or API access has not been enabled');
    }
    this.locks.delete(key);
    const clientIp = params.get('clientip') ?? '';
    if (clientIp !== this.credentials.clientIp) {
      throw new SimApiError(ERROR_NUMBERS.invalidClientIp, `Invalid request IP: ${clientIp}`);
    }
  }
}
