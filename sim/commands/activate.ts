import { isWildcardType } from '../account-certificate.ts';
import { ERROR_NUMBERS, SimApiError } from '../api-error.ts';
import { csrPrimaryName, isValidHostName } from '../csr.ts';
import { element } from '../xml.ts';
import type { CommandContext } from './context.ts';
import { certificateParam, requireStatus } from './context.ts';
import { approverEmailOf, checkApproverDomain, dcvInstructions, readSubmission } from './submission.ts';

/**
 * namecheap.ssl.activate: only for newpurchase/newrenewal; the CSR's common name (or, without
 * one, its first DNS SAN) becomes the host and the certificate becomes `purchased`.
 */
export async function activate(context: CommandContext): Promise<string> {
  const certificate = certificateParam(context);
  requireStatus(certificate, ['newpurchase', 'newrenewal'], 'activate');
  const submission = await readSubmission(context);
  // Checked again: another request may have changed the status while the CSR was verified.
  requireStatus(certificate, ['newpurchase', 'newrenewal'], 'activate');
  const host = csrPrimaryName(submission.csr).toLowerCase();
  if (!isValidHostName(host))
    throw new SimApiError(ERROR_NUMBERS.csrInvalid, `CSR common name ${host} is not a valid domain name`);
  const wildcardHost = host.startsWith('*.');
  if (wildcardHost !== isWildcardType(certificate.sslType)) {
    throw new SimApiError(
      ERROR_NUMBERS.csrInvalid,
      wildcardHost
        ? `CSR common name ${host} is a wildcard, but ${certificate.sslType} is not a wildcard certificate`
        : `${certificate.sslType} needs a wildcard common name (*.example.com); the CSR names ${host}`,
    );
  }
  checkApproverDomain(submission.dcv, host);
  context.account.activate(certificate, {
    hostName: host,
    csr: submission.csrPem,
    approverEmail: approverEmailOf(submission.dcv),
    adminEmail: submission.adminEmail,
    webServerType: submission.webServerType,
  });
  return element(
    'SSLActivateResult',
    { ID: certificate.certificateId, IsSuccess: 'true' },
    dcvInstructions(submission.dcv, certificate.certificateId, host),
  );
}
