import { createHash } from 'node:crypto';
import { ERROR_NUMBERS, SimApiError } from '../api-error.ts';
import type { ParsedCsr } from '../csr.ts';
import { csrPrimaryName, parseCsr } from '../csr.ts';
import { element, textElement } from '../xml.ts';
import type { CommandContext } from './context.ts';
import { param, requiredParam } from './context.ts';

/**
 * The request fields reissue and activate share: CSR, admin address, web server type and the
 * domain control validation (DCV) choice, and the DCV instructions they answer with.
 */

/** API values of wvphost-api.md §6. */
export const WEB_SERVER_TYPES = [
  'other',
  'apachessl',
  'apacheapachessl',
  'ibmhttp',
  'iplanet',
  'domino',
  'iis4',
  'iis5',
  'netscape',
  'tomcat',
  'website',
  'webstar',
  'zeusv3',
  'ensim',
  'plesk',
  'cpanel',
  'hsphere',
] as const;

export type Dcv =
  { readonly kind: 'email'; readonly approverEmail: string } | { readonly kind: 'http' } | { readonly kind: 'dns' };

export interface Submission {
  readonly csrPem: string;
  readonly csr: ParsedCsr;
  readonly adminEmail: string;
  readonly webServerType: string;
  readonly dcv: Dcv;
}

function isTrue(value: string): boolean {
  return value.toLowerCase() === 'true';
}

/** Reads and checks the submission; the CSR must parse (error 2011166). */
export async function readSubmission(context: CommandContext): Promise<Submission> {
  const csrPem = param(context, 'csr');
  if (csrPem === '') throw new SimApiError(ERROR_NUMBERS.csrInvalid, 'CSR is missing');
  const adminEmail = requiredParam(context, 'AdminEmailAddress');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(adminEmail)) {
    throw new SimApiError(
      ERROR_NUMBERS.parameterInvalid,
      `AdminEmailAddress ${adminEmail} is not a valid email address`,
    );
  }
  const webServerType = requiredParam(context, 'WebServerType').toLowerCase();
  if (!(WEB_SERVER_TYPES as readonly string[]).includes(webServerType)) {
    throw new SimApiError(ERROR_NUMBERS.parameterInvalid, `WebServerType ${webServerType} is not supported`);
  }
  const approverEmail = param(context, 'ApproverEmail');
  const choices: Dcv[] = [];
  if (approverEmail !== '') choices.push({ kind: 'email', approverEmail });
  if (isTrue(param(context, 'HTTPDCValidation'))) choices.push({ kind: 'http' });
  if (isTrue(param(context, 'DNSDCValidation'))) choices.push({ kind: 'dns' });
  const dcv = choices[0];
  if (dcv === undefined || choices.length > 1) {
    throw new SimApiError(
      ERROR_NUMBERS.parameterInvalid,
      'Choose exactly one validation: ApproverEmail, HTTPDCValidation=true or DNSDCValidation=true',
    );
  }
  if (dcv.kind === 'email' && !/^[^@\s]+@[^@\s]+$/.test(dcv.approverEmail)) {
    throw new SimApiError(
      ERROR_NUMBERS.parameterInvalid,
      `ApproverEmail ${dcv.approverEmail} is not a valid email address`,
    );
  }
  const csr = await parseCsr(csrPem);
  if (csr === null)
    throw new SimApiError(
      ERROR_NUMBERS.csrInvalid,
      'CSR is invalid: it could not be parsed or its signature does not verify',
    );
  if (csrPrimaryName(csr) === '')
    throw new SimApiError(
      ERROR_NUMBERS.csrInvalid,
      'CSR is invalid: it names no domain (no common name and no DNS subject alternative name)',
    );
  return { csrPem, csr, adminEmail, webServerType, dcv };
}

/** The approver address must be at the validated domain (or a parent of it). */
export function checkApproverDomain(dcv: Dcv, host: string): void {
  if (dcv.kind !== 'email') return;
  const domain = dcv.approverEmail.slice(dcv.approverEmail.indexOf('@') + 1).toLowerCase();
  const bare = host.toLowerCase().replace(/^\*\./, '');
  if (bare !== domain && !bare.endsWith(`.${domain}`)) {
    throw new SimApiError(
      ERROR_NUMBERS.parameterInvalid,
      `ApproverEmail ${dcv.approverEmail} is not an approver address for ${host}`,
    );
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').toUpperCase();
}

/** The HttpDCValidation/DNSDCValidation block for an HTTP or DNS choice; "" for email. */
export function dcvInstructions(dcv: Dcv, certificateId: number, host: string): string {
  const domain = host.replace(/^\*\./, '');
  const hash = digest(`${certificateId}|${host}`);
  if (dcv.kind === 'http') {
    return element(
      'HttpDCValidation',
      { ValueAvailable: 'true' },
      element('DNS', { domain }, [
        textElement('FileName', `${hash.slice(0, 32)}.txt`),
        textElement('FileContent', `${hash.slice(0, 64)}\ncomodoca.com\n${hash.slice(32, 48).toLowerCase()}`),
      ]),
    );
  }
  if (dcv.kind === 'dns') {
    return element(
      'DNSDCValidation',
      { ValueAvailable: 'true' },
      element('DNS', { domain }, [
        textElement('HostName', `_${hash.slice(0, 32).toLowerCase()}.${domain}`),
        textElement('Target', `${hash.slice(32, 48).toLowerCase()}.${hash.slice(48, 64).toLowerCase()}.comodoca.com`),
      ]),
    );
  }
  return '';
}

export function approverEmailOf(dcv: Dcv): string {
  return dcv.kind === 'email' ? dcv.approverEmail : '';
}
