/**
 * Reissue / Activate: CSR in, local checks shown, approval method chosen, submitted, DCV out.
 *
 * The CSR is checked (locally, then Wvphost's parseCSR) before Submit is even enabled, so a bad
 * CSR is found here, not after an order. The approver list is loaded with a visible error and a
 * Retry, never silently empty.
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  ApproverEmailsReply,
  CsrCheckResult,
  DcvChoice,
  DcvInstructions,
  Service,
  ServerType,
  SubmitCsrReply,
} from '../../../preload/api.ts';
import { call, errorMessage } from '../bridge.ts';
import { DoneFooter, SubmitFooter } from './dialog-footer.tsx';
import { ErrorText } from './error-text.tsx';
import { Field } from './field.tsx';
import { Modal } from './modal.tsx';
import { plainOptions, SelectField } from './select-field.tsx';
import { SERVER_TYPE_OPTIONS } from './server-type-options.ts';

export type CsrDialogMode = 'reissue' | 'activate';

const DCV_METHODS: readonly { readonly kind: DcvChoice['kind']; readonly label: string }[] = [
  { kind: 'email', label: 'Email to an approver address' },
  { kind: 'http', label: 'HTTP file on the web server' },
  { kind: 'dns', label: 'DNS CNAME record' },
];

interface CsrDialogProps {
  readonly mode: CsrDialogMode;
  readonly service: Service;
  readonly onClose: () => void;
  /** The new certificate was ordered (main reloads the services with 'services:changed'). */
  readonly onSubmitted: (newCertificateId: number) => void;
}

type ApproverState =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly reply: ApproverEmailsReply }
  | { readonly state: 'failed'; readonly message: string };

export function CsrDialog({ mode, service, onClose, onSubmitted }: CsrDialogProps) {
  const [csr, setCsr] = useState('');
  const [check, setCheck] = useState<{ readonly csr: string; readonly result: CsrCheckResult } | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  // No host yet (a new purchase or renewal): there is no domain to email, so start with HTTP.
  const [dcvKind, setDcvKind] = useState<DcvChoice['kind']>(service.hostName === '' ? 'http' : 'email');
  const [approvers, setApprovers] = useState<ApproverState>({ state: 'loading' });
  const [approverEmail, setApproverEmail] = useState('');
  const [serverType, setServerType] = useState<ServerType>('nginx');
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [reply, setReply] = useState<SubmitCsrReply | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const loadApprovers = useCallback(async () => {
    setApprovers({ state: 'loading' });
    try {
      const result = await call('approvers:list', { certificateId: service.certificateId });
      setApprovers({ state: 'loaded', reply: result });
      setApproverEmail((current) => (result.emails.includes(current) ? current : (result.emails[0] ?? '')));
    } catch (error) {
      setApprovers({ state: 'failed', message: errorMessage(error) });
    }
  }, [service.certificateId]);

  useEffect(() => {
    // Loading once on open is intended: Retry reloads on demand.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void loadApprovers();
  }, [loadApprovers]);

  const runCheck = async (text: string) => {
    setChecking(true);
    setCheckError(null);
    try {
      const result = await call('csr:check', { certificateId: service.certificateId, csr: text });
      setCheck({ csr: text, result });
    } catch (error) {
      setCheckError(errorMessage(error));
      setCheck(null);
    } finally {
      setChecking(false);
    }
  };

  const openFile = async () => {
    try {
      const opened = await call('csr:openFile');
      if (opened === null) return;
      setCsr(opened.csr);
      await runCheck(opened.csr);
    } catch (error) {
      setCheckError(errorMessage(error));
    }
  };

  const checkedOk = check !== null && check.csr === csr && check.result.ok;
  const dcv: DcvChoice | null =
    dcvKind === 'email'
      ? approverEmail === ''
        ? null
        : { kind: 'email', approverEmail }
      : dcvKind === 'http'
        ? { kind: 'http' }
        : { kind: 'dns' };
  const canSubmit = checkedOk && dcv !== null && !submitting;

  const submit = async () => {
    if (dcv === null) return;
    setSubmitting(true);
    setSubmitError(null);
    try {
      const args = { certificateId: service.certificateId, csr, dcv, serverType };
      const result = mode === 'reissue' ? await call('reissue:submit', args) : await call('activate:submit', args);
      setReply(result);
      setSentTo(dcv.kind === 'email' ? dcv.approverEmail : null);
      onSubmitted(result.newCertificateId);
    } catch (error) {
      setSubmitError(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  const verb = mode === 'reissue' ? 'Reissue' : 'Activate';
  const title = `${verb} ${service.hostName || `certificate ${service.certificateId}`}`;

  return (
    <Modal
      title={title}
      onClose={onClose}
      wide
      testId="csr-dialog"
      footer={
        reply !== null ? (
          <DoneFooter onClose={onClose} testId="csr-done" />
        ) : (
          <SubmitFooter
            onCancel={onClose}
            onSubmit={() => void submit()}
            disabled={!canSubmit}
            label={submitting ? 'Submitting…' : mode === 'reissue' ? 'Submit reissue' : 'Submit activation'}
            testId="csr-submit"
          />
        )
      }
    >
      {reply !== null ? (
        <SubmittedView mode={mode} previousId={service.certificateId} reply={reply} sentTo={sentTo} />
      ) : (
        <div className="csr-grid">
          <div className="csr-input">
            <Field label="Certificate signing request (PEM)">
              <textarea
                value={csr}
                rows={10}
                spellCheck={false}
                className="mono"
                placeholder={'-----BEGIN CERTIFICATE REQUEST-----\n…\n-----END CERTIFICATE REQUEST-----'}
                data-testid="csr-text"
                onChange={(event) => setCsr(event.target.value)}
              />
            </Field>
            <div className="button-row">
              <button type="button" className="button" onClick={() => void openFile()} data-testid="csr-open-file">
                Open CSR file…
              </button>
              <button
                type="button"
                className="button"
                disabled={csr.trim() === '' || checking}
                onClick={() => void runCheck(csr)}
                data-testid="csr-check"
              >
                {checking ? 'Checking…' : 'Check CSR'}
              </button>
            </div>
            <ErrorText message={checkError} />
            {check !== null && (
              <CheckResultView result={check.result} stale={check.csr !== csr} host={service.hostName} />
            )}
          </div>

          <div className="csr-options">
            <fieldset className="fieldset">
              <legend>Approval method</legend>
              {DCV_METHODS.map((method) => (
                <label className="radio" key={method.kind}>
                  <input
                    type="radio"
                    name="dcv"
                    checked={dcvKind === method.kind}
                    onChange={() => setDcvKind(method.kind)}
                    data-testid={`dcv-${method.kind}`}
                  />
                  {method.label}
                </label>
              ))}
            </fieldset>
            {dcvKind === 'email' && (
              <ApproverPicker
                state={approvers}
                value={approverEmail}
                onChange={setApproverEmail}
                onRetry={() => void loadApprovers()}
              />
            )}
            <SelectField
              label="Web server type"
              value={serverType}
              options={SERVER_TYPE_OPTIONS}
              onChange={setServerType}
              testId="csr-server-type"
            />
            {!checkedOk && <p className="muted small">Submit is enabled once the CSR passes the checks.</p>}
            <ErrorText message={submitError} testId="csr-submit-error" />
          </div>
        </div>
      )}
    </Modal>
  );
}

function CheckResultView({
  result,
  stale,
  host,
}: {
  readonly result: CsrCheckResult;
  readonly stale: boolean;
  readonly host: string;
}) {
  const subject = Object.entries(result.subject);
  return (
    <div className={`check-result ${result.ok ? 'ok' : 'bad'}`} data-testid="csr-check-result">
      <p className="check-verdict">
        {stale
          ? 'The CSR changed since it was checked: check it again.'
          : result.ok
            ? `The CSR is fine for ${host || 'this certificate'}.`
            : `The CSR cannot be used (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}).`}
      </p>
      {result.problems.length > 0 && (
        <ul className="problems" data-testid="csr-problems">
          {result.problems.map((problem) => (
            <li key={`${problem.code}:${problem.message}`}>{problem.message}</li>
          ))}
        </ul>
      )}
      <dl className="facts compact">
        <dt>Common name</dt>
        <dd className="mono">{result.commonName ?? '—'}</dd>
        <dt>SANs</dt>
        <dd className="mono">{result.subjectAltNames.length === 0 ? '—' : result.subjectAltNames.join(', ')}</dd>
        <dt>Key</dt>
        <dd>{result.keyDescription ?? '—'}</dd>
        {subject.map(([name, value]) => (
          <FactRow key={name} name={name} value={value} />
        ))}
        <dt>Wvphost check</dt>
        <dd>
          {result.remote === null
            ? 'not run'
            : `${result.remote.commonName}${result.remote.validTrueDomain ? ' (valid domain)' : ' (not a valid domain)'}`}
        </dd>
      </dl>
    </div>
  );
}

function FactRow({ name, value }: { readonly name: string; readonly value: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </>
  );
}

interface ApproverPickerProps {
  readonly state: ApproverState;
  readonly value: string;
  readonly onChange: (email: string) => void;
  readonly onRetry: () => void;
}

function ApproverPicker({ state, value, onChange, onRetry }: ApproverPickerProps) {
  if (state.state === 'loading') return <p className="muted small">Loading approver addresses from Wvphost…</p>;
  if (state.state === 'failed' || state.reply.emails.length === 0) {
    const message =
      state.state === 'failed'
        ? state.message
        : `Wvphost offers no approver address for ${state.reply.domain}. Use HTTP file or DNS validation, or retry.`;
    return (
      <div className="inline-warning" role="alert" data-testid="approvers-problem">
        <p>{message}</p>
        <button type="button" className="button small" onClick={onRetry} data-testid="approvers-retry">
          Retry
        </button>
      </div>
    );
  }
  return (
    <SelectField
      label={`Approver email for ${state.reply.domain}`}
      value={value}
      options={plainOptions(state.reply.emails)}
      onChange={onChange}
      testId="approver-email"
    />
  );
}

interface SubmittedViewProps {
  readonly mode: CsrDialogMode;
  readonly previousId: number;
  readonly reply: SubmitCsrReply;
  readonly sentTo: string | null;
}

function SubmittedView({ mode, previousId, reply, sentTo }: SubmittedViewProps) {
  return (
    <div data-testid="csr-submitted">
      <div className="success-box">
        {mode === 'reissue' ? (
          <p>
            Reissue submitted. Certificate <span className="mono">{previousId}</span> → new certificate{' '}
            <strong className="mono" data-testid="new-certificate-id">
              {reply.newCertificateId}
            </strong>{' '}
            (reissue pending until Wvphost issues it).
          </p>
        ) : (
          <p>
            Activation submitted for certificate{' '}
            <strong className="mono" data-testid="new-certificate-id">
              {reply.newCertificateId}
            </strong>
            .
          </p>
        )}
        {sentTo !== null && <p>The approval email goes to {sentTo}; the certificate is issued once it is approved.</p>}
      </div>
      {reply.dcv.map((instructions, index) => (
        <DcvView key={index} instructions={instructions} />
      ))}
      <p className="muted small">The next sync confirms the new state; the table already shows it.</p>
    </div>
  );
}

function DcvView({ instructions }: { readonly instructions: DcvInstructions }) {
  if (instructions.kind === 'http') {
    return (
      <section className="dcv-box" data-testid="dcv-http-instructions">
        <h3>HTTP file validation for {instructions.domain}</h3>
        <p>
          Publish this file at{' '}
          <span className="mono">
            http://{instructions.domain}/.well-known/pki-validation/{instructions.fileName}
          </span>
        </p>
        <CopyField label="File name" value={instructions.fileName} testId="dcv-file-name" />
        <CopyField label="File content" value={instructions.fileContent} multiline testId="dcv-file-content" />
      </section>
    );
  }
  return (
    <section className="dcv-box" data-testid="dcv-dns-instructions">
      <h3>DNS CNAME validation for {instructions.domain}</h3>
      <p>Create this CNAME record in the domain's DNS zone.</p>
      <CopyField label="CNAME host" value={instructions.hostName} testId="dcv-cname-host" />
      <CopyField label="Target" value={instructions.target} testId="dcv-cname-target" />
    </section>
  );
}

function CopyField({
  label,
  value,
  multiline = false,
  testId,
}: {
  readonly label: string;
  readonly value: string;
  readonly multiline?: boolean;
  readonly testId: string;
}) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await call('clipboard:write', { text: value });
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="copy-field">
      <span className="copy-label">{label}</span>
      {multiline ? (
        <pre className="mono copy-value" data-testid={testId}>
          {value}
        </pre>
      ) : (
        <code className="mono copy-value" data-testid={testId}>
          {value}
        </code>
      )}
      <button type="button" className="button small" onClick={() => void copy()} aria-label={`Copy ${label}`}>
        {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
      </button>
    </div>
  );
}
