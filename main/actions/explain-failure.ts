/**
 * Turns a failed action request into the error the user sees.
 */
import type { Service } from '../domain/service.ts';
import { ActionError } from './action-error.ts';
import { errorKindOf, messageOf } from '../domain/read-wvphost-error.ts';

/**
 * Wvphost's 2011331 said in terms of this certificate (its status as cached, and the way out:
 * a sync); any other failure keeps its own, already user-readable, message.
 *
 * `what` completes "does not allow …", e.g. "a reissue".
 */
export function explainFailure(what: string, service: Service, error: unknown): Error {
  if (errorKindOf(error) === 'status-not-allowed') {
    return new ActionError(
      'status-not-allowed',
      `Wvphost says the certificate's status (${service.status}) does not allow ${what}; sync to refresh its status.`,
      { detail: service.status, cause: error },
    );
  }
  return error instanceof Error ? error : new Error(messageOf(error));
}
