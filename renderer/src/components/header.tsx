/**
 * The header: environment, data freshness, Sync / Cancel, export and settings.
 */
import type { ReactNode } from 'react';
import type { AppState } from '../../../preload/api.ts';
import { formatDateTime, formatRelative } from '../lib/format-date.ts';
import { EnvironmentBadge } from './environment-badge.tsx';

interface HeaderProps {
  readonly appState: AppState;
  readonly now: number;
  readonly syncRunning: boolean;
  readonly view: 'services' | 'settings';
  readonly exportCount: number;
  /** The sync progress, in a slot of fixed size so syncing never moves the layout. */
  readonly progress: ReactNode;
  readonly onSync: () => void;
  readonly onCancelSync: () => void;
  readonly onExport: () => void;
  readonly onToggleSettings: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

export function Header(props: HeaderProps) {
  const { appState, now, syncRunning, view } = props;
  const lastSync = appState.sync.lastSuccessfulSyncAt;
  return (
    <header className="app-header">
      <div className="header-left">
        <span className="app-title">Wvphost Admin</span>
        {appState.activeEnvironment !== null && <EnvironmentBadge environment={appState.activeEnvironment} />}
        <span className="last-sync" data-testid="last-sync">
          {lastSync === null ? (
            'Never synced'
          ) : (
            <>
              Synced{' '}
              <time dateTime={lastSync} title={formatDateTime(lastSync)}>
                {formatRelative(lastSync, now)}
              </time>
            </>
          )}
        </span>
      </div>
      <div className="header-center">{props.progress}</div>
      <div className="header-right">
        {syncRunning ? (
          <button type="button" className="button sync-toggle" onClick={props.onCancelSync} data-testid="cancel-sync">
            Cancel sync
          </button>
        ) : (
          <button
            type="button"
            className="button primary sync-toggle"
            onClick={props.onSync}
            data-testid="sync-button"
            title={`Fetch every certificate from Wvphost (${MOD}R)`}
          >
            Sync now
          </button>
        )}
        <button
          type="button"
          className="button"
          onClick={props.onExport}
          disabled={view !== 'services' || props.exportCount === 0}
          title={`Export a report of the ${props.exportCount} services shown (${MOD}E)`}
          data-testid="export-report"
        >
          Export report
        </button>
        <button
          type="button"
          className={view === 'settings' ? 'button pressed' : 'button'}
          aria-pressed={view === 'settings'}
          onClick={props.onToggleSettings}
          title={`Settings (${MOD},)`}
          data-testid="settings-button"
        >
          Settings
        </button>
      </div>
    </header>
  );
}
