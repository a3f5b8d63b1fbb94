import * as x509 from '@peculiar/x509';
import { domainToASCII } from 'node:url';
import './test-ca.ts';

/**
 * Reads a PEM CSR the way Wvphost does: parse, check its signature, pull out the subject.
 *
 * Returns null for anything that is not a well-formed, self-consistent PKCS#10 request.
 */

export interface ParsedCsr {
  readonly commonName: string;
  readonly dnsNames: readonly string[];
  readonly country: string;
  readonly state: string;
  readonly locality: string;
  readonly organisation: string;
  readonly organisationUnit: string;
  readonly email: string;
}

function field(name: x509.Name, type: string): string {
  return name.getField(type)[0] ?? '';
}

export async function parseCsr(pem: string): Promise<ParsedCsr | null> {
  const text = pem.trim();
  if (!/-----BEGIN (NEW )?CERTIFICATE REQUEST-----/.test(text)) return null;
  try {
    const csr = new x509.Pkcs10CertificateRequest(text.replace(/NEW CERTIFICATE REQUEST/g, 'CERTIFICATE REQUEST'));
    if (!(await csr.verify())) return null;
    const name = new x509.Name(csr.subject);
    // The CSR's extension request: read the raw extension and decode it as a SAN.
    const raw = csr.getExtension('2.5.29.17');
    const san = raw ? new x509.SubjectAlternativeNameExtension(raw.rawData) : null;
    const dnsNames = san ? san.names.items.filter((item) => item.type === 'dns').map((item) => item.value) : [];
    return {
      commonName: field(name, 'CN'),
      dnsNames,
      country: field(name, 'C'),
      state: field(name, 'ST'),
      locality: field(name, 'L'),
      organisation: field(name, 'O'),
      organisationUnit: field(name, 'OU'),
      email: field(name, 'E') || field(name, '1.2.840.113549.1.9.1'),
    };
  } catch {
    return null;
  }
}

/** Lower-case ASCII (punycode) form of a name, without a trailing dot; a leading `*.` is kept. */
function normalizeName(name: string): string {
  const lowered = name.trim().replace(/\.$/, '').toLowerCase();
  const wildcard = lowered.startsWith('*.');
  const base = wildcard ? lowered.slice(2) : lowered;
  const ascii = domainToASCII(base) || base;
  return wildcard ? `*.${ascii}` : ascii;
}

/** The CSR's names in the order a CA reads them: the common name (if any), then the DNS SANs. */
export function csrNames(csr: ParsedCsr): readonly string[] {
  return [...(csr.commonName === '' ? [] : [csr.commonName]), ...csr.dnsNames];
}

/**
 * The domain a CSR asks for: its common name, or its first DNS SAN when it has no common name
 * (modern CSRs may carry the names only as SANs); "" when it names no domain at all.
 */
export function csrPrimaryName(csr: ParsedCsr): string {
  return csrNames(csr)[0] ?? '';
}

/**
 * True when the CSR names `host` in its common name or in any DNS SAN, as a CA's reissue accepts
 * (case-insensitively, punycode and Unicode forms alike; `*.example.com` matches only itself).
 */
export function csrMatchesHost(csr: ParsedCsr, host: string): boolean {
  const wanted = normalizeName(host);
  return wanted !== '' && csrNames(csr).some((name) => normalizeName(name) === wanted);
}

/** A syntactically valid DNS host name (optionally a `*.` wildcard), as Wvphost's ValidTrueDomain. */
export function isValidHostName(host: string): boolean {
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  if (bare.length === 0 || bare.length > 253) return false;
  const labels = bare.split('.');
  if (labels.length < 2) return false;
  return labels.every((label) => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i.test(label));
}
