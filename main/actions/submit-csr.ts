/**
 * Reissue and activation: the two actions that send a CSR (wvphost-api.md §4).
 *
 * Order matters and is the point of this file: the cached status is checked and the CSR is
 * checked locally first, so a refused action or a bad CSR sends no request at all; then one
 * request; then, only after Wvphost said yes, the new certificate ID is written to the cache
 * (reissue) and the history. A refusal records a `failed` entry and nothing else.
 */
import type { CsrCheckResult, DcvChoice, ServerType, SubmitCsrReply } from '../../preload/api.ts';
import type { ActionRecord, Service } from '../domain/service.ts';
import { checkCsrLocally } from '../csr/check-csr.ts';
import { crossCheckCsr } from '../csr/cross-check-csr.ts';
import { readCsrText } from '../csr/read-csr-text.ts';
import { serverTypeInfo } from '../export/server-types.ts';
import type { SubmitCsrRequest, SubmitCsrResult } from '../wvphost/types.ts';
import type { ActionContext } from './action-context.ts';
import { ActionError } from './action-error.ts';
import { approverDomainOf } from './approver-emails.ts';
import { serviceAllowing } from './find-service.ts';
import { explainFailure } from './explain-failure.ts';
import { messageOf } from '../domain/read-wvphost-error.ts';
import { recordAction, recordFailure } from './record-action.ts';

export interface SubmitCsrOptions extends ActionContext {
  readonly certificateId: number;
  readonly csr: string;
  readonly dcv: DcvChoice;
  readonly serverType: ServerType;
  /** Default: the approver address (email validation), else `admin@<domain>`. */
  readonly adminEmailAddress?: string;
  /**
   * Also ask Wvphost's parseCSR before submitting (one more request). The app runs it in its
   * "Check CSR" step already; the CLI asks for it here.
   */
  readonly crossCheck?: boolean;
}

export interface SubmitCsrOutcome extends SubmitCsrReply {
  /** The service as it was before the action. */
  readonly service: Service;
  readonly csrCheck: CsrCheckResult;
  readonly record: ActionRecord;
  /** Things that went wrong after Wvphost accepted (e.g. the cache could not be written). */
  readonly warnings: readonly string[];
}

type CsrAction = 'reissue' | 'activate';

/**
 * Reissues an active certificate with a new CSR.
 *
 * On success the cache links old → new at once (`localReissues`), so the lineage shows the new
 * ID with `reissueState: 'pending'` until a sync confirms it.
 */
export function submitReissue(options: SubmitCsrOptions): Promise<SubmitCsrOutcome> {
  return submitCsr('reissue', options);
}

/** Activates a `newpurchase`/`newrenewal` certificate with a CSR. */
export function submitActivation(options: SubmitCsrOptions): Promise<SubmitCsrOutcome> {
  return submitCsr('activate', options);
}

async function submitCsr(action: CsrAction, options: SubmitCsrOptions): Promise<SubmitCsrOutcome> {
  const service = serviceAllowing(options, action);
  validateDcv(options.dcv);

  let csrCheck = await checkCsrLocally(options.csr, service.hostName, { sslType: service.sslType });
  if (!csrCheck.ok) {
    throw csrRejected(csrCheck);
  }
  const csrPem = readCsrText(options.csr).pem;
  if (options.crossCheck === true) {
    csrCheck = await crossCheckCsr(options.api, csrPem, service.sslType, csrCheck);
    if (!csrCheck.ok) {
      throw csrRejected(csrCheck);
    }
  }

  const domain = approverDomainOf(service.hostName || csrCheck.commonName || '');
  const request: SubmitCsrRequest = {
    certificateId: service.certificateId,
    csr: csrPem,
    adminEmailAddress: options.adminEmailAddress?.trim() || defaultAdminEmail(options.dcv, domain),
    webServerType: serverTypeInfo(options.serverType).webServerType,
    dcv: options.dcv,
  };
  const callOptions = { signal: options.signal };

  let result: SubmitCsrResult;
  try {
    result =
      action === 'reissue' ? await options.api.reissue(request, callOptions) : await options.api.activate(request, callOptions);
  } catch (error) {
    const what = action === 'reissue' ? 'a reissue' : 'an activation';
    throw recordFailure(options, action, service.certificateId, explainFailure(what, service, error));
  }
  if (!result.isSuccess) {
    throw recordFailure(
      options,
      action,
      service.certificateId,
      new ActionError(
        'not-successful',
        `Wvphost answered that the ${verb(action)} of certificate ${service.certificateId} did not succeed. Sync, then try again.`,
      ),
    );
  }

  const newCertificateId = result.certificateId;
  const warnings: string[] = [];
  if (action === 'reissue') {
    try {
      // Read-modify-commit of the current cache: a sync that committed meanwhile is kept.
      const cache = options.store.cache.read(options.environment);
      options.store.cache.commit(options.environment, {
        ...cache,
        localReissues: { ...cache.localReissues, [String(service.certificateId)]: newCertificateId },
      });
    } catch (error) {
      // The reissue happened at Wvphost: its DCV steps must still reach the user, and the next
      // sync learns the link from ReplacedBy anyway.
      warnings.push(
        `The new certificate ID ${newCertificateId} could not be saved in the local list (${messageOf(error)}); the next sync will show it.`,
      );
    }
  }
  const detail = describeSuccess(action, service, newCertificateId, options, request);
  const record = recordAction(options, {
    action,
    certificateId: service.certificateId,
    result: 'ok',
    ...(newCertificateId === service.certificateId ? {} : { newCertificateId }),
    detail: warnings.length === 0 ? detail : `${detail} ${warnings.join(' ')}`,
  });
  return { newCertificateId, dcv: result.dcv, service, csrCheck, record, warnings };
}

function validateDcv(dcv: DcvChoice): void {
  if (dcv.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(dcv.approverEmail.trim())) {
    throw new ActionError(
      'invalid-dcv',
      `"${dcv.approverEmail}" is not an email address; choose one of the approver addresses Wvphost listed.`,
    );
  }
}

function csrRejected(csrCheck: CsrCheckResult): ActionError {
  const reasons = csrCheck.problems.map((problem) => problem.message).join(' ');
  return new ActionError('csr-rejected', `The CSR was refused and nothing was sent to Wvphost. ${reasons}`, {
    csrCheck,
    detail: csrCheck.problems.map((problem) => problem.code).join(','),
  });
}

function defaultAdminEmail(dcv: DcvChoice, domain: string): string {
  if (dcv.kind === 'email') {
    return dcv.approverEmail.trim();
  }
  const base = domain.startsWith('www.') ? domain.slice(4) : domain;
  return `admin@${base}`;
}

function verb(action: CsrAction): string {
  return action === 'reissue' ? 'reissue' : 'activation';
}

function describeSuccess(
  action: CsrAction,
  service: Service,
  newCertificateId: number,
  options: SubmitCsrOptions,
  request: SubmitCsrRequest,
): string {
  const validation =
    options.dcv.kind === 'email'
      ? `email validation via ${options.dcv.approverEmail}`
      : options.dcv.kind === 'http'
        ? 'HTTP file validation'
        : 'DNS CNAME validation';
  const server = `server type ${options.serverType} (${request.webServerType})`;
  if (action === 'reissue') {
    return `Reissued certificate ${service.certificateId} as ${newCertificateId} with ${validation}, ${server}.`;
  }
  return `Activated certificate ${newCertificateId} with ${validation}, ${server}.`;
}
