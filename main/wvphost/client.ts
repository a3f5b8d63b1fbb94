/**
 * `WvphostClient`: the Wvphost SSL API over HTTP (wvphost-api.md), behind `WvphostApi`.
 *
 * Every call: wait for the shared rate limiter → POST the form → read the envelope → validate
 * the result with its schema. Transient failures and throttles are retried with exponential
 * backoff and jitter (p-retry); every retry goes through the limiter again, so the budget holds
 * with retries included. Permanent errors (credentials, IP, status, CSR, ...) fail at once.
 */

import pRetry from 'p-retry';
import type { z } from 'zod';
import { DEFAULT_RATE_BUDGET, assertNever, type RateBudget } from '../domain/service.ts';
import { WvphostError, isRetryableKind, kindForErrors, messageForApiErrors, type ApiErrorEntry } from './errors.ts';
import { HttpTransport, cancelledError, describeEndpoint } from './http-transport.ts';
import { sharedRateLimiter, type RateLimiter } from './rate-limiter.ts';
import {
  activateSchema,
  approverEmailListSchema,
  getInfoSchema,
  getListSchema,
  parseCsrSchema,
  renewSchema,
  reissueSchema,
  resendApproverEmailSchema,
} from './response-schemas.ts';
import type {
  ApproverEmailList,
  CallOptions,
  CertificateInfo,
  CertificateReturnType,
  CsrDetails,
  GetListOptions,
  GetListParams,
  ListItem,
  ListPage,
  RenewRequest,
  RenewResult,
  SubmitCsrRequest,
  SubmitCsrResult,
  WvphostApi,
} from './types.ts';
import { readEnvelope } from './xml-envelope.ts';

export interface WvphostCredentials {
  readonly apiUser: string;
  readonly apiKey: string;
  readonly userName: string;
  readonly clientIp: string;
}

export interface WvphostClientOptions {
  /** The endpoint, ending in `/xml.response`. */
  readonly baseUrl: string;
  readonly credentials: WvphostCredentials;
  /** Used when no `limiter` is given (default 20/min, 700/h, 8000/day). */
  readonly rateBudget?: RateBudget;
  /** Per HTTP attempt (default 30 s). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt for transient failures and throttles (default 5). */
  readonly maxRetries?: number;
  /**
   * The limiter to share. Without one, the process-wide limiter of (baseUrl, apiUser) is used,
   * so that two clients of the same account never double the budget.
   */
  readonly limiter?: RateLimiter;
  /** First backoff delay (default 1000 ms); doubles per retry, randomised ×1–2. */
  readonly retryMinTimeoutMs?: number;
  /** Longest backoff delay (default 30 s). */
  readonly retryMaxTimeoutMs?: number;
  /**
   * How long the whole limiter pauses after the server throttled us (default: one minute
   * window, so the server's per-minute count has surely rolled over).
   */
  readonly throttleWaitMs?: number;
}

/** getList pages are read with the largest page size the API allows. */
export const LIST_PAGE_SIZE = 100;

/** Guards against a server whose paging never ends. */
const MAX_LIST_PAGES = 10_000;

type CommandName =
  | 'getList'
  | 'getInfo'
  | 'reissue'
  | 'activate'
  | 'renew'
  | 'getApproverEmailList'
  | 'parseCSR'
  | 'resendApproverEmail';

/**
 * Commands that change the account (renew even charges money).
 *
 * They are retried only after failures that prove the request was not carried out (throttles,
 * 502/503, 5050900); after a timeout, a reset or a cut answer Wvphost may have done it, and a
 * blind retry could reissue or renew twice.
 */
const MUTATING_COMMANDS: ReadonlySet<CommandName> = new Set(['reissue', 'activate', 'renew', 'resendApproverEmail']);

/** True when a failed attempt may still have been carried out by Wvphost. */
function mayHaveBeenProcessed(error: WvphostError): boolean {
  switch (error.kind) {
    case 'throttled':
      return false;
    case 'transient':
      return !(error.numbers.includes(5050900) || error.httpStatus === 502 || error.httpStatus === 503);
    case 'timeout':
    case 'malformed-response':
      return true;
    default:
      return false;
  }
}

const COMMAND_LABELS: Readonly<Record<CommandName, string>> = {
  getList: 'the certificate list (getList)',
  getInfo: 'the certificate details (getInfo)',
  reissue: 'the reissue',
  activate: 'the activation',
  renew: 'the renewal',
  getApproverEmailList: 'the approver e-mail list',
  parseCSR: 'the CSR check (parseCSR)',
  resendApproverEmail: 'the approver e-mail resend',
};

export class WvphostClient implements WvphostApi {
  readonly #credentials: WvphostCredentials;
  readonly #transport: HttpTransport;
  readonly #limiter: RateLimiter;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #retryMinTimeoutMs: number;
  readonly #retryMaxTimeoutMs: number;
  readonly #throttleWaitMs: number | undefined;
  #requestsSent = 0;

  constructor(options: WvphostClientOptions) {
    this.#credentials = options.credentials;
    this.#transport = new HttpTransport(options.baseUrl);
    this.#limiter =
      options.limiter ??
      sharedRateLimiter(
        `url:${describeEndpoint(options.baseUrl)}|${options.credentials.apiUser.toLowerCase()}`,
        options.rateBudget ?? DEFAULT_RATE_BUDGET,
      );
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#maxRetries = options.maxRetries ?? 5;
    this.#retryMinTimeoutMs = options.retryMinTimeoutMs ?? 1000;
    this.#retryMaxTimeoutMs = options.retryMaxTimeoutMs ?? 30_000;
    this.#throttleWaitMs = options.throttleWaitMs;
  }

  get requestsSent(): number {
    return this.#requestsSent;
  }

  /** The limiter this client waits on (shared; used for "time left" estimates). */
  get limiter(): RateLimiter {
    return this.#limiter;
  }

  getListPage(params: GetListParams, options?: CallOptions): Promise<ListPage> {
    const form: Record<string, string> = {};
    if (params.listType !== undefined) form['ListType'] = params.listType;
    if (params.searchTerm !== undefined && params.searchTerm !== '') form['SearchTerm'] = params.searchTerm;
    if (params.sortBy !== undefined) form['SortBy'] = params.sortBy;
    if (params.page !== undefined) form['Page'] = String(params.page);
    if (params.pageSize !== undefined) form['PageSize'] = String(params.pageSize);
    return this.#call('getList', form, getListSchema, options);
  }

  /**
   * Reads every page (PageSize 100).
   *
   * The list may change between two pages (a certificate issued or reissued meanwhile): items
   * can shift across a page boundary. Pages are read until the last one the newest answer
   * announces; duplicates are merged by CertificateID (the later reading wins, the first
   * position is kept). Keeping the whole picture consistent is the sync engine's job.
   */
  async getList(
    params: Omit<GetListParams, 'page' | 'pageSize'> = {},
    options?: GetListOptions,
  ): Promise<readonly ListItem[]> {
    const byId = new Map<number, ListItem>();
    let totalPages = 1;
    for (let page = 1; page <= totalPages && page <= MAX_LIST_PAGES; page++) {
      const result = await this.getListPage({ ...params, page, pageSize: LIST_PAGE_SIZE }, options);
      for (const item of result.items) byId.set(item.certificateId, item);
      const pageSize = result.pageSize > 0 ? result.pageSize : LIST_PAGE_SIZE;
      totalPages = Math.max(1, Math.ceil(result.totalItems / pageSize));
      options?.onPage?.({ page, totalPages: Math.max(page, totalPages), items: byId.size });
      if (result.items.length === 0) break;
    }
    return [...byId.values()];
  }

  getInfo(
    certificateId: number,
    options?: CallOptions & { readonly returnCertificate?: CertificateReturnType },
  ): Promise<CertificateInfo> {
    const form: Record<string, string> = { CertificateID: String(certificateId) };
    if (options?.returnCertificate !== undefined) {
      form['Returncertificate'] = 'true';
      form['Returntype'] = options.returnCertificate;
    }
    return this.#call('getInfo', form, getInfoSchema(certificateId), options);
  }

  reissue(request: SubmitCsrRequest, options?: CallOptions): Promise<SubmitCsrResult> {
    return this.#call('reissue', submitForm(request), reissueSchema, options);
  }

  activate(request: SubmitCsrRequest, options?: CallOptions): Promise<SubmitCsrResult> {
    return this.#call('activate', submitForm(request), activateSchema, options);
  }

  renew(request: RenewRequest, options?: CallOptions): Promise<RenewResult> {
    const form = {
      CertificateID: String(request.certificateId),
      Years: String(request.years),
      SSLType: request.sslType,
    };
    return this.#call('renew', form, renewSchema, options);
  }

  getApproverEmailList(domainName: string, certificateType: string, options?: CallOptions): Promise<ApproverEmailList> {
    return this.#call(
      'getApproverEmailList',
      { DomainName: domainName, CertificateType: certificateType },
      approverEmailListSchema,
      options,
    );
  }

  parseCsr(csr: string, certificateType: string, options?: CallOptions): Promise<CsrDetails> {
    return this.#call('parseCSR', { csr, CertificateType: certificateType }, parseCsrSchema, options);
  }

  resendApproverEmail(
    certificateId: number,
    options?: CallOptions,
  ): Promise<{ readonly certificateId: number; readonly isSuccess: boolean }> {
    return this.#call(
      'resendApproverEmail',
      { CertificateID: String(certificateId) },
      resendApproverEmailSchema,
      options,
    );
  }

  /** One command with retries; every failure leaves as a `WvphostError`. */
  async #call<Schema extends z.ZodType>(
    command: CommandName,
    params: Readonly<Record<string, string>>,
    schema: Schema,
    options: CallOptions | undefined,
  ): Promise<z.output<Schema>> {
    const signal = options?.signal;
    let attempts = 0;
    try {
      return await pRetry(
        async () => {
          attempts++;
          return this.#attempt(command, params, schema, signal);
        },
        {
          retries: this.#maxRetries,
          factor: 2,
          minTimeout: this.#retryMinTimeoutMs,
          maxTimeout: this.#retryMaxTimeoutMs,
          randomize: true,
          ...(signal === undefined ? {} : { signal }),
          shouldRetry: ({ error }) =>
            error instanceof WvphostError &&
            error.retryable &&
            !(MUTATING_COMMANDS.has(command) && mayHaveBeenProcessed(error)),
          onFailedAttempt: ({ error, retriesLeft }) => {
            if (error instanceof WvphostError && error.kind === 'throttled' && retriesLeft > 0) {
              this.#limiter.pause(this.#throttleWaitMs ?? this.#limiter.windows.minuteMs);
            }
          },
        },
      );
    } catch (error) {
      throw this.#finalError(command, error, attempts, signal);
    }
  }

  async #attempt<Schema extends z.ZodType>(
    command: CommandName,
    params: Readonly<Record<string, string>>,
    schema: Schema,
    signal: AbortSignal | undefined,
  ): Promise<z.output<Schema>> {
    const label = COMMAND_LABELS[command];
    try {
      await this.#limiter.acquire(signal);
    } catch {
      throw cancelledError(label);
    }
    const form = new URLSearchParams({
      ApiUser: this.#credentials.apiUser,
      ApiKey: this.#credentials.apiKey,
      UserName: this.#credentials.userName,
      ClientIp: this.#credentials.clientIp,
      Command: `namecheap.ssl.${command}`,
      ...params,
    });
    this.#requestsSent++;
    const answer = await this.#transport.post(form, {
      timeoutMs: this.#timeoutMs,
      commandLabel: label,
      ...(signal === undefined ? {} : { signal }),
    });
    const endpoint = this.#transport.endpoint;
    if (answer.status === 405) {
      throw new WvphostError(
        'throttled',
        `Wvphost is rate-limiting this API user (HTTP 405) and the retries ran out. Wait a minute and try again; if it keeps happening, lower the request budget of this environment.`,
        { httpStatus: 405 },
      );
    }
    if (answer.status >= 500) {
      throw new WvphostError(
        'transient',
        `Wvphost at ${endpoint} had a temporary server failure (HTTP ${answer.status}). Try again in a few minutes.`,
        { httpStatus: answer.status },
      );
    }
    if (answer.status !== 200) {
      throw new WvphostError(
        'not-wvphost-endpoint',
        `${endpoint} did not answer like the Wvphost API (HTTP ${answer.status}). Check the base URL of this environment: it must be the Wvphost API address ending in /xml.response.`,
        { httpStatus: answer.status },
      );
    }
    const reading = readEnvelope(answer.body, answer.contentType);
    if (reading.kind === 'foreign') {
      throw new WvphostError(
        'not-wvphost-endpoint',
        `${endpoint} did not answer like the Wvphost API (it sent ${reading.reason}). Check the base URL of this environment: it must be the Wvphost API address ending in /xml.response.`,
        { httpStatus: 200 },
      );
    }
    if (reading.kind === 'malformed') {
      throw new WvphostError(
        'malformed-response',
        `Wvphost sent a response that could not be read (${reading.reason}). Try again in a few minutes.`,
        { httpStatus: 200 },
      );
    }
    const envelope = reading.envelope;
    if (envelope.status === 'ERROR') {
      const errors: readonly ApiErrorEntry[] = envelope.errors.map((entry) => ({
        number: entry.number,
        message: this.#scrub(entry.message),
      }));
      const kind = kindForErrors(errors);
      throw new WvphostError(
        kind,
        messageForApiErrors(kind, errors, { clientIp: this.#credentials.clientIp, command: label }),
        {
          numbers: errors.map((entry) => entry.number),
          apiMessages: errors.map((entry) => entry.message),
          httpStatus: 200,
          ...(kind === 'ip-not-whitelisted' ? { clientIp: this.#credentials.clientIp } : {}),
        },
      );
    }
    const expectedType = `namecheap.ssl.${command}`.toLowerCase();
    if (envelope.commandType !== '' && envelope.commandType.trim().toLowerCase() !== expectedType) {
      throw new WvphostError(
        'malformed-response',
        `Wvphost answered ${label} with the result of another command (${envelope.commandType}). Try again in a few minutes.`,
        { httpStatus: 200 },
      );
    }
    if (envelope.commandResponse === undefined) {
      throw new WvphostError(
        'malformed-response',
        `Wvphost answered ${label} with OK but without a result. Try again in a few minutes.`,
        { httpStatus: 200 },
      );
    }
    const parsed = schema.safeParse(envelope.commandResponse);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined ? '' : ` at ${issue.path.map(String).join('/')}: ${issue.message}`;
      throw new WvphostError(
        'malformed-response',
        `Wvphost's answer to ${label} did not have the expected shape${where}. Try again in a few minutes.`,
        { httpStatus: 200 },
      );
    }
    return parsed.data;
  }

  /** Turns whatever ended the retries into the error the caller sees. */
  #finalError(command: CommandName, error: unknown, attempts: number, signal: AbortSignal | undefined): WvphostError {
    const label = COMMAND_LABELS[command];
    if (signal?.aborted) return cancelledError(label).withAttempts(attempts);
    if (error instanceof WvphostError) {
      let message = error.message;
      if (MUTATING_COMMANDS.has(command) && mayHaveBeenProcessed(error)) {
        message = `${message} Wvphost may have carried out ${label} before the failure: run a sync to check its current state before trying again.`;
      } else if (isRetryableKind(error.kind) && attempts > 1) {
        message = `${message} (${attempts} attempts were made.)`;
      }
      // Every message that quotes the server (its Status, command type, errors, schema issues) is
      // scrubbed here, in one place: a server that echoes the request could echo the API key.
      return error.withAttempts(attempts, this.#scrub(message));
    }
    // A bug in a schema transform must not crash a sync: report it as an unreadable answer.
    return new WvphostError(
      'malformed-response',
      `Wvphost's answer to ${label} could not be processed. Try again in a few minutes.`,
      { attempts },
    );
  }

  /** Removes the API key from text that came from outside (server messages echo input). */
  #scrub(text: string): string {
    const key = this.#credentials.apiKey;
    return key.length >= 4 ? text.split(key).join('***') : text;
  }
}

function submitForm(request: SubmitCsrRequest): Record<string, string> {
  const form: Record<string, string> = {
    CertificateID: String(request.certificateId),
    csr: request.csr,
    AdminEmailAddress: request.adminEmailAddress,
    WebServerType: request.webServerType,
  };
  switch (request.dcv.kind) {
    case 'email':
      form['ApproverEmail'] = request.dcv.approverEmail;
      break;
    case 'http':
      form['HTTPDCValidation'] = 'true';
      break;
    case 'dns':
      form['DNSDCValidation'] = 'true';
      break;
    default:
      assertNever(request.dcv);
  }
  return form;
}
