/**
 * Renew: orders a renewal (same SSL type) for a number of years; it then awaits activation.
 */
import { useState } from 'react';
import type { RenewReply, Service } from '../../../preload/api.ts';
import { call, errorMessage } from '../bridge.ts';
import { Modal } from './modal.tsx';

interface RenewDialogProps {
  readonly service: Service;
  readonly onClose: () => void;
  readonly onRenewed: () => Promise<void>;
}

export function RenewDialog({ service, onClose, onRenewed }: RenewDialogProps) {
  const [years, setYears] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reply, setReply] = useState<RenewReply | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await call('renew:submit', { certificateId: service.certificateId, years });
      setReply(result);
      await onRenewed();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const footer =
    reply === null ? (
      <>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void submit()}
          data-testid="renew-submit"
        >
          {busy ? 'Ordering…' : `Order ${years}-year renewal`}
        </button>
      </>
    ) : (
      <button type="button" className="button primary" onClick={onClose} data-testid="renew-done">
        Done
      </button>
    );

  return (
    <Modal
      title={`Renew ${service.hostName || `certificate ${service.certificateId}`}`}
      onClose={onClose}
      footer={footer}
      testId="renew-dialog"
    >
      {reply === null ? (
        <>
          <p>
            Orders a renewal of this <strong>{service.sslType}</strong> certificate. Wvphost charges the reseller
            account; the new certificate then waits for activation with a CSR.
          </p>
          <label className="field">
            <span>Years</span>
            <select value={years} onChange={(event) => setYears(Number(event.target.value))} data-testid="renew-years">
              {[1, 2, 3, 4, 5].map((value) => (
                <option key={value} value={value}>
                  {value} year{value === 1 ? '' : 's'}
                </option>
              ))}
            </select>
          </label>
          {error !== null && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
        </>
      ) : (
        <div className="success-box" data-testid="renew-result">
          <p>
            Renewal ordered: new certificate <strong className="mono">{reply.newCertificateId}</strong> (charged{' '}
            {reply.chargedAmount}).
          </p>
          <p>It is listed under “Awaiting activation”; activate it with a CSR once the next sync has picked it up.</p>
        </div>
      )}
    </Modal>
  );
}
