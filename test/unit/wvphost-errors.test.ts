import { describe, expect, it } from 'vitest';
import {
  WvphostError,
  formatApiErrors,
  isRetryableKind,
  kindForErrorNumber,
  kindForErrors,
  messageForApiErrors,
} from '../../main/wvphost/errors.ts';
import { isTlsErrorCode } from '../../main/wvphost/http-transport.ts';
import { WVPHOST_ERROR_KINDS } from '../../main/wvphost/error-kinds.ts';

describe('Wvphost error numbers', () => {
  it('maps every number of wvphost-api.md §5 to its kind', () => {
    const expected: Record<number, string> = {
      1010101: 'bad-credentials',
      1010102: 'bad-credentials',
      1010104: 'missing-parameter',
      1010105: 'missing-parameter',
      1011102: 'bad-credentials',
      1011150: 'ip-not-whitelisted',
      1017411: 'account-locked',
      2011166: 'invalid-csr',
      2011294: 'certificate-unknown',
      4011294: 'certificate-unknown',
      2011331: 'status-not-allowed',
      2015167: 'years-out-of-range',
      2011301: 'ssl-type-mismatch',
      500000: 'throttled',
      5050900: 'transient',
      1234567: 'api-error',
    };
    for (const [number, kind] of Object.entries(expected)) expect(kindForErrorNumber(Number(number))).toBe(kind);
  });

  it('lets a throttle or transient number decide, then the first specific error', () => {
    expect(
      kindForErrors([
        { number: 2011166, message: 'a' },
        { number: 500000, message: 'b' },
      ]),
    ).toBe('throttled');
    expect(
      kindForErrors([
        { number: 9999, message: 'a' },
        { number: 2011331, message: 'b' },
      ]),
    ).toBe('status-not-allowed');
    expect(kindForErrors([])).toBe('api-error');
  });

  it('formats every API error as [Number] message', () => {
    expect(
      formatApiErrors([
        { number: 1011102, message: 'API Key is invalid' },
        { number: 2011166, message: ' CSR bad ' },
      ]),
    ).toBe('[1011102] API Key is invalid; [2011166] CSR bad');
  });

  it('writes a specific sentence per kind that contains the API errors', () => {
    const errors = [{ number: 1011150, message: 'Invalid request IP: 10.1.2.3' }];
    const message = messageForApiErrors('ip-not-whitelisted', errors, { clientIp: '10.1.2.3', command: 'the reissue' });
    expect(message).toContain('[1011150] Invalid request IP: 10.1.2.3');
    expect(message).toContain('10.1.2.3');
    expect(message).toMatch(/whitelist/i);
    expect(message).toMatch(/API access settings/);
    for (const kind of WVPHOST_ERROR_KINDS) {
      const text = messageForApiErrors(kind, [{ number: 1, message: 'm' }], { clientIp: '1.1.1.1', command: 'x' });
      expect(text).toContain('[1] m');
      expect(text.endsWith('.')).toBe(true);
    }
  });

  it('retries only throttles and transient faults', () => {
    const retryable = WVPHOST_ERROR_KINDS.filter((kind) => isRetryableKind(kind));
    expect([...retryable].sort()).toEqual(['malformed-response', 'throttled', 'timeout', 'transient']);
    const error = new WvphostError('throttled', 'x', { numbers: [500000], apiMessages: ['Too many'] });
    expect(error.retryable).toBe(true);
    expect(error.withAttempts(6).attempts).toBe(6);
    expect(error.withAttempts(6).numbers).toEqual([500000]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WvphostError');
  });

  it('recognises TLS error codes', () => {
    for (const code of [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'CERT_HAS_EXPIRED',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'EPROTO',
      'SELF_SIGNED_CERT_IN_CHAIN',
    ]) {
      expect(isTlsErrorCode(code)).toBe(true);
    }
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND']) expect(isTlsErrorCode(code)).toBe(false);
  });
});
