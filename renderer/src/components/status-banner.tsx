/**
 * The offline / stale banner: says plainly when the data shown may be out of date.
 *
 * Shown when the last sync attempt failed, or the last successful one is older than 24 hours.
 * The cached services below stay fully usable either way.
 */
import type { AppState } from '../../../preload/api.ts';
import { formatDateTime, formatRelative } from '../lib/format-date.ts';

const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

interface StatusBannerProps {
  readonly appState: AppState;
  readonly now: number;
  readonly listError: string | null;
}

export function StatusBanner({ appState, now, listError }: StatusBannerProps) {
  if (listError !== null) {
    return (
      <div className="banner error" role="alert" data-testid="status-banner">
        <strong>The cached services could not be read.</strong> {listError}
      </div>
    );
  }
  const lastSuccess = appState.sync.lastSuccessfulSyncAt;
  const attempt = appState.sync.lastAttempt;
  const cachedNote =
    lastSuccess === null
      ? 'No services are cached yet.'
      : `Showing the services cached ${formatRelative(lastSuccess, now)} (${formatDateTime(lastSuccess)}).`;

  // The newest attempt failed and nothing succeeded since (main refreshes this after every sync).
  const failedAttempt =
    attempt !== null && attempt.outcome === 'failed' && (lastSuccess === null || attempt.finishedAt > lastSuccess)
      ? attempt
      : null;
  if (failedAttempt !== null) {
    return (
      <div className="banner warning" role="status" data-testid="status-banner">
        <strong>Offline — the last sync failed</strong> ({formatRelative(failedAttempt.finishedAt, now)}):{' '}
        {failedAttempt.error ?? 'Wvphost could not be reached.'} {cachedNote}
      </div>
    );
  }
  if (lastSuccess !== null && now - Date.parse(lastSuccess) > STALE_AFTER_MS) {
    return (
      <div className="banner warning" role="status" data-testid="status-banner">
        <strong>Data may be out of date.</strong> The last successful sync was {formatRelative(lastSuccess, now)} (
        {formatDateTime(lastSuccess)}). Press Sync now to refresh.
      </div>
    );
  }
  return null;
}
