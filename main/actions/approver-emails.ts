/**
 * The approver addresses Wvphost accepts for email validation of a domain.
 *
 * The WHMCS modules show an empty drop-down when Wvphost returns no address or the call fails;
 * here both are errors that say so and what to do instead.
 */
import type { ApproverEmailsReply } from '../../preload/api.ts';
import { normalizeHost } from '../csr/host-match.ts';
import type { WvphostApi } from '../wvphost/types.ts';
import { ActionError } from './action-error.ts';
import { errorKindOf, isWorthRetrying, messageOf } from '../domain/read-wvphost-error.ts';

/**
 * The domain Wvphost is asked about: the host as the CSR check compares it (lower case, no
 * trailing dot, punycode for internationalised names), without a leading `*.` (wildcards).
 */
export function approverDomainOf(hostName: string): string {
  const host = normalizeHost(hostName);
  return host.startsWith('*.') ? host.slice(2) : host;
}

/**
 * Every approver address for `domain`: domain addresses, then generic, then manual, without
 * duplicates (compared case-insensitively).
 *
 * Throws `ActionError('no-approver-emails')` (retryable) when the list is empty and
 * `ActionError('approver-list-failed')` when the call failed (retryable for throttles, time-outs
 * and transient failures; `detail` is the Wvphost error kind).
 */
export async function listApproverEmails(options: {
  readonly api: WvphostApi;
  readonly domain: string;
  readonly sslType: string;
  readonly signal?: AbortSignal;
}): Promise<ApproverEmailsReply> {
  const domain = approverDomainOf(options.domain);
  if (domain === '') {
    throw new ActionError(
      'approver-list-failed',
      'This certificate has no host name yet, so there is no domain to ask approver addresses for; use HTTP or DNS validation.',
    );
  }
  let list;
  try {
    list = await options.api.getApproverEmailList(domain, options.sslType, { signal: options.signal });
  } catch (error) {
    const kind = errorKindOf(error);
    throw new ActionError(
      'approver-list-failed',
      `Could not get the approver addresses for ${domain}: ${messageOf(error)} Retry, or use HTTP or DNS validation.`,
      { retryable: isWorthRetrying(kind), cause: error, ...(kind === null ? {} : { detail: kind }) },
    );
  }
  const seen = new Set<string>();
  const emails: string[] = [];
  for (const email of [...list.domainEmails, ...list.genericEmails, ...list.manualEmails]) {
    const trimmed = email.trim();
    const key = trimmed.toLowerCase();
    if (trimmed !== '' && !seen.has(key)) {
      seen.add(key);
      emails.push(trimmed);
    }
  }
  if (emails.length === 0) {
    throw new ActionError(
      'no-approver-emails',
      `Wvphost returned no approver addresses for ${domain}; use HTTP or DNS validation, or retry.`,
      { retryable: true, detail: domain },
    );
  }
  return { domain: list.domain || domain, emails };
}
