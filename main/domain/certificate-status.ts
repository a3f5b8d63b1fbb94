/**
 * Wvphost's certificate status text as the app keeps and compares it.
 *
 * The API writes statuses in varying case (`Active`, `REPLACED`, `newpurchase`); the cache, the
 * services and every comparison use the lower-cased form, so it is made in one place.
 */

/** The status a reissue leaves on the old certificate. */
export const REPLACED_STATUS = 'replaced';

/** A status as the cache keeps it: lower case. */
export function normalizeStatus(status: string): string {
  return status.toLowerCase();
}

/** Whether a status (in any case) says the certificate was replaced by a reissue. */
export function isReplacedStatus(status: string): boolean {
  return normalizeStatus(status) === REPLACED_STATUS;
}
