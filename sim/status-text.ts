/**
 * How each command spells a status: getList and getInfo differ in case, as Wvphost's do.
 */

/** getList's spelling: lower-case, except the order states, which come upper-case. */
export function listStatus(status: string): string {
  const s = status.toLowerCase();
  if (s === 'newpurchase' || s === 'newrenewal' || s === 'purchased') return s.toUpperCase();
  return status;
}

const INFO_STATUS: Readonly<Record<string, string>> = {
  active: 'Active',
  purchased: 'Purchased',
  newpurchase: 'NewPurchase',
  newrenewal: 'NewRenewal',
  replaced: 'Replaced',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

/** getInfo's spelling: CamelCase; unknown statuses pass through unchanged. */
export function infoStatus(status: string): string {
  return INFO_STATUS[status.toLowerCase()] ?? status;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  active: 'Certificate is active',
  purchased: 'Certificate is being validated and will be issued soon',
  newpurchase: 'Awaiting activation: submit a CSR',
  newrenewal: 'Renewal awaiting activation: submit a CSR',
  replaced: 'Certificate was reissued and replaced',
  expired: 'Certificate has expired',
  cancelled: 'Certificate was cancelled',
};

export function statusDescription(status: string): string {
  return DESCRIPTIONS[status.toLowerCase()] ?? status;
}
