/**
 * `ActionError`: why a reissue, activation, renewal, resend or approver list did not happen.
 *
 * The dispatcher (main/ipc/error-payload.ts) passes a kebab-case `code`, the message and `detail`
 * to the renderer as they are, and the CLI prints the message; every message is a full sentence
 * saying what happened and what to do.
 */
import type { CsrCheckResult } from '../../preload/api.ts';

export type ActionErrorCode =
  /** The local CSR check failed; nothing was sent. `csrCheck` holds every problem. */
  | 'csr-rejected'
  /** The certificate's cached status does not allow the action; nothing was sent. */
  | 'action-not-allowed'
  /** Wvphost answered 2011331: the status it knows does not allow the action. */
  | 'status-not-allowed'
  /** The certificate is not in the local list of this environment. */
  | 'not-found'
  /** getApproverEmailList answered with no address at all. */
  | 'no-approver-emails'
  /** getApproverEmailList failed. */
  | 'approver-list-failed'
  | 'invalid-years'
  | 'invalid-dcv'
  /** Wvphost answered, but said the action did not succeed (`IsSuccess="false"`). */
  | 'not-successful';

export class ActionError extends Error {
  override readonly name = 'ActionError';

  constructor(
    readonly code: ActionErrorCode,
    message: string,
    readonly details: {
      /** Shown by the UI beside the message (e.g. the Wvphost error kind, the domain). */
      readonly detail?: string;
      /** Whether trying again unchanged may work (a throttle, an empty list that may fill). */
      readonly retryable?: boolean;
      readonly csrCheck?: CsrCheckResult;
      readonly cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }

  get detail(): string | undefined {
    return this.details.detail;
  }

  get retryable(): boolean {
    return this.details.retryable ?? false;
  }

  get csrCheck(): CsrCheckResult | undefined {
    return this.details.csrCheck;
  }
}
