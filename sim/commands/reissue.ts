import { ERROR_NUMBERS, SimApiError } from '../api-error.ts';
import { csrMatchesHost, csrNames } from '../csr.ts';
import { element } from '../xml.ts';
import type { CommandContext } from './context.ts';
import { certificateParam, requireStatus } from './context.ts';
import { approverEmailOf, checkApproverDomain, dcvInstructions, readSubmission } from './submission.ts';

/**
 * namecheap.ssl.reissue: only for active certificates; the old one becomes `replaced` at once and
 * the answer's `ID` is the new certificate.
 */
export async function reissue(context: CommandContext): Promise<string> {
  const old = certificateParam(context);
  requireStatus(old, ['active'], 'reissue');
  const submission = await readSubmission(context);
  // Checked again: another request may have changed the status while the CSR was verified.
  requireStatus(old, ['active'], 'reissue');
  if (!csrMatchesHost(submission.csr, old.hostName)) {
    throw new SimApiError(
      ERROR_NUMBERS.csrInvalid,
      `CSR names ${csrNames(submission.csr).join(', ')}, none of which matches the certificate's host ${old.hostName}`,
    );
  }
  checkApproverDomain(submission.dcv, old.hostName);
  const fresh = context.account.reissue(old, {
    csr: submission.csrPem,
    approverEmail: approverEmailOf(submission.dcv),
    adminEmail: submission.adminEmail,
    webServerType: submission.webServerType,
  });
  return element(
    'SSLReissueResult',
    { ID: fresh.certificateId, IsSuccess: 'true' },
    dcvInstructions(submission.dcv, fresh.certificateId, fresh.hostName),
  );
}
