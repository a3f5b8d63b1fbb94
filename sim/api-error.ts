/**
 * Wvphost error numbers (wvphost-api.md §5) and the error a command handler throws to answer
 * `Status="ERROR"`.
 */

export const ERROR_NUMBERS = {
  apiUserMissing: 1010101,
  apiKeyMissing: 1010102,
  commandMissing: 1010104,
  clientIpMissing: 1010105,
  invalidApiKey: 1011102,
  invalidClientIp: 1011150,
  accountLocked: 1017411,
  /** Not in §5: an unknown command (Namecheap answers with the same number). */
  unknownCommand: 1011104,
  /** Not in §5: a required parameter is missing or malformed (Namecheap's "parameter" family). */
  parameterInvalid: 2015182,
  csrInvalid: 2011166,
  certificateUnknown: 2011294,
  /** The id exists at Wvphost but belongs to another account (ids between this account's). */
  certificateOfOtherAccount: 4011294,
  statusNotAllowed: 2011331,
  yearsOutOfRange: 2015167,
  sslTypeMismatch: 2011301,
  throttled: 500000,
  unhandled: 5050900,
} as const;

export class SimApiError extends Error {
  constructor(
    readonly number: number,
    message: string,
  ) {
    super(message);
    this.name = 'SimApiError';
  }
}
