/**
 * Whether a name in a CSR covers the host a certificate was bought for.
 *
 * Names are compared case-insensitively, without a trailing dot, and in their ASCII (punycode)
 * form so that `bücher.example` and `xn--bcher-kva.example` are the same host.
 */
import { domainToASCII } from 'node:url';

/** Lower-case ASCII (punycode) form of a host name; a leading `*.` is kept. */
export function normalizeHost(name: string): string {
  const lowered = name.trim().replace(/\.$/, '').toLowerCase();
  const wildcard = lowered.startsWith('*.');
  const base = wildcard ? lowered.slice(2) : lowered;
  // domainToASCII returns '' for names it cannot convert; keep them as typed so they still compare.
  const ascii = domainToASCII(base) || base;
  return wildcard ? `*.${ascii}` : ascii;
}

/**
 * Whether `csrName` (a CN or DNS SAN) names `host` (the certificate's host name).
 *
 * The names must be equal after normalisation. Wildcards are not expanded: a wildcard
 * certificate (`*.example.com`) needs the very same wildcard in the CSR, and a wildcard CSR name
 * does not stand for one host, because the CA would issue a wildcard on a single-host product
 * (or refuse it) rather than the host that was bought.
 */
export function csrNameCoversHost(csrName: string, host: string): boolean {
  const name = normalizeHost(csrName);
  return name !== '' && name === normalizeHost(host);
}
