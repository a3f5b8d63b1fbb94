/**
 * The public surface of the Wvphost simulator (sim/), used by tests, benchmarks, the CLI's
 * `demo` command and the app's Demo environment. Implemented by `startSimulator` in sim/index.ts.
 */

/** Fixed credentials of the Demo environment (not a secret: the simulator is local). */
export const DEMO_CREDENTIALS = {
  apiUser: 'wvpdemo',
  apiKey: 'demo-0123456789abcdef0123456789abcdef',
  userName: 'wvpdemo',
  clientIp: '127.0.0.1',
} as const;

export interface SimulatorCredentials {
  readonly apiUser: string;
  readonly apiKey: string;
  readonly userName: string;
  /** The whitelisted ClientIp; requests naming another IP get error 1011150. */
  readonly clientIp: string;
}

/** Per-request fault injection; every rate is a probability in [0, 1]. */
export interface FaultOptions {
  /** Added latency per request, uniformly drawn from [min, max] milliseconds. */
  readonly latencyMs?: readonly [number, number];
  readonly http500Rate?: number;
  readonly http502Rate?: number;
  readonly http503Rate?: number;
  /** The socket is destroyed without an answer. */
  readonly resetRate?: number;
  /** A valid envelope cut in the middle. */
  readonly truncatedRate?: number;
  /** A body that is not well-formed XML. */
  readonly malformedRate?: number;
  /** HTTP 200, Status="ERROR", Error Number="500000". */
  readonly throttle500000Rate?: number;
  /** HTTP 405 before processing. */
  readonly throttle405Rate?: number;
  /** HTTP 200, Status="ERROR", Error Number="5050900" (unhandled server error, transient). */
  readonly unhandledErrorRate?: number;
  /** Before answering a getList page > 1, the account changes (a certificate added or reissued). */
  readonly listChangeRate?: number;
  /** Commands the faults apply to; all when absent. */
  readonly commands?: readonly string[];
}

export interface SimulatorRateLimits {
  readonly perMinute: number;
  readonly perHour: number;
  readonly perDay: number;
}

export interface SimulatorOptions {
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  readonly port?: number;
  /** Seed of the deterministic account and of the fault draws (default 1). */
  readonly seed?: number;
  /** Number of certificates in the seeded account (default 60). */
  readonly count?: number;
  readonly credentials?: SimulatorCredentials;
  /**
   * Milliseconds after which a `purchased` certificate becomes `active` (simulated clock).
   * `null` (default): only `issuePending()` or `advanceClock()` issue them.
   */
  readonly issueDelayMs?: number | null;
  /** Server-side rate limits; `false` disables them. Default: 20/min, 700/h, 8000/day. */
  readonly rateLimits?: SimulatorRateLimits | false;
  readonly faults?: FaultOptions;
  /** The simulator's "today" for seeding and lifecycle (default: the real clock). */
  readonly now?: () => Date;
}

export interface RequestLogEntry {
  /** Milliseconds since the epoch when the request arrived. */
  readonly at: number;
  /** Lower-cased command, or "" when missing. */
  readonly command: string;
  readonly method: 'GET' | 'POST';
  readonly apiUser: string;
  /** What the simulator answered: "ok", "error:<number>", "http-405", "http-5xx", "reset", ... */
  readonly outcome: string;
}

/** A certificate as the simulator holds it (its own state, for tests to arrange and inspect). */
export interface SimCertificate {
  readonly certificateId: number;
  hostName: string;
  sslType: string;
  /** Canonical lower-case status: active, purchased, newpurchase, newrenewal, replaced, expired, cancelled, ... */
  status: string;
  purchaseDate: Date | null;
  expireDate: Date | null;
  activationExpireDate: Date | null;
  replacedBy: number | null;
  orderId: string;
  csr: string;
  approverEmail: string;
  /** When a purchased certificate was activated/reissued (drives issueDelayMs). */
  activatedAt: number | null;
}

export interface Simulator {
  /** Ends in `/xml.response`. */
  readonly url: string;
  readonly port: number;
  readonly credentials: SimulatorCredentials;
  /** PEM of the simulator's test root CA and intermediate CA (made at start). */
  readonly rootCaPem: string;
  readonly intermediateCaPem: string;
  /** Every request received, in arrival order (faulted ones included). */
  readonly requestLog: readonly RequestLogEntry[];
  /** Requests received for one lower-cased command, or for all when omitted. */
  requestCount(command?: string): number;
  clearRequestLog(): void;
  setFaults(faults: FaultOptions): void;
  /** Every `purchased` certificate becomes `active` now; returns how many. */
  issuePending(): number;
  /** Moves the simulated clock forward (issuance after issueDelayMs uses it). */
  advanceClock(ms: number): void;
  /** The account's certificates (live objects; tests may mutate or add through the helpers below). */
  certificates(): readonly SimCertificate[];
  certificate(certificateId: number): SimCertificate | undefined;
  /** Adds a certificate as if bought elsewhere; returns it. */
  addCertificate(init: Partial<Omit<SimCertificate, 'certificateId'>> & { hostName?: string }): SimCertificate;
  /** Reissues an active certificate as if done elsewhere (e.g. in WHMCS); returns the new one. */
  reissueExternally(certificateId: number): SimCertificate;
  close(): Promise<void>;
}
