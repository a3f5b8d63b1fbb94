/**
 * Renew: orders a renewal (same SSL type) for a number of years; it then awaits activation.
 */
import { useState } from 'react';
import type { RenewReply, Service } from '../../../preload/api.ts';
import { call, errorMessage } from '../bridge.ts';
import { DoneFooter, SubmitFooter } from './dialog-footer.tsx';
import { ErrorText } from './error-text.tsx';
import { Modal } from './modal.tsx';
import { SelectField, type SelectOption } from './select-field.tsx';

interface RenewDialogProps {
  readonly service: Service;
  readonly onClose: () => void;
}

const YEAR_OPTIONS: readonly SelectOption<number>[] = [1, 2, 3, 4, 5].map((value) => ({
  value,
  label: `${value} year${value === 1 ? '' : 's'}`,
}));

export function RenewDialog({ service, onClose }: RenewDialogProps) {
  const [years, setYears] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reply, setReply] = useState<RenewReply | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await call('renew:submit', { certificateId: service.certificateId, years });
      // main announces 'services:changed', which reloads the list and the detail's history.
      setReply(result);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const footer =
    reply === null ? (
      <SubmitFooter
        onCancel={onClose}
        onSubmit={() => void submit()}
        disabled={busy}
        label={busy ? 'Ordering…' : `Order ${years}-year renewal`}
        testId="renew-submit"
      />
    ) : (
      <DoneFooter onClose={onClose} testId="renew-done" />
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
          <SelectField label="Years" value={years} options={YEAR_OPTIONS} onChange={setYears} testId="renew-years" />
          <ErrorText message={error} />
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
