/**
 * Asks Wvphost's parseCSR about a CSR that passed the local checks.
 *
 * Wvphost sees the CSR as its CA will (including whether the domain is a real, registrable
 * one); a refusal here costs one request instead of a failed reissue.
 */
import type { CsrCheckResult } from '../../preload/api.ts';
import type { WvphostApi } from '../wvphost/types.ts';
import { errorKindOf, errorMessagesOf } from '../domain/read-wvphost-error.ts';
import { checkCsrLocally } from './check-csr.ts';
import { readCsrText } from './read-csr-text.ts';

/**
 * Adds Wvphost's view of the CSR (`remote`) to a local result.
 *
 * Wvphost's 2011166 (invalid CSR) becomes an `api-rejected` problem, as does a CSR whose domain
 * Wvphost does not consider valid; any other failure (network, credentials) is thrown, because
 * it says nothing about the CSR.
 */
export async function crossCheckCsr(
  api: WvphostApi,
  csrPem: string,
  sslType: string,
  local: CsrCheckResult,
): Promise<CsrCheckResult> {
  const pem = readCsrText(csrPem).pem;
  try {
    const details = await api.parseCsr(pem, sslType);
    const remote = { commonName: details.commonName, validTrueDomain: details.validTrueDomain };
    if (details.validTrueDomain) {
      return { ...local, remote };
    }
    return withProblem(
      { ...local, remote },
      `Wvphost does not accept ${details.commonName || 'the CSR\'s common name'} as a valid domain for a certificate. Make a CSR for a registered domain name.`,
    );
  } catch (error) {
    if (errorKindOf(error) === 'invalid-csr') {
      const said = errorMessagesOf(error).join(' ');
      return withProblem(local, `Wvphost refused the CSR${said === '' ? '.' : `: ${said}`}`);
    }
    throw error;
  }
}

/**
 * The whole CSR check the app shows: local first, then Wvphost's parseCSR only if the local
 * checks passed (a CSR we already know is bad is never sent anywhere).
 */
export async function checkCsr(options: {
  readonly api: WvphostApi | null;
  readonly csrPem: string;
  readonly expectedHost: string;
  readonly sslType: string;
}): Promise<CsrCheckResult> {
  const local = await checkCsrLocally(options.csrPem, options.expectedHost, { sslType: options.sslType });
  if (!local.ok || options.api === null) {
    return local;
  }
  return crossCheckCsr(options.api, options.csrPem, options.sslType, local);
}

function withProblem(result: CsrCheckResult, message: string): CsrCheckResult {
  return { ...result, ok: false, problems: [...result.problems, { code: 'api-rejected', message }] };
}
