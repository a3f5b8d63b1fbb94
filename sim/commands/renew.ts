import { ERROR_NUMBERS, SimApiError } from '../api-error.ts';
import { daysBetween } from '../dates.ts';
import { element } from '../xml.ts';
import type { CommandContext } from './context.ts';
import { certificateParam, param, requireStatus } from './context.ts';

/**
 * namecheap.ssl.renew: only for active certificates expiring within 30 days; orders a new
 * `newrenewal` certificate (no link back to the renewed one).
 */

/** Renewal window: days before expiry from which renew is allowed. */
export const RENEW_WINDOW_DAYS = 30;

const PRICES: Readonly<Record<string, number>> = {
  positivessl: 8.88,
  essentialssl: 19.88,
  instantssl: 29.88,
  'instantssl pro': 49.88,
  premiumssl: 69.88,
  'ev ssl': 89.88,
  'positivessl wildcard': 76.88,
  'essentialssl wildcard': 94.88,
  'premiumssl wildcard': 139.88,
};

export function renew(context: CommandContext): string {
  const old = certificateParam(context);
  requireStatus(old, ['active'], 'renew');
  const daysLeft =
    old.expireDate === null ? Number.POSITIVE_INFINITY : daysBetween(context.clock.today(), old.expireDate);
  if (daysLeft > RENEW_WINDOW_DAYS) {
    throw new SimApiError(
      ERROR_NUMBERS.statusNotAllowed,
      `Certificate ${old.certificateId} can be renewed only within ${RENEW_WINDOW_DAYS} days of expiry (${daysLeft} days left)`,
    );
  }
  const yearsRaw = param(context, 'Years') || '1';
  const years = /^\d{1,3}$/.test(yearsRaw) ? Number(yearsRaw) : Number.NaN;
  if (!(years >= 1 && years <= 5))
    throw new SimApiError(ERROR_NUMBERS.yearsOutOfRange, `Years ${yearsRaw} is out of range (1 to 5)`);
  const sslType = param(context, 'SSLType');
  if (sslType === '') throw new SimApiError(ERROR_NUMBERS.parameterInvalid, 'Parameter SSLType is missing');
  if (sslType.toLowerCase() !== old.sslType.toLowerCase()) {
    throw new SimApiError(
      ERROR_NUMBERS.sslTypeMismatch,
      `SSLType ${sslType} does not match the certificate's type ${old.sslType}`,
    );
  }
  const fresh = context.account.renew(old, years);
  const charged = (PRICES[old.sslType.toLowerCase()] ?? 9.88) * years;
  return element('SSLRenewResult', {
    CertificateID: fresh.certificateId,
    Years: years,
    OrderId: fresh.orderId,
    TransactionId: String(Number(fresh.orderId) * 3 + 17),
    ChargedAmount: charged.toFixed(4),
  });
}
