/**
 * One HTTP POST to the Wvphost endpoint, with a hard deadline and cancellation.
 *
 * Credentials travel only in the form-encoded body. Transport failures become `WvphostError`s
 * built from the error code alone: an axios error holds the request configuration and body (the
 * API key), so it is never kept, logged or used as `cause`. Redirects are not followed, so the
 * body is never re-sent to another host.
 */

import axios, { type AxiosInstance } from 'axios';
import { WvphostError } from './errors.ts';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
}

export interface PostOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** For the messages: `getList`, `reissue`, ... */
  readonly commandLabel: string;
}

const MAX_BODY_BYTES = 50 * 1024 * 1024;

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  // getaddrinfo's "try again": what an offline machine or a dead DNS server gives.
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ERR_INVALID_URL',
]);

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'EPROTO',
  'HOSTNAME_MISMATCH',
]);

/** True for Node's certificate and handshake error codes. */
export function isTlsErrorCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('CERT_') || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}

/** `https://host:port/path` of the endpoint, without query or user info, for messages. */
export function describeEndpoint(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'the configured URL (it is not a valid URL)';
  }
}

export class HttpTransport {
  readonly #http: AxiosInstance;
  readonly #baseUrl: string;
  readonly #endpoint: string;

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl;
    this.#endpoint = describeEndpoint(baseUrl);
    this.#http = axios.create({
      responseType: 'text',
      // Keep the body exactly as received: parsing and validation happen in one place.
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      maxContentLength: MAX_BODY_BYTES,
      maxBodyLength: MAX_BODY_BYTES,
      headers: { Accept: 'application/xml, text/xml;q=0.9, */*;q=0.1' },
    });
  }

  get endpoint(): string {
    return this.#endpoint;
  }

  async post(form: URLSearchParams, options: PostOptions): Promise<HttpAnswer> {
    options.signal?.throwIfAborted();
    // One controller per attempt, fired by the deadline or by the caller's signal. (Not
    // AbortSignal.any: a sync's long-lived signal would collect one listener per request.)
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const onCallerAbort = (): void => controller.abort();
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const signal = controller.signal;
    try {
      const response = await this.#http.post<unknown>(this.#baseUrl, form.toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        signal,
      });
      const body =
        typeof response.data === 'string' ? response.data : response.data === undefined ? '' : String(response.data);
      const contentType = response.headers['content-type'];
      return { status: response.status, body, contentType: typeof contentType === 'string' ? contentType : '' };
    } catch (error) {
      if (options.signal?.aborted) throw cancelledError(options.commandLabel);
      if (timedOut) {
        throw new WvphostError(
          'timeout',
          `Wvphost at ${this.#endpoint} did not answer the request for ${options.commandLabel} within ${formatSeconds(options.timeoutMs)}. Check the network connection, or try again later.`,
          { code: 'ETIMEDOUT' },
        );
      }
      throw this.#transportError(error);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Maps an axios/Node failure to a typed error using only its code (see the file comment). */
  #transportError(error: unknown): WvphostError {
    const code = errorCode(error);
    if (UNREACHABLE_CODES.has(code)) {
      const what =
        code === 'ECONNREFUSED'
          ? 'the connection was refused'
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? 'the host name could not be resolved'
            : code === 'ERR_INVALID_URL'
              ? 'the URL is not valid'
              : 'the host could not be reached';
      return new WvphostError(
        'unreachable',
        `Cannot reach Wvphost at ${this.#endpoint}: ${what} (${code}). Check the base URL of this environment and the network connection.`,
        { code },
      );
    }
    if (isTlsErrorCode(code)) {
      return new WvphostError(
        'tls',
        `The secure connection to ${this.#endpoint} failed (${code}): the server's certificate is not trusted or the TLS handshake failed. Check the base URL of this environment; if a proxy inspects HTTPS traffic, this computer must trust its certificate.`,
        { code },
      );
    }
    if (code === 'ERR_BAD_RESPONSE' || code === 'ERR_FR_MAX_CONTENT_LENGTH_EXCEEDED') {
      return new WvphostError(
        'malformed-response',
        `Wvphost at ${this.#endpoint} sent a response that could not be read (${code}). Try again in a few minutes.`,
        { code },
      );
    }
    return new WvphostError(
      'transient',
      `The connection to Wvphost at ${this.#endpoint} failed (${code || 'unknown network error'}). Try again in a few minutes.`,
      { code: code || 'UNKNOWN' },
    );
  }
}

export function cancelledError(commandLabel: string): WvphostError {
  return new WvphostError('cancelled', `The request for ${commandLabel} was cancelled before Wvphost answered.`);
}

function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const direct = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  const causeCode = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  // axios wraps TLS/socket errors; the underlying Node code is the specific one.
  if (typeof causeCode === 'string' && causeCode !== '') return causeCode;
  return typeof direct === 'string' ? direct : '';
}

function formatSeconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  return Number.isInteger(seconds) ? `${seconds} s` : `${seconds.toFixed(1)} s`;
}
