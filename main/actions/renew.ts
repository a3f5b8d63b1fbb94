/**
 * Renewal: a new `newrenewal` certificate of the same SSL type, which still needs activation.
 *
 * Wvphost gives no link from the new certificate back to the one it renews, so the history
 * entry (old ID → new ID) is the only place that connection is kept.
 */
import type { RenewReply } from '../../preload/api.ts';
import type { ActionRecord, Service } from '../domain/service.ts';
import type { ActionContext } from './action-context.ts';
import { ActionError } from './action-error.ts';
import { serviceAllowing } from './find-service.ts';
import { explainFailure } from './explain-failure.ts';
import { recordAction, recordFailure } from './record-action.ts';

export const MIN_RENEWAL_YEARS = 1;
export const MAX_RENEWAL_YEARS = 5;

export interface RenewOptions extends ActionContext {
  readonly certificateId: number;
  /** 1 to 5; default 1. */
  readonly years?: number;
}

export interface RenewOutcome extends RenewReply {
  readonly years: number;
  readonly orderId: string;
  readonly service: Service;
  readonly record: ActionRecord;
}

/** Renews an active certificate expiring within 30 days, for `years` years of its own SSL type. */
export async function submitRenewal(options: RenewOptions): Promise<RenewOutcome> {
  const years = options.years ?? 1;
  if (!Number.isInteger(years) || years < MIN_RENEWAL_YEARS || years > MAX_RENEWAL_YEARS) {
    throw new ActionError(
      'invalid-years',
      `A renewal is for ${MIN_RENEWAL_YEARS} to ${MAX_RENEWAL_YEARS} whole years; ${String(years)} is not possible.`,
    );
  }
  const service = serviceAllowing(options, 'renew');

  let result;
  try {
    result = await options.api.renew(
      { certificateId: service.certificateId, years, sslType: service.sslType },
      { signal: options.signal },
    );
  } catch (error) {
    throw recordFailure(options, 'renew', service.certificateId, explainFailure('a renewal', service, error));
  }

  const record = recordAction(options, {
    action: 'renew',
    certificateId: service.certificateId,
    result: 'ok',
    newCertificateId: result.certificateId,
    detail: `Renewed for ${result.years || years} year${(result.years || years) === 1 ? '' : 's'} as ${service.sslType}: new certificate ${result.certificateId} awaits activation with a CSR (order ${result.orderId}, charged ${result.chargedAmount}).`,
  });
  return {
    newCertificateId: result.certificateId,
    chargedAmount: result.chargedAmount,
    years: result.years || years,
    orderId: result.orderId,
    service,
    record,
  };
}
