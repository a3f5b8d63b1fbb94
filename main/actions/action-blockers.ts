/**
 * Why an action is not possible for a service right now, in words for a disabled button.
 *
 * These mirror Wvphost's own rules (wvphost-api.md §4): reissue only `active`, activate only
 * `newpurchase`/`newrenewal`, renew only `active` within 30 days of expiry. Checking them from the
 * cache spares a request that Wvphost would refuse with 2011331.
 */
import type { Service } from '../domain/service.ts';
import { addDays, epochDay } from '../sync/local-date.ts';

/** Renewal opens this many days before the expiry date. */
const RENEWAL_WINDOW_DAYS = 30;

export interface ActionBlockers {
  readonly reissue: string | null;
  readonly renew: string | null;
  readonly activate: string | null;
  readonly resendApproval: string | null;
}

/** Activated and waiting for domain control validation: the approval email can be sent again. */
const AWAITING_VALIDATION: ReadonlySet<string> = new Set(['purchased', 'processing', 'emailsent', 'inprogress']);

/** The reason each action is blocked for `service` on the local date `today` (`YYYY-MM-DD`); null = allowed. */
export function actionBlockers(service: Service, today: string): ActionBlockers {
  return {
    reissue: reissueBlocker(service, today),
    renew: renewBlocker(service, today),
    // `needsActivation` is derived from the status by build-services: one rule for both.
    activate: service.needsActivation
      ? null
      : `Only certificates awaiting activation (new purchases and renewals) can be activated; this one is ${describeStatus(service)}.`,
    resendApproval: AWAITING_VALIDATION.has(service.status)
      ? null
      : `The approval email can only be sent again while a certificate awaits validation; this one is ${describeStatus(service)}.`,
  };
}

function reissueBlocker(service: Service, today: string): string | null {
  if (service.status !== 'active') {
    if (service.reissueState === 'pending') {
      return `A reissue of this certificate is already waiting for validation (certificate ${service.certificateId} is ${describeStatus(service)}); sync to see whether it was issued.`;
    }
    return `Only active certificates can be reissued; this one is ${describeStatus(service)}.`;
  }
  if (isPast(service.expireDate, today)) {
    return `This certificate expired on ${service.expireDate}; it can no longer be reissued. Renew it instead.`;
  }
  return null;
}

function renewBlocker(service: Service, today: string): string | null {
  if (service.status !== 'active') {
    return `Only active certificates can be renewed; this one is ${describeStatus(service)}.`;
  }
  if (service.expireDate === null || epochDay(service.expireDate) === null) {
    return 'Wvphost reported no expiry date for this certificate, so its renewal window is unknown; sync to refresh it.';
  }
  const opens = addDays(service.expireDate, -RENEWAL_WINDOW_DAYS);
  if (opens !== null && today < opens) {
    return `Renewal opens ${RENEWAL_WINDOW_DAYS} days before expiry, on ${opens} (this certificate expires on ${service.expireDate}).`;
  }
  return null;
}

function isPast(date: string | null, today: string): boolean {
  return date !== null && epochDay(date) !== null && date < today;
}

function describeStatus(service: Service): string {
  return service.status === '' ? 'of unknown status' : `"${service.status}"`;
}
