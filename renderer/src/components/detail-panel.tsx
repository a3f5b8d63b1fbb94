/**
 * The detail panel of the selected service: dates, lineage, history and the actions.
 *
 * Every action button is always shown; when main says an action is not possible now
 * (`actionBlockers`), the button is disabled and the reason is written next to it.
 */
import { useEffect, useState } from 'react';
import type { ActionRecord, Service, ServiceChange, ServiceDetail, ServerType } from '../../../preload/api.ts';
import { call, errorMessage } from '../bridge.ts';
import { assertNever } from '../lib/assert-never.ts';
import { formatDate, formatDateTime } from '../lib/format-date.ts';
import { StatusPill, ReissuePill } from './pills.tsx';
import { SelectField } from './select-field.tsx';
import { SERVER_TYPE_OPTIONS } from './server-type-options.ts';
import type { CsrDialogMode } from './csr-dialog.tsx';
import type { NotifyFn } from './workspace.tsx';

interface DetailPanelProps {
  readonly service: Service | null;
  /** Bumped whenever the services were reloaded, so the detail reloads too. */
  readonly version: number;
  readonly onClose: () => void;
  /** Opens the reissue/activate or the renew dialog (owned by the workspace, so it outlives a selection change). */
  readonly onOpenCsrDialog: (mode: CsrDialogMode, service: Service) => void;
  readonly onOpenRenewDialog: (service: Service) => void;
  readonly notify: NotifyFn;
}

export function DetailPanel(props: DetailPanelProps) {
  const { service, version, onClose, notify } = props;
  const [detail, setDetail] = useState<ServiceDetail | null>(null);
  // Bumped after an action that only adds to this service's history (the services are unchanged).
  const [historyVersion, setHistoryVersion] = useState(0);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [serverType, setServerType] = useState<ServerType>('nginx');
  const [downloading, setDownloading] = useState(false);
  const [resending, setResending] = useState(false);
  const certificateId = service?.certificateId ?? null;

  useEffect(() => {
    if (certificateId === null) return undefined;
    let current = true;
    call('services:detail', { certificateId })
      .then((value) => {
        if (!current) return;
        setDetail(value);
        setDetailError(null);
      })
      .catch((error: unknown) => {
        if (current) setDetailError(errorMessage(error));
      });
    return () => {
      current = false;
    };
  }, [certificateId, version, historyVersion]);

  if (service === null) {
    return (
      <aside className="detail-panel empty" aria-label="Service details">
        <p className="muted">Select a service to see its dates, lineage, history and actions.</p>
        <p className="muted small">Tip: focus the table and use the arrow keys.</p>
      </aside>
    );
  }

  const blockers = detail?.actionBlockers ?? null;
  const loadingReason = detailError ?? 'Loading…';
  const reason = (key: keyof ServiceDetail['actionBlockers']): string | null =>
    blockers === null ? loadingReason : blockers[key];

  const download = async () => {
    setDownloading(true);
    try {
      const result = await call('export:certificate', { certificateId: service.certificateId, serverType });
      if (result.path !== null) notify({ kind: 'info', text: `Certificate saved to ${result.path}.` });
    } catch (error) {
      notify({ kind: 'error', text: errorMessage(error) });
    } finally {
      setDownloading(false);
    }
  };

  const resend = async () => {
    setResending(true);
    try {
      await call('approval:resend', { certificateId: service.certificateId });
      notify({ kind: 'info', text: `Approval email sent again for certificate ${service.certificateId}.` });
    } catch (error) {
      notify({ kind: 'error', text: errorMessage(error) });
    } finally {
      setResending(false);
      // main records the attempt either way: show it in the history.
      setHistoryVersion((current) => current + 1);
    }
  };

  const lineage = [...service.previousCertificateIds, service.certificateId];
  return (
    <aside className="detail-panel" aria-labelledby="detail-heading" data-testid="detail-panel">
      <div className="detail-header">
        <h2 id="detail-heading" tabIndex={-1}>
          {service.hostName === '' ? `Certificate ${service.certificateId}` : service.hostName}
        </h2>
        <button type="button" className="icon-button" aria-label="Close details" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="detail-pills">
        <StatusPill status={service.status} />
        {service.reissueState !== 'none' && <ReissuePill state={service.reissueState} />}
        <span className="muted">{service.sslType}</span>
      </div>

      <section className="detail-section">
        <h3>Dates</h3>
        <dl className="facts">
          <dt>Purchased</dt>
          <dd>{formatDate(service.purchaseDate)}</dd>
          <dt>Expires</dt>
          <dd>{formatDate(service.expireDate)}</dd>
          <dt>Due date</dt>
          <dd>{formatDate(service.dueDate)}</dd>
          <dt>Days left</dt>
          <dd>{service.daysLeft === null ? '—' : service.daysLeft}</dd>
          <dt>Activate by</dt>
          <dd>{formatDate(service.activationExpireDate)}</dd>
          <dt>Last confirmed</dt>
          <dd>{formatDateTime(service.lastSyncedAt)}</dd>
        </dl>
      </section>

      <section className="detail-section">
        <h3>Lineage</h3>
        <ol className="lineage" aria-label="Certificate IDs, oldest first" data-testid="lineage">
          {lineage.map((id, index) => (
            <li key={id} className={index === lineage.length - 1 ? 'current' : undefined}>
              <span className="mono">{id}</span>
              {index === lineage.length - 1 && <span className="muted small"> current</span>}
            </li>
          ))}
        </ol>
      </section>

      <section className="detail-section">
        <h3>Actions</h3>
        <div className="action-row">
          <SelectField
            inline
            label="Server"
            value={serverType}
            options={SERVER_TYPE_OPTIONS}
            onChange={setServerType}
            testId="server-type"
          />
          <ActionButton
            label={downloading ? 'Downloading…' : 'Download certificate'}
            testId="action-download"
            reason={reason('downloadCertificate')}
            busy={downloading}
            onClick={() => void download()}
          />
        </div>
        {service.needsActivation && (
          <ActionButton
            label="Activate with a CSR…"
            testId="action-activate"
            primary
            reason={reason('activate')}
            onClick={() => props.onOpenCsrDialog('activate', service)}
          />
        )}
        <ActionButton
          label="Reissue…"
          testId="action-reissue"
          reason={reason('reissue')}
          onClick={() => props.onOpenCsrDialog('reissue', service)}
        />
        <ActionButton
          label="Renew…"
          testId="action-renew"
          reason={reason('renew')}
          onClick={() => props.onOpenRenewDialog(service)}
        />
        <ActionButton
          label={resending ? 'Sending…' : 'Resend approval email'}
          testId="action-resend"
          reason={reason('resendApproval')}
          busy={resending}
          onClick={() => void resend()}
        />
      </section>

      <section className="detail-section">
        <h3>History</h3>
        {detailError !== null && <p className="error-text">{detailError}</p>}
        {/* After a failed load the error says it all: no "Loading…" under it. */}
        {(detail !== null || detailError === null) && <HistoryList detail={detail} />}
      </section>
    </aside>
  );
}

interface ActionButtonProps {
  readonly label: string;
  readonly testId: string;
  readonly reason: string | null;
  readonly busy?: boolean;
  readonly primary?: boolean;
  readonly onClick: () => void;
}

function ActionButton({ label, testId, reason, busy = false, primary = false, onClick }: ActionButtonProps) {
  const reasonId = `${testId}-reason`;
  return (
    <div className="action">
      <button
        type="button"
        className={primary ? 'button primary' : 'button'}
        disabled={reason !== null || busy}
        aria-describedby={reason !== null ? reasonId : undefined}
        data-testid={testId}
        onClick={onClick}
      >
        {label}
      </button>
      {reason !== null && (
        <span id={reasonId} className="action-reason" data-testid={`${testId}-reason`}>
          {reason}
        </span>
      )}
    </div>
  );
}

function describeChange(change: ServiceChange): string {
  switch (change.kind) {
    case 'added':
      return `Added (certificate ${change.certificateId}).`;
    case 'removed':
      return `No longer reported by Wvphost (certificate ${change.certificateId}).`;
    case 'status-changed':
      return `Status ${change.from} → ${change.to}.`;
    case 'expire-date-changed':
      return `Expiry ${formatDate(change.from)} → ${formatDate(change.to)}.`;
    case 'due-date-changed':
      return `Due date ${formatDate(change.from)} → ${formatDate(change.to)}.`;
    case 'reissued':
      return `Reissued: ${change.fromCertificateId} → ${change.toCertificateId}.`;
    case 'needs-activation':
      return 'Awaiting activation (a CSR is needed).';
    default:
      return assertNever(change);
  }
}

/** The history's word for each action (a Record, so a new action kind cannot be forgotten). */
const ACTION_NAMES: Readonly<Record<ActionRecord['action'], string>> = {
  reissue: 'Reissue',
  activate: 'Activation',
  renew: 'Renewal',
  'resend-approval': 'Approval email resent',
};

function describeAction(action: ActionRecord): string {
  const what = ACTION_NAMES[action.action];
  const result = action.result === 'ok' ? '' : ' failed';
  const newId = action.newCertificateId !== undefined ? ` → ${action.newCertificateId}` : '';
  return `${what}${result}${newId} by ${action.by}${action.detail === '' ? '' : ` — ${action.detail}`}`;
}

function HistoryList({ detail }: { readonly detail: ServiceDetail | null }) {
  if (detail === null) return <p className="muted small">Loading…</p>;
  const entries = [
    ...detail.changes.map((entry, index) => ({
      key: `c${index}`,
      at: entry.syncedAt,
      text: describeChange(entry.change),
      kind: 'sync',
      failed: false,
    })),
    ...detail.actions.map((action, index) => ({
      key: `a${index}`,
      at: action.at,
      text: describeAction(action),
      kind: 'action',
      failed: action.result === 'failed',
    })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  if (entries.length === 0) {
    return (
      <p className="muted small" data-testid="history-empty">
        Nothing recorded yet. Changes found by syncs and actions taken in this app will be listed here.
      </p>
    );
  }
  return (
    <ul className="history" data-testid="history">
      {entries.map((entry) => (
        <li key={entry.key} className={entry.failed ? 'failed' : undefined}>
          <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          <span className={`history-kind kind-${entry.kind}`}>{entry.kind === 'sync' ? 'Sync' : 'Action'}</span>
          <span>{entry.text}</span>
        </li>
      ))}
    </ul>
  );
}
