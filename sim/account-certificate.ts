import type { SimCertificate } from './types.ts';

/**
 * A certificate with the simulator's private bookkeeping besides the public `SimCertificate`.
 *
 * The extra fields feed attributes that clients must read or ignore (IssuedOn, Years,
 * ProviderOrderID) without widening the shared test surface.
 */
export interface AccountCertificate extends SimCertificate {
  /** Years bought (getInfo's unknown `Years` attribute; renewals and activation use it). */
  years: number;
  /** When the certificate was issued (became active); the leaf's notBefore. */
  issuedOn: Date | null;
  /** The CA's own order number (getList's unknown `ProviderOrderID` attribute). */
  providerOrderId: string;
  adminEmail: string;
  webServerType: string;
}

/** True when Wvphost has certificate material for this status (wvphost-api.md §4 getInfo). */
export function hasMaterial(status: string): boolean {
  const s = status.toLowerCase();
  return s === 'active' || s === 'replaced' || s === 'expired';
}

/** Wildcard SSL types need a `*.` common name and vice versa. */
export function isWildcardType(sslType: string): boolean {
  return /wildcard/i.test(sslType);
}
