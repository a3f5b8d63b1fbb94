/**
 * The footers of the action dialogs: Cancel + the submit button before, Done after.
 */

interface SubmitFooterProps {
  readonly onCancel: () => void;
  readonly onSubmit: () => void;
  readonly label: string;
  readonly disabled: boolean;
  readonly testId: string;
}

export function SubmitFooter({ onCancel, onSubmit, label, disabled, testId }: SubmitFooterProps) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="button" className="button primary" disabled={disabled} onClick={onSubmit} data-testid={testId}>
        {label}
      </button>
    </>
  );
}

export function DoneFooter({ onClose, testId }: { readonly onClose: () => void; readonly testId: string }) {
  return (
    <button type="button" className="button primary" onClick={onClose} data-testid={testId}>
      Done
    </button>
  );
}
