/**
 * Sends the domain-control approval email of a pending certificate again.
 */
import type { ActionRecord } from '../domain/service.ts';
import { localToday } from '../sync/build-services.ts';
import type { ActionContext } from './action-context.ts';
import { actionBlockers } from './action-blockers.ts';
import { ActionError } from './action-error.ts';
import { findService } from './find-service.ts';
import { explainFailure } from './explain-failure.ts';
import { recordAction } from './record-action.ts';

/** Asks Wvphost to resend the approval email of `certificateId` (awaiting validation). */
export async function resendApproval(options: ActionContext & { readonly certificateId: number }): Promise<ActionRecord> {
  const today = localToday((options.now ?? (() => new Date()))());
  const service = findService(options.store, options.environment, options.certificateId, today);
  const blocker = actionBlockers(service, today).resendApproval;
  if (blocker !== null) {
    throw new ActionError('action-not-allowed', blocker, { detail: service.status });
  }
  let isSuccess: boolean;
  try {
    ({ isSuccess } = await options.api.resendApproverEmail(service.certificateId, options.signal ? { signal: options.signal } : {}));
  } catch (error) {
    const explained = explainFailure('resending the approval email', service, error);
    recordAction(options, { action: 'resend-approval', certificateId: service.certificateId, result: 'failed', detail: explained.message });
    throw explained;
  }
  if (!isSuccess) {
    const failure = new ActionError(
      'not-successful',
      `Wvphost answered that the approval email for certificate ${service.certificateId} was not sent. Try again later, or use HTTP or DNS validation.`,
    );
    recordAction(options, { action: 'resend-approval', certificateId: service.certificateId, result: 'failed', detail: failure.message });
    throw failure;
  }
  return recordAction(options, {
    action: 'resend-approval',
    certificateId: service.certificateId,
    result: 'ok',
    detail: `Asked Wvphost to resend the approval email for certificate ${service.certificateId}${service.hostName ? ` (${service.hostName})` : ''}.`,
  });
}
