/**
 * Sorting of the services table, done once per snapshot and sort order (not per keystroke).
 *
 * The workspace sorts the whole list, then filters the sorted list on each keystroke: filtering
 * keeps the order, so typing never pays for a sort of 10,000 rows. Missing values (no host yet,
 * no expiry) sort last in both directions; ties fall back to the certificate ID so the order is
 * stable.
 */
import type { Service } from '../../../preload/api.ts';

export const SORT_COLUMNS = [
  'hostName',
  'sslType',
  'status',
  'expireDate',
  'dueDate',
  'daysLeft',
  'reissueState',
  'certificateId',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface SortOrder {
  readonly id: string;
  readonly desc: boolean;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function isSortColumn(id: string): id is SortColumn {
  return (SORT_COLUMNS as readonly string[]).includes(id);
}

/** The sort value of a column; null sorts last. */
function valueOf(service: Service, column: SortColumn): string | number | null {
  switch (column) {
    case 'hostName':
      return service.hostName === '' ? null : service.hostName;
    case 'sslType':
      return service.sslType;
    case 'status':
      return service.status;
    case 'expireDate':
      return service.expireDate;
    case 'dueDate':
      return service.dueDate;
    case 'daysLeft':
      return service.daysLeft;
    case 'reissueState':
      return service.reissueState;
    case 'certificateId':
      return service.certificateId;
  }
}

/** Returns a new array of `items` ordered by `order` (by certificate ID when there is none). */
export function sortBy<T>(items: readonly T[], serviceOf: (item: T) => Service, order: SortOrder | undefined): T[] {
  const column: SortColumn = order !== undefined && isSortColumn(order.id) ? order.id : 'certificateId';
  const direction = order?.desc === true ? -1 : 1;
  // Dates are ISO strings and compare correctly as plain strings; only names need the collator.
  const useCollator = column === 'hostName' || column === 'sslType';
  const decorated = items.map((item) => {
    const service = serviceOf(item);
    return { item, value: valueOf(service, column), id: service.certificateId };
  });
  decorated.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return a.id - b.id;
      return a.value === null ? 1 : -1;
    }
    let result: number;
    if (typeof a.value === 'number' && typeof b.value === 'number') result = a.value - b.value;
    else if (useCollator) result = collator.compare(String(a.value), String(b.value));
    else result = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return result === 0 ? a.id - b.id : result * direction;
  });
  return decorated.map((entry) => entry.item);
}
