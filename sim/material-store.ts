import type { AccountCertificate } from './account-certificate.ts';
import { startOfDay } from './dates.ts';
import type { TestCa } from './test-ca.ts';

/**
 * Leaf certificates per simulated certificate, made on first request and cached.
 *
 * The cache key includes host and dates so a certificate changed by a test gets a fresh leaf.
 */
export class MaterialStore {
  private readonly leaves = new Map<number, { readonly key: string; readonly pem: Promise<string> }>();

  constructor(private readonly ca: TestCa) {}

  get intermediatePem(): string {
    return this.ca.intermediatePem;
  }

  /** The PEM leaf of a certificate that has a host and an expiry date. */
  leaf(certificate: AccountCertificate, expireDate: Date): Promise<string> {
    const issued = certificate.issuedOn ?? certificate.purchaseDate ?? expireDate;
    const notBefore = startOfDay(issued);
    // Noon keeps the UTC calendar date of notAfter equal to the local ExpireDate in any time zone.
    const notAfter = new Date(expireDate.getFullYear(), expireDate.getMonth(), expireDate.getDate(), 12);
    const key = `${certificate.hostName}|${notBefore.getTime()}|${notAfter.getTime()}`;
    const cached = this.leaves.get(certificate.certificateId);
    if (cached && cached.key === key) return cached.pem;
    const pem = this.ca.issueLeaf({
      serial: certificate.certificateId,
      hostName: certificate.hostName,
      notBefore,
      notAfter,
    });
    this.leaves.set(certificate.certificateId, { key, pem });
    pem.catch(() => this.leaves.delete(certificate.certificateId));
    return pem;
  }

  pkcs7(leafPem: string): string {
    return this.ca.pkcs7(leafPem);
  }
}
