/**
 * Sends the domain-control approval email of a pending certificate again.
 */
import type { ActionRecord } from '../domain/service.ts';
import type { ActionContext } from './action-context.ts';
import { ActionError } from './action-error.ts';
import { serviceAllowing } from './find-service.ts';
import { explainFailure } from './explain-failure.ts';
import { recordAction, recordFailure } from './record-action.ts';

/** Asks Wvphost to resend the approval email of `certificateId` (awaiting validation). */
export async function resendApproval(options: ActionContext & { readonly certificateId: number }): Promise<ActionRecord> {
  const service = serviceAllowing(options, 'resendApproval');
  let isSuccess: boolean;
  try {
    ({ isSuccess } = await options.api.resendApproverEmail(service.certificateId, { signal: options.signal }));
  } catch (error) {
    throw recordFailure(options, 'resend-approval', service.certificateId, explainFailure('resending the approval email', service, error));
  }
  if (!isSuccess) {
    throw recordFailure(
      options,
      'resend-approval',
      service.certificateId,
      new ActionError(
        'not-successful',
        `Wvphost answered that the approval email for certificate ${service.certificateId} was not sent. Try again later, or use HTTP or DNS validation.`,
      ),
    );
  }
  return recordAction(options, {
    action: 'resend-approval',
    certificateId: service.certificateId,
    result: 'ok',
    detail: `Asked Wvphost to resend the approval email for certificate ${service.certificateId}${service.hostName ? ` (${service.hostName})` : ''}.`,
  });
}
