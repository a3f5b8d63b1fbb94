/**
 * Raw-HTTP helpers of the simulator's own tests: send a command with GET or POST, parse the XML
 * with fast-xml-parser, make real CSRs with openssl.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { startSimulator } from '../../sim/index.ts';
import type { Simulator, SimulatorOptions } from '../../sim/types.ts';

/** A fixed day, so that tests about dates do not depend on when they run. */
export const FIXED_NOW = new Date(2026, 5, 15, 10, 0, 0);

export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ count: 60, seed: 3, rateLimits: false, now: () => FIXED_NOW, ...options });
}

export type Params = Readonly<Record<string, string | number>>;

export interface RawReply {
  readonly status: number;
  readonly text: string;
}

/** Sends `params` plus the simulator's credentials (unless `credentials: false`). */
export async function send(
  sim: Simulator,
  params: Params,
  options: { method?: 'GET' | 'POST'; credentials?: boolean } = {},
): Promise<RawReply> {
  const all: Record<string, string> = {};
  if (options.credentials !== false) {
    all['ApiUser'] = sim.credentials.apiUser;
    all['ApiKey'] = sim.credentials.apiKey;
    all['UserName'] = sim.credentials.userName;
    all['ClientIp'] = sim.credentials.clientIp;
  }
  for (const [name, value] of Object.entries(params)) all[name] = String(value);
  const body = new URLSearchParams(all);
  const response =
    options.method === 'GET'
      ? await fetch(`${sim.url}?${body.toString()}`)
      : await fetch(sim.url, {
          method: 'POST',
          body,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        });
  return { status: response.status, text: await response.text() };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['SSL', 'Error', 'email', 'Certificate', 'DNS'].includes(name),
});

// The parsed XML is an untyped tree; tests walk it with bracket access.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Xml = any;

/** Parses a reply that must be well-formed; returns the `ApiResponse` element. */
export function parse(text: string): Xml {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid)}\n${text.slice(0, 300)}`);
  return parser.parse(text).ApiResponse;
}

/** Sends a command and parses the envelope. */
export async function call(
  sim: Simulator,
  params: Params,
  options: { method?: 'GET' | 'POST'; credentials?: boolean } = {},
): Promise<Xml> {
  const reply = await send(sim, params, options);
  if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.text.slice(0, 200)}`);
  return parse(reply.text);
}

/** The error numbers of an ERROR envelope. */
export function errorNumbers(envelope: Xml): number[] {
  const errors: Xml[] = envelope?.Errors?.Error ?? [];
  return errors.map((error: Xml) => Number(error['@Number']));
}

/** A temporary folder removed by the returned function. */
export function tempDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'sim-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A real CSR made by openssl (EC P-256 by default for speed; `rsa` for RSA 2048). */
export function makeCsr(commonName: string, key: 'ec' | 'rsa' = 'ec', extraSubject = ''): string {
  const keyArgs =
    key === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  return execFileSync(
    'openssl',
    ['req', '-new', ...keyArgs, '-nodes', '-keyout', '/dev/null', '-subj', `${extraSubject}/CN=${commonName}`],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
}

/**
 * An EC P-256 CSR with DNS SANs and an optional common name (`null`: no CN at all), by `openssl req`.
 */
export function makeSanCsr(commonName: string | null, dnsNames: readonly string[]): string {
  const subject = commonName === null ? '/O=No Common Name Ltd' : `/CN=${commonName}`;
  return execFileSync(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      '/dev/null',
      '-subj',
      subject,
      '-addext',
      `subjectAltName=${dnsNames.map((name) => `DNS:${name}`).join(',')}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
}
