/**
 * `WvphostError`: every failure of a Wvphost call, typed and phrased for a person.
 *
 * The message is always a complete sentence saying what happened and what to do; Wvphost's own
 * errors appear in it as `[Number] message`. It never contains the API key, the request body or
 * the axios request configuration (axios errors carry all three, so they are never kept as
 * `cause`).
 */

import type { WvphostErrorKind } from './error-kinds.ts';

/** One `Error` element of an `ERROR` envelope. */
export interface ApiErrorEntry {
  readonly number: number;
  readonly message: string;
}

export interface WvphostErrorDetails {
  readonly numbers?: readonly number[];
  readonly apiMessages?: readonly string[];
  /** The ClientIp that was sent (ip-not-whitelisted). */
  readonly clientIp?: string;
  /** HTTP status of the last answer, when there was one. */
  readonly httpStatus?: number;
  /** Node/axios error code of the last transport failure (ECONNREFUSED, CERT_HAS_EXPIRED, ...). */
  readonly code?: string;
  /** HTTP attempts made for this call (retries included). */
  readonly attempts?: number;
}

export class WvphostError extends Error {
  override readonly name = 'WvphostError';
  readonly kind: WvphostErrorKind;
  readonly numbers: readonly number[];
  readonly apiMessages: readonly string[];
  readonly clientIp: string | undefined;
  readonly httpStatus: number | undefined;
  readonly code: string | undefined;
  readonly attempts: number | undefined;

  constructor(kind: WvphostErrorKind, message: string, details: WvphostErrorDetails = {}) {
    super(message);
    this.kind = kind;
    this.numbers = details.numbers ?? [];
    this.apiMessages = details.apiMessages ?? [];
    this.clientIp = details.clientIp;
    this.httpStatus = details.httpStatus;
    this.code = details.code;
    this.attempts = details.attempts;
  }

  /** True for failures that may pass on a later attempt (the client retries these). */
  get retryable(): boolean {
    return isRetryableKind(this.kind);
  }

  /** A copy with another message and attempt count (used once the retries are over). */
  withAttempts(attempts: number, message: string = this.message): WvphostError {
    return new WvphostError(this.kind, message, {
      numbers: this.numbers,
      apiMessages: this.apiMessages,
      ...(this.clientIp === undefined ? {} : { clientIp: this.clientIp }),
      ...(this.httpStatus === undefined ? {} : { httpStatus: this.httpStatus }),
      ...(this.code === undefined ? {} : { code: this.code }),
      attempts,
    });
  }
}

/** Kinds that may pass on retry: throttles and transient transport/server failures. */
export function isRetryableKind(kind: WvphostErrorKind): boolean {
  return kind === 'throttled' || kind === 'transient' || kind === 'timeout' || kind === 'malformed-response';
}

/** Wvphost's error number → what it means for the user (wvphost-api.md §5). */
export function kindForErrorNumber(errorNumber: number): WvphostErrorKind {
  switch (errorNumber) {
    case 1010101:
    case 1010102:
    case 1011102:
      return 'bad-credentials';
    case 1011150:
      return 'ip-not-whitelisted';
    case 1017411:
      return 'account-locked';
    case 2011166:
      return 'invalid-csr';
    case 2011294:
    case 4011294:
      return 'certificate-unknown';
    case 2011331:
      return 'status-not-allowed';
    case 2015167:
      return 'years-out-of-range';
    case 2011301:
      return 'ssl-type-mismatch';
    case 500000:
      return 'throttled';
    case 5050900:
      return 'transient';
    default:
      // 1010103 (UserName), 1010104 (Command), 1010105 (ClientIp) and the 2010xxx "missing" family.
      if (Math.floor(errorNumber / 100) === 10101 || Math.floor(errorNumber / 1000) === 2010) {
        return 'missing-parameter';
      }
      return 'api-error';
  }
}

/**
 * The kind of an ERROR envelope, from all its errors.
 *
 * A throttle or transient number anywhere wins (the request was not processed); otherwise the
 * first error that has a specific meaning decides.
 */
export function kindForErrors(errors: readonly ApiErrorEntry[]): WvphostErrorKind {
  const kinds = errors.map((entry) => kindForErrorNumber(entry.number));
  if (kinds.includes('throttled')) return 'throttled';
  if (kinds.includes('transient')) return 'transient';
  return kinds.find((kind) => kind !== 'api-error') ?? 'api-error';
}

/** `[1011102] API Key is invalid; [2011166] CSR is invalid` */
export function formatApiErrors(errors: readonly ApiErrorEntry[]): string {
  if (errors.length === 0) return 'no error details were given';
  return errors.map((entry) => `[${entry.number}] ${entry.message.trim() || 'no message'}`).join('; ');
}

function ensurePeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The user-facing sentence for an ERROR envelope of the given kind. */
export function messageForApiErrors(
  kind: WvphostErrorKind,
  errors: readonly ApiErrorEntry[],
  context: { readonly clientIp: string; readonly command: string },
): string {
  const details = ensurePeriod(formatApiErrors(errors));
  switch (kind) {
    case 'bad-credentials':
      return `Wvphost rejected the API credentials: ${details} Check the API user and API key of this environment, and that API access is enabled in the Wvphost account.`;
    case 'ip-not-whitelisted':
      return `Wvphost refused the request because the client IP ${context.clientIp || '(empty)'} that was sent is not whitelisted: ${details} Add ${context.clientIp || "this computer's public IP"} to the whitelisted IPs in the Wvphost account's API access settings, or correct the client IP of this environment.`;
    case 'account-locked':
      return `The Wvphost account is temporarily locked after too many login attempts: ${details} Wait before trying again, and check the API key.`;
    case 'missing-parameter':
      return `Wvphost says the request lacked a required value: ${details} Check that the API user, API key, user name and client IP of this environment are all filled in.`;
    case 'certificate-unknown':
      return `Wvphost does not know this certificate ID, or it belongs to another account: ${details} Run a sync to refresh the list.`;
    case 'status-not-allowed':
      return `The certificate's current status does not allow ${context.command}: ${details} Run a sync to see its current status.`;
    case 'invalid-csr':
      return `Wvphost rejected the CSR: ${details} Check that the CSR is complete and that its common name or one of its DNS names (SANs) matches the certificate's host name.`;
    case 'years-out-of-range':
      return `The number of years is out of range for this certificate: ${details} Choose a supported number of years.`;
    case 'ssl-type-mismatch':
      return `The SSL type does not match the certificate's type: ${details} Use the certificate's own SSL type.`;
    case 'throttled':
      return `Wvphost is rate-limiting this API user and the retries ran out: ${details} Wait a minute and try again; if it keeps happening, lower the request budget of this environment.`;
    case 'transient':
      return `Wvphost had a temporary failure and the retries ran out: ${details} Try again in a few minutes.`;
    case 'timeout':
    case 'unreachable':
    case 'tls':
    case 'malformed-response':
    case 'not-wvphost-endpoint':
    case 'cancelled':
    case 'api-error':
      return `Wvphost returned an error for ${context.command}: ${details}`;
  }
}
