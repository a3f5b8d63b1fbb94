import 'reflect-metadata';
import { X509Certificate, X509Certificates } from '@peculiar/x509';
import type { CertificateMaterial } from '../wvphost/types.ts';

/** A certificate as files want it: the PEM leaf and the PEM intermediates, leaf-side first. */
export interface PemChain {
  readonly leaf: string;
  readonly intermediates: readonly string[];
}

/**
 * The leaf and the intermediates of some material, whatever form it was fetched in.
 *
 * Individual material is used as Wvphost sent it (order kept); PKCS#7 material is unpacked and
 * put in chain order, so a certificate cached for IIS can still be exported for Apache offline.
 */
export function pemChainOf(material: CertificateMaterial): PemChain {
  if (material.returnType === 'Individual') {
    return { leaf: normalisePem(material.certificate), intermediates: material.caCertificates.map(normalisePem) };
  }
  const ordered = chainOrder([...new X509Certificates(pkcs7Base64(material.certificate))]);
  const [leaf, ...rest] = ordered;
  if (leaf === undefined) throw new Error('The PKCS#7 certificate file holds no certificate.');
  return { leaf: normalisePem(leaf.toString('pem')), intermediates: rest.map((cert) => normalisePem(cert.toString('pem'))) };
}

/**
 * A PEM `PKCS7` block (what IIS imports as `.p7b` and `openssl pkcs7` reads).
 *
 * PKCS#7 material is re-wrapped with the standard label whether Wvphost sent bare base64 or a
 * PEM block; Individual material is packed locally (leaf, then intermediates).
 */
export function pkcs7PemOf(material: CertificateMaterial): string {
  if (material.returnType === 'PKCS7') return wrapPem('PKCS7', pkcs7Base64(material.certificate));
  const chain = pemChainOf(material);
  const certificates = new X509Certificates([chain.leaf, ...chain.intermediates].map((pem) => new X509Certificate(pem)));
  return wrapPem('PKCS7', pemBody(certificates.export('pem')));
}

/** One PEM block with LF line ends and exactly one trailing newline. */
function normalisePem(pem: string): string {
  return `${pem.replace(/\r\n?/g, '\n').trim()}\n`;
}

function pkcs7Base64(text: string): string {
  return text.includes('-----BEGIN') ? pemBody(text) : text.replace(/\s+/g, '');
}

function pemBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END)[^-]*-----/g, '').replace(/\s+/g, '');
}

function wrapPem(label: string, base64: string): string {
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Leaf first (the one that issued nothing else here), then each issuer in turn, then leftovers. */
function chainOrder(certificates: readonly X509Certificate[]): X509Certificate[] {
  const issuers = new Set(certificates.filter((cert) => cert.subject !== cert.issuer).map((cert) => cert.issuer));
  const leaf = certificates.find((cert) => !issuers.has(cert.subject)) ?? certificates[0];
  if (leaf === undefined) return [];
  const ordered = [leaf];
  const remaining = new Set(certificates.filter((cert) => cert !== leaf));
  let current = leaf;
  for (;;) {
    const next = [...remaining].find((cert) => cert.subject === current.issuer && current.subject !== current.issuer);
    if (next === undefined) break;
    ordered.push(next);
    remaining.delete(next);
    current = next;
  }
  return [...ordered, ...remaining];
}
