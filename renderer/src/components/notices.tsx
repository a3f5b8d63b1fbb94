/**
 * Short-lived messages (sync finished, file saved, an error) announced to screen readers.
 */
import { useEffect, useState } from 'react';

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly text: string;
}

/** How long an info notice stays; errors stay until dismissed. */
const INFO_NOTICE_MS = 8000;

function NoticeItem({ notice, onDismiss }: { readonly notice: Notice; readonly onDismiss: (id: number) => void }) {
  // Paused while the pointer or focus is on it, so it is never pulled away while being read.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const held = hovered || focused;
  useEffect(() => {
    // Errors stay until dismissed: they usually say what to do.
    if (notice.kind === 'error' || held) return undefined;
    const timer = window.setTimeout(() => onDismiss(notice.id), INFO_NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [notice, onDismiss, held]);
  return (
    <div
      className={`notice notice-${notice.kind}`}
      data-testid="notice"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
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
