import { assertNever } from '../domain/service.ts';
import type { EnvironmentId } from '../domain/service.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { KeychainUnavailableError } from '../secrets/keychain-unavailable-error.ts';
import type { DataStore } from '../store/types.ts';
import { WvphostError, formatApiErrors } from '../wvphost/errors.ts';
import type { WvphostApi } from '../wvphost/types.ts';
import { connectEnvironment } from './connect.ts';
import { NotSignedInError } from './environment-errors.ts';

/** The outcome of "Test connection" (same shape as ConnectionTestResult in preload/api.ts). */
export interface ConnectionCheck {
  readonly ok: boolean;
  /** `ok`, a WvphostErrorKind, `not-signed-in` or `keychain-unavailable`. */
  readonly code: string;
  /** One plain sentence: what happened and what to do. */
  readonly message: string;
}

/** What the connection test says about the endpoint it called. */
interface ConnectionTarget {
  readonly environment: EnvironmentId;
  readonly apiUser: string;
  readonly clientIp: string;
  readonly baseUrl: string;
}

/** Short: a person is waiting on the answer, and one retry is enough to ride out a hiccup. */
const TEST_TIMEOUT_MS = 15_000;
const TEST_MAX_RETRIES = 1;

/**
 * "Test connection" for an environment as saved: one cheap call (getList, 10 items) that proves
 * the URL, the credentials and the whitelisted IP together. Never throws.
 */
export async function testConnection(
  store: DataStore,
  secrets: SecretStore,
  environment: EnvironmentId,
  options: { readonly signal?: AbortSignal; readonly timeoutMs?: number } = {},
): Promise<ConnectionCheck> {
  try {
    const connection = await connectEnvironment(store, secrets, environment, {
      timeoutMs: options.timeoutMs ?? TEST_TIMEOUT_MS,
      maxRetries: TEST_MAX_RETRIES,
    });
    try {
      return await checkApi(connection.api, connection, options.signal);
    } finally {
      await connection.close();
    }
  } catch (error) {
    if (error instanceof NotSignedInError) return { ok: false, code: error.code, message: error.message };
    if (error instanceof KeychainUnavailableError) return { ok: false, code: 'keychain-unavailable', message: error.message };
    return { ok: false, code: 'unexpected', message: `The connection test failed unexpectedly: ${safeMessage(error)}` };
  }
}

/** One getList page of 10 against `api`, translated into a sentence for each way it can fail. */
async function checkApi(api: WvphostApi, target: ConnectionTarget, signal?: AbortSignal): Promise<ConnectionCheck> {
  try {
    const page = await api.getListPage({ page: 1, pageSize: 10 }, signal === undefined ? {} : { signal });
    const count = page.totalItems === 1 ? '1 certificate' : `${page.totalItems} certificates`;
    return { ok: true, code: 'ok', message: `Connected to ${target.environment} as ${target.apiUser}; the account has ${count}.` };
  } catch (error) {
    if (error instanceof WvphostError) return { ok: false, code: error.kind, message: explain(error, target) };
    return { ok: false, code: 'unexpected', message: `The connection test failed unexpectedly: ${safeMessage(error)}` };
  }
}

function explain(error: WvphostError, target: ConnectionTarget): string {
  const host = hostOf(target.baseUrl);
  const apiErrors = error.numbers.map((number, index) => ({ number, message: error.apiMessages[index] ?? '' }));
  const wvphost = apiErrors.length > 0 ? ` (Wvphost said: ${formatApiErrors(apiErrors)})` : '';
  switch (error.kind) {
    case 'bad-credentials':
      return `Wvphost rejected the API key for API user "${target.apiUser}"${wvphost}. Check the API user, paste the API key again, and make sure API access is enabled in the ${target.environment} account.`;
    case 'ip-not-whitelisted': {
      const ip = error.clientIp ?? target.clientIp;
      return `Wvphost refused the client IP ${ip || '(empty)'} that was sent${wvphost}. Add ${ip || "this computer's public IPv4 address"} to the whitelisted IPs on the API access page of the Wvphost ${target.environment} account, or correct the client IP setting.`;
    }
    case 'account-locked':
      return `The Wvphost account "${target.apiUser}" is temporarily locked after too many login attempts${wvphost}. Wait a while (usually an hour) before trying again, and check the API key before you do.`;
    case 'missing-parameter':
      return `Wvphost says a required value is missing${wvphost}. Fill in the API user, user name, client IP and API key of ${target.environment}.`;
    case 'not-wvphost-endpoint':
      return `${target.baseUrl} answered, but it is not a Wvphost API endpoint. Check the API URL; it normally ends in /xml.response (e.g. https://api.wvphost.com/xml.response).`;
    case 'malformed-response':
      // Looks like a Wvphost answer but is damaged (cut short, broken XML): usually a hiccup, not a wrong URL.
      return `${target.baseUrl} answered, but its answer could not be read as a Wvphost response (damaged or cut-short XML). Try again in a few minutes; if it keeps happening, check the API URL (it normally ends in /xml.response).`;
    case 'unreachable':
      return `Could not reach ${host}${codeSuffix(error)}. Check the API URL and this computer's network connection (proxy, firewall, VPN).`;
    case 'tls':
      return `The secure connection to ${host} failed: its TLS certificate was not accepted${codeSuffix(error)}. Check the API URL (https://api.wvphost.com/...), and the computer's date and any proxy that intercepts HTTPS.`;
    case 'timeout':
      return `${host} did not answer in time. Check the API URL and the network, then try again.`;
    case 'throttled':
      return `Wvphost is rate-limiting API user "${target.apiUser}" right now. The credentials reached Wvphost; wait a minute and test again.`;
    case 'transient':
      return `Wvphost had a temporary failure${wvphost}. Try again in a few minutes.`;
    case 'cancelled':
      return 'The connection test was cancelled.';
    case 'certificate-unknown':
    case 'status-not-allowed':
    case 'invalid-csr':
    case 'years-out-of-range':
    case 'ssl-type-mismatch':
    case 'api-error':
      return `Wvphost answered with an error${wvphost}. ${error.message}`;
    default:
      return assertNever(error.kind);
  }
}

function codeSuffix(error: WvphostError): string {
  return error.code === undefined ? '' : ` (${error.code})`;
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** Only the first line of an unexpected error: stacks and request dumps stay out of the UI. */
function safeMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
