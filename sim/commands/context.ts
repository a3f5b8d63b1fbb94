import type { Account } from '../account.ts';
import type { AccountCertificate } from '../account-certificate.ts';
import { ERROR_NUMBERS, SimApiError } from '../api-error.ts';
import type { SimClock } from '../clock.ts';
import type { MaterialStore } from '../material-store.ts';

/**
 * What a command handler receives, and the parameter helpers every handler shares.
 */
export interface CommandContext {
  /** Parameters with lower-cased names (names are case-insensitive on the wire). */
  readonly params: ReadonlyMap<string, string>;
  readonly method: 'GET' | 'POST';
  readonly account: Account;
  readonly clock: SimClock;
  readonly material: MaterialStore;
}

/** Returns the XML inside `CommandResponse`, or throws `SimApiError`. */
export type CommandHandler = (context: CommandContext) => string | Promise<string>;

export function param(context: CommandContext, name: string): string {
  return (context.params.get(name.toLowerCase()) ?? '').trim();
}

export function requiredParam(context: CommandContext, name: string): string {
  const value = param(context, name);
  if (value === '') throw new SimApiError(ERROR_NUMBERS.parameterInvalid, `Parameter ${name} is missing`);
  return value;
}

/** The certificate named by `CertificateID`, or error 2011294. */
export function certificateParam(context: CommandContext): AccountCertificate {
  const raw = param(context, 'CertificateID');
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  const certificate = Number.isNaN(id) ? undefined : context.account.get(id);
  if (certificate === undefined) {
    // Ids are shared by all Wvphost accounts: one between ours is another account's certificate.
    if (context.account.isForeignId(id)) {
      throw new SimApiError(
        ERROR_NUMBERS.certificateOfOtherAccount,
        `CertificateID ${raw} does not belong to this account`,
      );
    }
    throw new SimApiError(
      ERROR_NUMBERS.certificateUnknown,
      raw === '' ? 'CertificateID is missing' : `CertificateID ${raw} is invalid`,
    );
  }
  return certificate;
}

export function requireStatus(certificate: AccountCertificate, allowed: readonly string[], command: string): void {
  if (!allowed.includes(certificate.status.toLowerCase())) {
    throw new SimApiError(
      ERROR_NUMBERS.statusNotAllowed,
      `${command} is not allowed for certificate ${certificate.certificateId} in status ${certificate.status}`,
    );
  }
}
