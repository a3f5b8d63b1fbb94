import { baseDomain } from '../seed-account.ts';
import { element, textElement } from '../xml.ts';
import type { CommandContext } from './context.ts';
import { requiredParam } from './context.ts';

/**
 * namecheap.ssl.getApproverEmailList: the addresses a DCV email may go to.
 *
 * Domains ending in `.noemail.test` answer with empty lists, so clients can be tested against a
 * domain that has no usable approver address.
 */

export const NO_EMAIL_SUFFIX = '.noemail.test';
const GENERIC = ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'] as const;

export function getApproverEmailList(context: CommandContext): string {
  const domain = baseDomain(requiredParam(context, 'DomainName').toLowerCase());
  requiredParam(context, 'CertificateType');
  const empty = domain.endsWith(NO_EMAIL_SUFFIX);
  const domainEmails = empty ? [] : [`registrant@${domain}`];
  const genericEmails = empty ? [] : GENERIC.map((box) => `${box}@${domain}`);
  return element('GetApproverEmailListResult', { Domain: domain }, [
    element(
      'Domainemails',
      undefined,
      domainEmails.map((email) => textElement('email', email)),
    ),
    element(
      'Genericemails',
      undefined,
      genericEmails.map((email) => textElement('email', email)),
    ),
  ]);
}
