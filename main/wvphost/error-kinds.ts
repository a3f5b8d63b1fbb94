/**
 * What went wrong with a Wvphost call, in terms a person can act on.
 *
 * `WvphostError` (errors.ts) carries one of these plus Wvphost's error numbers and messages.
 */
export const WVPHOST_ERROR_KINDS = [
  'bad-credentials', // 1011102 (and 1010101/1010102 missing user/key)
  'ip-not-whitelisted', // 1011150: the message names the ClientIp that was sent
  'account-locked', // 1017411
  'missing-parameter', // 1010104/1010105 and other "missing" errors
  'certificate-unknown', // 2011294 / 4011294
  'status-not-allowed', // 2011331
  'invalid-csr', // 2011166
  'years-out-of-range', // 2015167
  'ssl-type-mismatch', // 2011301
  'throttled', // 500000 or HTTP 405, after the retries ran out
  'transient', // 5050900, HTTP 5xx, resets, after the retries ran out
  'timeout', // no answer within the per-request timeout, after the retries ran out
  'unreachable', // DNS failure, connection refused
  'tls', // certificate or handshake failure
  'malformed-response', // not XML, no Status/Server, schema mismatch
  'not-wvphost-endpoint', // HTTP answered but not with a Wvphost envelope (wrong URL)
  'cancelled', // AbortSignal fired
  'api-error', // any other Status="ERROR"
] as const;
export type WvphostErrorKind = (typeof WVPHOST_ERROR_KINDS)[number];
