/**
 * Turns pasted CSR text into DER bytes and a canonical PEM.
 *
 * People paste CSRs from e-mails, Windows tools and web forms: with or without the PEM lines,
 * with CRLF line ends, indented, or as bare base64 of the DER. All of those are accepted here so
 * that the checks judge the CSR itself, not how it was copied.
 */

/** What a CSR text decoded to. */
export interface CsrBytes {
  readonly der: Uint8Array<ArrayBuffer>;
  /** `-----BEGIN CERTIFICATE REQUEST-----`, 64-column base64, LF line ends. */
  readonly pem: string;
}

/** A CSR text that is not PEM or base64 at all; the message says what was wrong. */
export class CsrTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsrTextError';
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/;
const ACCEPTED_LABELS = new Set(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);

/**
 * Decodes a pasted CSR.
 *
 * Throws `CsrTextError` for empty text, a PEM block of another kind (a certificate or a private
 * key pasted by mistake), or characters that are not base64.
 */
export function readCsrText(text: string): CsrBytes {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new CsrTextError('The CSR is empty.');
  }
  let body: string;
  if (trimmed.includes('-----BEGIN')) {
    const match = PEM_BLOCK.exec(trimmed);
    if (!match) {
      throw new CsrTextError('The CSR has a -----BEGIN line but no matching -----END line; it was cut off while copying.');
    }
    const label = match[1] ?? '';
    if (!ACCEPTED_LABELS.has(label)) {
      throw new CsrTextError(
        label.includes('PRIVATE KEY')
          ? 'This is a private key, not a CSR. Never paste a private key anywhere; paste the CERTIFICATE REQUEST instead.'
          : `This is a PEM "${label}", not a CERTIFICATE REQUEST.`,
      );
    }
    body = match[2] ?? '';
  } else {
    body = trimmed;
  }
  const base64 = body.replace(/\s+/g, '');
  if (base64 === '') {
    throw new CsrTextError('The CSR block is empty.');
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 === 1) {
    throw new CsrTextError('The CSR contains characters that are not base64; it was damaged while copying.');
  }
  const der = new Uint8Array(Buffer.from(base64, 'base64'));
  const canonical = Buffer.from(der).toString('base64');
  const lines = canonical.match(/.{1,64}/g) ?? [];
  return {
    der,
    pem: `-----BEGIN CERTIFICATE REQUEST-----\n${lines.join('\n')}\n-----END CERTIFICATE REQUEST-----\n`,
  };
}
