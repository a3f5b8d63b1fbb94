import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Account } from './account.ts';
import { ERROR_NUMBERS, SimApiError } from './api-error.ts';
import { Authenticator } from './auth.ts';
import { SimClock } from './clock.ts';
import type { CommandContext } from './commands/context.ts';
import { COMMANDS } from './commands/registry.ts';
import { errorEnvelope, okEnvelope } from './envelope.ts';
import { drawFault } from './faults.ts';
import type { FaultKind } from './faults.ts';
import { BodyTooLargeError, readParams } from './http-request.ts';
import { MaterialStore } from './material-store.ts';
import { Prng } from './prng.ts';
import { ServerRateLimiter } from './rate-limiter.ts';
import { createTestCa } from './test-ca.ts';
import type {
  FaultOptions,
  RequestLogEntry,
  SimCertificate,
  Simulator,
  SimulatorOptions,
  SimulatorRateLimits,
} from './types.ts';
import { DEMO_CREDENTIALS } from './types.ts';

/**
 * The Wvphost simulator: a real HTTP server on 127.0.0.1 speaking wvphost-api.md, with a seeded
 * account, real X.509 material, server-side rate limits and fault injection.
 */

export const DEFAULT_RATE_LIMITS: SimulatorRateLimits = { perMinute: 20, perHour: 700, perDay: 8000 };
export const DEFAULT_COUNT = 60;
export { DEMO_CREDENTIALS };
export type { Simulator, SimulatorOptions } from './types.ts';

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly outcome: string;
}

const XML_HEADERS = { 'Content-Type': 'text/xml; charset=utf-8' } as const;

function httpErrorPage(status: number): string {
  const titles: Readonly<Record<number, string>> = {
    405: 'Method Not Allowed',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };
  const title = titles[status] ?? 'Error';
  return `<!DOCTYPE html><html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>`;
}

/** A well-formed envelope cut in the middle (a dropped connection behind a proxy). */
function truncate(body: string): string {
  return body.slice(0, Math.max(20, Math.floor(body.length / 2)));
}

/** Looks like the envelope, but is not well-formed XML (mismatched tags, a bare ampersand). */
function malform(body: string): string {
  return body.replace('<Errors', '<Errors & <Broken>').replace('</ApiResponse>', '</ApiRespons>');
}

/** An HTTP 200 ERROR envelope with one Wvphost error, as every API-level failure is answered. */
function apiErrorAnswer(command: string, number: number, message: string, startedAt: number): Answer {
  return { status: 200, body: errorEnvelope(command, [{ number, message }], startedAt), outcome: `error:${number}` };
}

/** The envelope of Wvphost's catch-all error 5050900, as a real server answers an unexpected failure. */
function unhandledErrorAnswer(command: string, startedAt: number): Answer {
  return apiErrorAnswer(command, ERROR_NUMBERS.unhandled, 'Unhandled server error', startedAt);
}

/** Wvphost's two ways of throttling: HTTP 405, or HTTP 200 with error 500000. */
function throttleAnswer(kind: 'http-405' | 'throttle-500000', command: string, startedAt: number): Answer {
  return kind === 'http-405'
    ? { status: 405, body: httpErrorPage(405), outcome: 'http-405' }
    : apiErrorAnswer(command, ERROR_NUMBERS.throttled, 'Too many requests', startedAt);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 1;
  const count = options.count ?? DEFAULT_COUNT;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const credentials = options.credentials ?? DEMO_CREDENTIALS;
  const issueDelayMs = options.issueDelayMs ?? null;
  const clock = new SimClock(options.now ?? (() => new Date()));
  const account = new Account(clock, seed, count);
  const ca = await createTestCa(clock.today());
  const material = new MaterialStore(ca);
  const auth = new Authenticator(credentials, clock);
  const limiter = new ServerRateLimiter(options.rateLimits === undefined ? DEFAULT_RATE_LIMITS : options.rateLimits);
  // Separate streams: fault draws must not shift the account's ids and order numbers.
  const faultPrng = new Prng((seed ^ 0x5bd1e995) >>> 0);
  const throttlePrng = new Prng((seed ^ 0x27d4eb2f) >>> 0);
  let faults: FaultOptions = options.faults ?? {};
  const requestLog: RequestLogEntry[] = [];
  const counts = new Map<string, number>();

  function log(entry: RequestLogEntry): void {
    requestLog.push(entry);
    counts.set(entry.command, (counts.get(entry.command) ?? 0) + 1);
  }

  /** The normal path: rate limit, global parameters, command (`command` lower-cased). */
  async function answerRequest(
    command: string,
    params: ReadonlyMap<string, string>,
    method: 'GET' | 'POST',
    startedAt: number,
  ): Promise<Answer> {
    const apiUser = params.get('apiuser') ?? '';
    if (apiUser !== '' && !limiter.tryAcquire(apiUser, Date.now())) {
      // Wvphost throttles in two ways; clients must handle both.
      return throttleAnswer(throttlePrng.chance(0.5) ? 'http-405' : 'throttle-500000', command, startedAt);
    }
    try {
      auth.check(params);
    } catch (error) {
      if (!(error instanceof SimApiError)) throw error;
      return apiErrorAnswer('', error.number, error.message, startedAt);
    }
    const entry = COMMANDS.get(command);
    try {
      if (entry === undefined)
        throw new SimApiError(
          ERROR_NUMBERS.unknownCommand,
          `Invalid or unknown command: ${params.get('command') ?? ''}`,
        );
      const context: CommandContext = { params, method, account, clock, material };
      const result = await entry.handler(context);
      return { status: 200, body: okEnvelope(command, entry.type, result, startedAt), outcome: 'ok' };
    } catch (error) {
      if (error instanceof SimApiError) return apiErrorAnswer(command, error.number, error.message, startedAt);
      console.error('[sim] unexpected error while answering', command, error);
      return unhandledErrorAnswer(command, startedAt);
    }
  }

  /** The answer of an injected fault, or null to process normally. */
  async function faultAnswer(
    kind: FaultKind,
    command: string,
    params: ReadonlyMap<string, string>,
    method: 'GET' | 'POST',
    startedAt: number,
  ): Promise<Answer | null> {
    switch (kind) {
      case 'reset':
        return null;
      case 'http-500':
      case 'http-502':
      case 'http-503': {
        const status = Number(kind.slice(5));
        return { status, body: httpErrorPage(status), outcome: kind };
      }
      case 'http-405':
      case 'throttle-500000':
        return throttleAnswer(kind, command, startedAt);
      case 'unhandled-5050900':
        return unhandledErrorAnswer(command, startedAt);
      case 'truncated':
      case 'malformed': {
        // Read-only commands get their real answer corrupted; a mutating one is not carried out,
        // so a retry after a corrupted body never finds the change half made.
        const entry = COMMANDS.get(command);
        const base =
          entry !== undefined && !entry.mutating
            ? (await answerRequest(command, params, method, startedAt)).body
            : unhandledErrorAnswer(command, startedAt).body;
        return { status: 200, body: kind === 'truncated' ? truncate(base) : malform(base), outcome: kind };
      }
    }
  }

  /** The account changes between two getList pages (a new certificate, or a reissue elsewhere). */
  function changeList(): void {
    const active = account
      .all()
      .filter((certificate) => certificate.status.toLowerCase() === 'active' && certificate.hostName !== '');
    if (active.length > 0 && faultPrng.chance(0.5)) {
      const victim = active[Math.floor(faultPrng.next() * active.length)];
      if (victim) {
        account.reissue(victim);
        return;
      }
    }
    account.add({ status: 'active' });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = Date.now();
    const startedAt = performance.now();
    const method = request.method === 'POST' ? 'POST' : request.method === 'GET' ? 'GET' : null;
    if (method === null) {
      response.writeHead(405, { Allow: 'GET, POST', 'Content-Type': 'text/html' }).end(httpErrorPage(405));
      return;
    }
    let params: Map<string, string>;
    try {
      params = await readParams(request, method);
    } catch (error) {
      const status = error instanceof BodyTooLargeError ? 413 : 400;
      response.writeHead(status, { 'Content-Type': 'text/html', Connection: 'close' }).end(`<h1>${status}</h1>`);
      return;
    }
    const command = (params.get('command') ?? '').trim().toLowerCase();
    const apiUser = params.get('apiuser') ?? '';
    const page = Number(params.get('page') ?? '1');
    account.tick(issueDelayMs);

    const fault = drawFault(faults, faultPrng, command, Number.isFinite(page) ? page : 1);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.kind === 'reset') {
      log({ at, command, method, apiUser, outcome: 'reset' });
      request.socket.destroy();
      return;
    }
    let answer = fault.kind === null ? null : await faultAnswer(fault.kind, command, params, method, startedAt);
    if (answer === null) {
      if (fault.listChange) changeList();
      answer = await answerRequest(command, params, method, startedAt);
    }
    log({ at, command, method, apiUser, outcome: answer.outcome });
    const body = Buffer.from(answer.body, 'utf8');
    const headers =
      answer.status === 200 || answer.outcome === 'truncated' || answer.outcome === 'malformed'
        ? XML_HEADERS
        : { 'Content-Type': 'text/html; charset=utf-8' };
    response.writeHead(answer.status, { ...headers, 'Content-Length': body.length });
    response.end(body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[sim] request failed', error);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
  // Longer than clients' keep-alive, so a client never reuses a socket the server is closing.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const simulator: Simulator = {
    url: `http://127.0.0.1:${port}/xml.response`,
    port,
    credentials,
    rootCaPem: ca.rootPem,
    intermediateCaPem: ca.intermediatePem,
    requestLog,
    requestCount(command?: string): number {
      if (command === undefined) return requestLog.length;
      return counts.get(command.toLowerCase()) ?? 0;
    },
    clearRequestLog(): void {
      requestLog.length = 0;
      counts.clear();
    },
    setFaults(next: FaultOptions): void {
      faults = next;
    },
    issuePending(): number {
      return account.issueAll();
    },
    advanceClock(ms: number): void {
      clock.advance(ms);
      account.tick(issueDelayMs);
    },
    certificates(): readonly SimCertificate[] {
      return account.all();
    },
    certificate(certificateId: number): SimCertificate | undefined {
      return account.get(certificateId);
    },
    addCertificate(init): SimCertificate {
      return account.add(init);
    },
    reissueExternally(certificateId: number): SimCertificate {
      const certificate = account.get(certificateId);
      if (certificate === undefined) throw new Error(`Certificate ${certificateId} does not exist in the simulator.`);
      if (certificate.status.toLowerCase() !== 'active') {
        throw new Error(
          `Certificate ${certificateId} is ${certificate.status}; only active certificates can be reissued.`,
        );
      }
      return account.reissue(certificate);
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return simulator;
}
