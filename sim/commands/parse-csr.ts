import { ERROR_NUMBERS, SimApiError } from '../api-error.ts';
import { csrPrimaryName, isValidHostName, parseCsr as readCsr } from '../csr.ts';
import { baseDomain } from '../seed-account.ts';
import { element, textElement } from '../xml.ts';
import type { CommandContext } from './context.ts';
import { param, requiredParam } from './context.ts';

/**
 * namecheap.ssl.parseCSR (POST only): the subject of a CSR as Wvphost reads it.
 */
export async function parseCsr(context: CommandContext): Promise<string> {
  if (context.method !== 'POST')
    throw new SimApiError(ERROR_NUMBERS.parameterInvalid, 'namecheap.ssl.parseCSR accepts POST requests only');
  const pem = param(context, 'csr');
  if (pem === '') throw new SimApiError(ERROR_NUMBERS.csrInvalid, 'CSR is missing');
  requiredParam(context, 'CertificateType');
  const csr = await readCsr(pem);
  if (csr === null)
    throw new SimApiError(
      ERROR_NUMBERS.csrInvalid,
      'CSR is invalid: it could not be parsed or its signature does not verify',
    );
  // A CSR without a common name is judged by its first DNS SAN, as the reissue itself does.
  const commonName = csrPrimaryName(csr).toLowerCase();
  return element(
    'SSLParseCSRResult',
    undefined,
    element('CSRDetails', undefined, [
      textElement('CommonName', csr.commonName),
      textElement('DomainName', baseDomain(commonName)),
      textElement('Country', csr.country),
      textElement('OrganisationUnit', csr.organisationUnit),
      textElement('Organisation', csr.organisation),
      textElement('ValidTrueDomain', isValidHostName(commonName) ? 'true' : 'false'),
      textElement('State', csr.state),
      textElement('Locality', csr.locality),
      textElement('Email', csr.email),
    ]),
  );
}
