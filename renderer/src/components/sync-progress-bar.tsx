/**
 * Sync progress: phase, pages, requests used and time left.
 *
 * It lives in a reserved slot of the header (empty when idle), so starting or ending a sync never
 * shifts the table under the user's pointer.
 */
import type { SyncPhase, SyncProgress } from '../../../preload/api.ts';
import { assertNever } from '../lib/assert-never.ts';
import { formatSeconds } from '../lib/format-date.ts';

function phaseLabel(phase: SyncPhase): string {
  switch (phase) {
    case 'listing':
      return 'Reading certificates';
    case 'following-reissues':
      return 'Following reissues';
    case 'saving':
      return 'Saving';
    case 'done':
      return 'Done';
    default:
      return assertNever(phase);
  }
}

export function SyncProgressBar({
  running,
  progress,
}: {
  readonly running: boolean;
  readonly progress: SyncProgress | null;
}) {
  if (!running) return null;
  const fraction =
    progress !== null && progress.totalPages !== null && progress.totalPages > 0
      ? Math.min(1, progress.pagesRead / progress.totalPages)
      : null;
  const parts: string[] = [];
  if (progress === null) parts.push('Connecting…');
  else {
    parts.push(phaseLabel(progress.phase));
    parts.push(
      progress.totalPages === null
        ? `page ${progress.pagesRead}`
        : `page ${progress.pagesRead} of ${progress.totalPages}`,
    );
    parts.push(`${progress.requests} request${progress.requests === 1 ? '' : 's'} used`);
    if (progress.estimatedSecondsLeft !== null)
      parts.push(`about ${formatSeconds(progress.estimatedSecondsLeft)} left`);
  }
  return (
    <div className="sync-strip" role="status" data-testid="sync-progress">
      <progress className="sync-meter" max={1} value={fraction ?? undefined} aria-label="Sync progress" />
      <span className="sync-text">{parts.join(' · ')}</span>
    </div>
  );
}
