import type { AccountCertificate } from '../account-certificate.ts';
import { ERROR_NUMBERS, SimApiError } from '../api-error.ts';
import { formatApiDate } from '../dates.ts';
import { listStatus } from '../status-text.ts';
import { element, textElement } from '../xml.ts';
import type { CommandContext } from './context.ts';
import { param } from './context.ts';

/**
 * namecheap.ssl.getList: filter (ListType, SearchTerm), sort (SortBy), page (Page, PageSize).
 */

type Filter = (status: string, certificate: AccountCertificate) => boolean;

const LIST_TYPES: Readonly<Record<string, Filter>> = {
  all: () => true,
  active: (s) => s === 'active',
  cancelled: (s) => s === 'cancelled',
  newpurchase: (s) => s === 'newpurchase',
  newrenewal: (s) => s === 'newrenewal',
  processing: (s) => s === 'purchased',
  inprogress: (s) => s === 'purchased',
  emailsent: (s, c) => s === 'purchased' && c.approverEmail.includes('@'),
  technicalproblem: (s) => s === 'technicalproblem',
  completed: (s) => s === 'active' || s === 'expired',
  deactivated: (s) => s === 'expired' || s === 'cancelled' || s === 'replaced',
};

type SortKey = (certificate: AccountCertificate) => number | string;
const dateKey = (date: Date | null): number => (date === null ? -Infinity : date.getTime());
const SORT_KEYS: Readonly<Record<string, SortKey>> = {
  purchasedate: (c) => dateKey(c.purchaseDate),
  ssltype: (c) => c.sslType.toLowerCase(),
  expiredatetime: (c) => dateKey(c.expireDate),
  host_name: (c) => c.hostName.toLowerCase(),
};

function compareKeys(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function intParam(raw: string, fallback: number): number {
  return /^-?\d{1,9}$/.test(raw) ? Number(raw) : fallback;
}

function isExpired(certificate: AccountCertificate, today: number): boolean {
  if (certificate.status.toLowerCase() === 'expired') return true;
  return certificate.expireDate !== null && certificate.expireDate.getTime() < today;
}

/** Wvphost sends unpadded dates for some certificates; which ones is fixed per id. */
function paddedDatesFor(certificateId: number): boolean {
  return certificateId % 3 !== 0;
}

export function getList(context: CommandContext): string {
  const listTypeRaw = param(context, 'ListType') || 'ALL';
  const filter = LIST_TYPES[listTypeRaw.toLowerCase()];
  if (filter === undefined)
    throw new SimApiError(ERROR_NUMBERS.parameterInvalid, `ListType ${listTypeRaw} is not supported`);
  const searchTerm = param(context, 'SearchTerm').toLowerCase();
  if (searchTerm.length > 70)
    throw new SimApiError(ERROR_NUMBERS.parameterInvalid, 'SearchTerm is longer than 70 characters');
  const sortByRaw = param(context, 'SortBy');
  const descending = /_desc$/i.test(sortByRaw);
  const sortKey = sortByRaw === '' ? null : SORT_KEYS[sortByRaw.toLowerCase().replace(/_desc$/, '')];
  if (sortKey === undefined)
    throw new SimApiError(ERROR_NUMBERS.parameterInvalid, `SortBy ${sortByRaw} is not supported`);
  const page = Math.max(1, intParam(param(context, 'Page'), 1));
  const pageSize = Math.min(100, Math.max(10, intParam(param(context, 'PageSize'), 20)));

  // The whole account in id order is the common case (a sync): no copy needed.
  const everything = listTypeRaw.toLowerCase() === 'all' && searchTerm === '';
  let matching: readonly AccountCertificate[] = everything
    ? context.account.all()
    : context.account
        .all()
        .filter(
          (certificate) =>
            filter(certificate.status.toLowerCase(), certificate) &&
            (searchTerm === '' || certificate.hostName.toLowerCase().includes(searchTerm)),
        );
  if (sortKey !== null) {
    const keyed = matching.map((certificate) => ({ certificate, key: sortKey(certificate) }));
    keyed.sort(
      (a, b) =>
        (descending ? -1 : 1) * compareKeys(a.key, b.key) || a.certificate.certificateId - b.certificate.certificateId,
    );
    matching = keyed.map((entry) => entry.certificate);
  }
  const today = context.clock.today().getTime();
  const items = matching.slice((page - 1) * pageSize, page * pageSize).map((certificate) => {
    const padded = paddedDatesFor(certificate.certificateId);
    return element('SSL', {
      CertificateID: certificate.certificateId,
      HostName: certificate.hostName,
      SSLType: certificate.sslType,
      PurchaseDate: formatApiDate(certificate.purchaseDate, padded),
      ExpireDate: formatApiDate(certificate.expireDate, padded),
      ActivationExpireDate: formatApiDate(certificate.activationExpireDate, padded),
      IsExpiredYN: isExpired(certificate, today) ? 'true' : 'false',
      Status: listStatus(certificate.status),
      ReplacedBy: certificate.replacedBy ?? 0,
      // Not documented for clients; they must ignore it.
      ProviderOrderID: certificate.providerOrderId,
    });
  });
  return (
    element('SSLListResult', undefined, items) +
    element('Paging', undefined, [
      textElement('TotalItems', matching.length),
      textElement('CurrentPage', page),
      textElement('PageSize', pageSize),
    ])
  );
}
