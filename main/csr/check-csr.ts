/**
 * Checks a CSR on this machine before anything is sent to Wvphost.
 *
 * The WHMCS modules find out that a CSR is wrong only after Wvphost refuses it (or, worse, after
 * the CA issues for the wrong name). Here the CSR is parsed, its self-signature verified, its
 * names matched against the certificate's host and its key judged, and every problem is reported
 * in words, so that a bad CSR never costs a request.
 */
import 'reflect-metadata';
import { Pkcs10CertificateRequest, SubjectAlternativeNameExtension } from '@peculiar/x509';
import type { CsrCheckProblem, CsrCheckResult } from '../../preload/api.ts';
import { describeKey } from './describe-key.ts';
import { csrNameCoversHost, normalizeHost } from './host-match.ts';
import { CsrTextError, readCsrText } from './read-csr-text.ts';

/** Subject attributes reported to the user, by the short name @peculiar/x509 uses → our name. */
const SUBJECT_FIELDS: Readonly<Record<string, string>> = {
  C: 'C',
  ST: 'ST',
  L: 'L',
  O: 'O',
  OU: 'OU',
  E: 'emailAddress',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

const UNREADABLE_HINT =
  'Paste the whole CSR, from -----BEGIN CERTIFICATE REQUEST----- to -----END CERTIFICATE REQUEST-----, or make a new one.';

/** Optional facts about the certificate the CSR is for. */
export interface CsrCheckOptions {
  /**
   * The certificate's SSL type. When the host is not known yet (activation), a wildcard type
   * (`PositiveSSL Wildcard`) needs a wildcard common name and any other type a plain one.
   */
  readonly sslType?: string;
}

/**
 * Parses and judges a CSR for the certificate whose host is `expectedHost`.
 *
 * `expectedHost` may be empty (a `newpurchase`/`newrenewal` certificate has no host yet): then
 * the CSR's name only has to suit the SSL type (when given), and Wvphost's parseCSR judges the
 * domain. `ok` is true when there is no problem at all.
 */
export async function checkCsrLocally(
  csrPem: string,
  expectedHost: string,
  options: CsrCheckOptions = {},
): Promise<CsrCheckResult> {
  let request: Pkcs10CertificateRequest;
  try {
    const { der } = readCsrText(csrPem);
    request = new Pkcs10CertificateRequest(der);
    // The library decodes lazily in places; touch what is used below so a broken CSR fails here.
    void request.subjectName;
    void request.publicKey.algorithm;
  } catch (error) {
    const reason =
      error instanceof CsrTextError
        ? error.message
        : 'The text decodes, but it is not a valid certificate signing request (it was damaged or is another kind of file).';
    return unreadable(`${reason} ${UNREADABLE_HINT}`);
  }

  const problems: CsrCheckProblem[] = [];
  const { commonName, subject } = readSubject(request);
  const subjectAltNames = readDnsNames(request);

  if (!(await signatureVerifies(request))) {
    problems.push({
      code: 'bad-signature',
      message:
        "The CSR's signature does not verify: it was changed after it was made, or damaged while copying. Make a new CSR (or copy it again from the original file).",
    });
  }

  const host = expectedHost.trim();
  if (host !== '') {
    const names = [...(commonName === null ? [] : [commonName]), ...subjectAltNames];
    if (!names.some((name) => csrNameCoversHost(name, host))) {
      problems.push({ code: 'domain-mismatch', message: mismatchMessage(names, host) });
    }
  } else if (options.sslType !== undefined) {
    const typeProblem = wildcardTypeProblem(commonName, options.sslType);
    if (typeProblem !== null) {
      problems.push(typeProblem);
    }
  }

  const key = describeKey(request.publicKey.algorithm);
  if (key.problem) {
    problems.push(key.problem);
  }

  return {
    ok: problems.length === 0,
    commonName,
    subjectAltNames,
    keyDescription: key.description,
    subject,
    problems,
    remote: null,
  };
}

function unreadable(message: string): CsrCheckResult {
  return {
    ok: false,
    commonName: null,
    subjectAltNames: [],
    keyDescription: null,
    subject: {},
    problems: [{ code: 'unparsable', message }],
    remote: null,
  };
}

function readSubject(request: Pkcs10CertificateRequest): {
  commonName: string | null;
  subject: Readonly<Record<string, string>>;
} {
  let commonName: string | null = null;
  const subject: Record<string, string> = {};
  for (const rdn of request.subjectName.toJSON()) {
    for (const [type, values] of Object.entries(rdn)) {
      const value = values.join(', ');
      if (type === 'CN' || type === '2.5.4.3') {
        commonName ??= value;
        continue;
      }
      const field = SUBJECT_FIELDS[type];
      if (field !== undefined) {
        subject[field] = subject[field] === undefined ? value : `${subject[field]}, ${value}`;
      }
    }
  }
  return { commonName, subject };
}

function readDnsNames(request: Pkcs10CertificateRequest): string[] {
  const names: string[] = [];
  for (const extension of request.extensions) {
    if (extension instanceof SubjectAlternativeNameExtension) {
      for (const item of extension.names.items) {
        if (item.type === 'dns' && !names.includes(item.value)) {
          names.push(item.value);
        }
      }
    }
  }
  return names;
}

async function signatureVerifies(request: Pkcs10CertificateRequest): Promise<boolean> {
  try {
    return await request.verify();
  } catch {
    // An algorithm WebCrypto cannot verify (e.g. secp256k1) is reported as unsupported by the key
    // check; the signature cannot be trusted either way.
    return false;
  }
}

function wildcardTypeProblem(commonName: string | null, sslType: string): CsrCheckProblem | null {
  const wildcardType = /wildcard/i.test(sslType);
  if (commonName === null || commonName.trim() === '') {
    return {
      code: 'domain-mismatch',
      message: `The CSR has no common name; a ${sslType} certificate is issued for the CSR's common name, so make a CSR with the domain as its common name.`,
    };
  }
  const wildcardName = commonName.trim().startsWith('*.');
  if (wildcardType === wildcardName) {
    return null;
  }
  return {
    code: 'domain-mismatch',
    message: wildcardName
      ? `The CSR is for the wildcard ${commonName}, but ${sslType} is not a wildcard certificate. Make a CSR for one host name.`
      : `${sslType} is a wildcard certificate, so the CSR's common name must be a wildcard like *.example.com; it is ${commonName}.`,
  };
}

function mismatchMessage(names: readonly string[], host: string): string {
  if (names.length === 0) {
    return `The CSR names no domain (it has no common name and no DNS names), but this certificate is for ${host}. Make a CSR with ${host} as its common name.`;
  }
  const listed = names.join(', ');
  if (normalizeHost(host).startsWith('*.')) {
    return `The CSR is for ${listed}, but this certificate is the wildcard ${host}: the CSR's common name must be ${host} itself.`;
  }
  return `The CSR is for ${listed}, but this certificate is for ${host}. Make a CSR with ${host} as its common name.`;
}
