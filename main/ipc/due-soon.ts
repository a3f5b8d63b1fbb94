/**
 * "Due soon" for notifications: which services newly entered the due-soon window after a sync.
 *
 * The definition matches the renderer's row marking (renderer/src/lib/service-filter.ts): a live,
 * not-expired service whose due date is at most `windowDays` away (overdue included), so the
 * notification names exactly the rows the user will see marked.
 */
import type { Service } from '../domain/service.ts';
import { epochDay } from '../sync/local-date.ts';

/** Statuses whose certificate no longer protects anything; they are never "due". */
const SETTLED_STATUSES: ReadonlySet<string> = new Set(['expired', 'cancelled', 'revoked', 'replaced', 'rejected', 'refunded']);

/** How many services a notification names before "and N more". */
const NAMED_IN_NOTIFICATION = 5;

export function isDueSoon(service: Service, today: string, windowDays: number): boolean {
  if (SETTLED_STATUSES.has(service.status)) return false;
  if (service.daysLeft !== null && service.daysLeft < 0) return false;
  if (service.dueDate === null) return false;
  const due = epochDay(service.dueDate);
  const now = epochDay(today);
  return due !== null && now !== null && due - now <= windowDays;
}

/**
 * Services due soon now that were not due soon before, matched by lineage.
 *
 * A lineage is "the same service" through reissues: a due-soon certificate that was reissued
 * (new ID) is not new. `before` is judged on the day of the previous sync, so a service that
 * crossed into the window merely because days passed is reported at the next sync.
 */
export function newlyDueSoon(
  before: { readonly services: readonly Service[]; readonly today: string },
  after: { readonly services: readonly Service[]; readonly today: string },
  windowDays: number,
): readonly Service[] {
  const wasDue = new Set<number>();
  for (const service of before.services) {
    if (!isDueSoon(service, before.today, windowDays)) continue;
    wasDue.add(service.certificateId);
    for (const id of service.previousCertificateIds) wasDue.add(id);
  }
  return after.services.filter(
    (service) =>
      isDueSoon(service, after.today, windowDays) &&
      !wasDue.has(service.certificateId) &&
      !service.previousCertificateIds.some((id) => wasDue.has(id)),
  );
}

/** The notification for newly due-soon services, naming them (soonest first). */
export function dueSoonNotification(services: readonly Service[], windowDays: number): { readonly title: string; readonly body: string } {
  const sorted = [...services].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.certificateId - b.certificateId);
  const count = sorted.length;
  const title = count === 1 ? `1 certificate is now due within ${windowDays} days` : `${count} certificates are now due within ${windowDays} days`;
  const named = sorted
    .slice(0, NAMED_IN_NOTIFICATION)
    .map((service) => `${service.hostName === '' ? `#${service.certificateId}` : service.hostName} (due ${service.dueDate ?? 'unknown'})`);
  const more = count - named.length;
  return { title, body: more > 0 ? `${named.join(', ')} and ${more} more.` : `${named.join(', ')}.` };
}
