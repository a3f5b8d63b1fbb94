/**
 * A degenerate PKCS#7 SignedData ("certs-only" .p7b) built directly in DER.
 *
 * @peculiar/x509 can export one too, but re-encodes every certificate through its ASN.1 schema
 * (tens of milliseconds per bundle); concatenating the certificates' own DER is exact and cheap.
 */

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...contents: readonly Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

/** 1.2.840.113549.1.7.2 (signedData) and 1.2.840.113549.1.7.1 (data). */
const OID_SIGNED_DATA = Buffer.from('06092a864886f70d010702', 'hex');
const OID_DATA = Buffer.from('06092a864886f70d010701', 'hex');

function pemToDer(pem: string): Buffer {
  const base64 = pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  return Buffer.from(base64, 'base64');
}

/** The PEM (`-----BEGIN PKCS7-----`) of a certs-only SignedData holding `certificatePems` in order. */
export function pkcs7FromPems(certificatePems: readonly string[]): string {
  const signedData = tlv(
    0x30,
    tlv(0x02, Buffer.from([1])), // version 1
    tlv(0x31), // digestAlgorithms: none
    tlv(0x30, OID_DATA), // encapContentInfo without content
    tlv(0xa0, ...certificatePems.map(pemToDer)), // certificates [0] IMPLICIT
    tlv(0x31), // signerInfos: none
  );
  const contentInfo = tlv(0x30, OID_SIGNED_DATA, tlv(0xa0, signedData));
  const lines = contentInfo.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PKCS7-----\n${lines.join('\n')}\n-----END PKCS7-----\n`;
}
