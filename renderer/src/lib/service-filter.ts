/**
 * Filtering, urgency and the summary counts of the services table.
 *
 * Pure functions over the cached services so the table, the summary bar and "export what I see"
 * agree on one definition of "due soon", "expired" and "awaiting activation".
 */
import type { Service } from '../../../preload/api.ts';
import { daysBetween } from './format-date.ts';

export interface ServiceFilter {
  /** Free text matched against host, certificate IDs (old ones too) and SSL type. */
  readonly text: string;
  /** A lower-case status, or null for all. */
  readonly status: string | null;
  /** Due (due date) within this many days and not yet expired; null for no limit. */
  readonly dueWithin: number | null;
  readonly needsActivation: boolean;
  readonly reissuePending: boolean;
  readonly expired: boolean;
}

export const EMPTY_FILTER: ServiceFilter = {
  text: '',
  status: null,
  dueWithin: null,
  needsActivation: false,
  reissuePending: false,
  expired: false,
};

/** Statuses whose certificate no longer protects anything; they are never "due". */
const SETTLED_STATUSES = new Set(['expired', 'cancelled', 'revoked', 'replaced', 'rejected', 'refunded']);

export type Urgency = 'expired' | 'due-soon' | 'normal';

export function isExpired(service: Service): boolean {
  return (
    service.status === 'expired' ||
    (service.daysLeft !== null && service.daysLeft < 0 && !SETTLED_STATUSES.has(service.status))
  );
}

/** Not expired, still live, and its due date is within `days` (overdue included). */
export function isDueWithin(service: Service, today: string, days: number): boolean {
  if (isExpired(service) || SETTLED_STATUSES.has(service.status)) return false;
  // Days until the due date, negative once it passed.
  const due = daysBetween(today, service.dueDate);
  return due !== null && due <= days;
}

export function urgencyOf(service: Service, today: string, dueSoonWindowDays: number): Urgency {
  if (isExpired(service)) return 'expired';
  if (isDueWithin(service, today, dueSoonWindowDays)) return 'due-soon';
  return 'normal';
}

/** Lower-cased search text of a service, computed once per snapshot. */
export function searchKey(service: Service): string {
  return [
    service.hostName,
    String(service.certificateId),
    ...service.previousCertificateIds.map(String),
    service.sslType,
  ]
    .join(' ')
    .toLowerCase();
}

export function matchesFilter(service: Service, key: string, filter: ServiceFilter, today: string): boolean {
  if (filter.status !== null && service.status !== filter.status) return false;
  if (filter.needsActivation && !service.needsActivation) return false;
  if (filter.reissuePending && service.reissueState !== 'pending') return false;
  if (filter.expired && !isExpired(service)) return false;
  if (filter.dueWithin !== null && !isDueWithin(service, today, filter.dueWithin)) return false;
  if (filter.text !== '') {
    for (const word of filter.text.toLowerCase().split(/\s+/)) {
      if (word !== '' && !key.includes(word)) return false;
    }
  }
  return true;
}

export function isFilterEmpty(filter: ServiceFilter): boolean {
  return (
    filter.text.trim() === '' &&
    filter.status === null &&
    filter.dueWithin === null &&
    !filter.needsActivation &&
    !filter.reissuePending &&
    !filter.expired
  );
}

export interface SummaryCounts {
  readonly total: number;
  readonly active: number;
  readonly dueSoon: number;
  readonly expired: number;
  readonly awaitingActivation: number;
  readonly reissuePending: number;
}

export function summarize(services: readonly Service[], today: string, dueSoonWindowDays: number): SummaryCounts {
  let active = 0;
  let dueSoon = 0;
  let expired = 0;
  let awaitingActivation = 0;
  let reissuePending = 0;
  for (const service of services) {
    if (service.status === 'active') active += 1;
    if (isExpired(service)) expired += 1;
    else if (isDueWithin(service, today, dueSoonWindowDays)) dueSoon += 1;
    if (service.needsActivation) awaitingActivation += 1;
    if (service.reissueState === 'pending') reissuePending += 1;
  }
  return { total: services.length, active, dueSoon, expired, awaitingActivation, reissuePending };
}

/** Every status present, sorted, for the status filter. */
export function statusesOf(services: readonly Service[]): readonly string[] {
  return [...new Set(services.map((service) => service.status))].sort();
}
