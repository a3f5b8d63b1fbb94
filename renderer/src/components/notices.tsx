/**
 * Short-lived messages (sync finished, file saved, an error) announced to screen readers.
 */
import { useEffect } from 'react';

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly text: string;
}

function NoticeItem({ notice, onDismiss }: { readonly notice: Notice; readonly onDismiss: (id: number) => void }) {
  useEffect(() => {
    // Errors stay until dismissed: they usually say what to do.
    if (notice.kind === 'error') return undefined;
    const timer = window.setTimeout(() => onDismiss(notice.id), 8000);
    return () => window.clearTimeout(timer);
  }, [notice, onDismiss]);
  return (
    <div className={`notice notice-${notice.kind}`} data-testid="notice">
      <span>{notice.text}</span>
      <button type="button" className="icon-button" aria-label="Dismiss message" onClick={() => onDismiss(notice.id)}>
        ×
      </button>
    </div>
  );
}

export function Notices({
  notices,
  onDismiss,
}: {
  readonly notices: readonly Notice[];
  readonly onDismiss: (id: number) => void;
}) {
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} onDismiss={onDismiss} />
      ))}
    </div>
  );
}
