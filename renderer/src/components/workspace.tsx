/**
 * The main window once an environment is active: header, banner, summary, table, detail, settings.
 *
 * Owns the services snapshot, the filter, the selection and the sync run; children get plain data
 * and callbacks. Services are filtered and searched here, once, so the table, the summary bar and
 * "export what I see" share one result.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type {
  AppState,
  MenuCommand,
  Service,
  ServicesSnapshot,
  SyncProgress,
} from '../../../preload/api.ts';
import { call, errorMessage, listen } from '../bridge.ts';
import {
  EMPTY_FILTER,
  isFilterEmpty,
  matchesFilter,
  searchKey,
  summarize,
  statusesOf,
  type ServiceFilter,
} from '../lib/service-filter.ts';
import { useShortcuts } from '../lib/use-shortcuts.ts';
import { sortBy } from '../lib/service-sort.ts';
import type { SortingState } from '@tanstack/react-table';
import { useNow } from '../lib/use-now.ts';
import { initialServices } from '../lib/services-prefetch.ts';
import { Header } from './header.tsx';
import { SyncProgressBar } from './sync-progress-bar.tsx';
import { StatusBanner } from './status-banner.tsx';
import { SummaryBar } from './summary-bar.tsx';
import { FilterBar } from './filter-bar.tsx';
import { SERVICES_GRID_ID, ServicesTable } from './services-table.tsx';
import { DetailPanel } from './detail-panel.tsx';
import { SettingsView } from './settings-view.tsx';
import { Notices, type Notice } from './notices.tsx';
import { CsrDialog, type CsrDialogMode } from './csr-dialog.tsx';
import { RenewDialog } from './renew-dialog.tsx';

interface WorkspaceProps {
  readonly appState: AppState;
  readonly onStateChange: (state: AppState) => void;
}

export type NotifyFn = (notice: Omit<Notice, 'id'>) => void;

/** The open action dialog, with the service as it was when opened (the selection may move on). */
type OpenDialog =
  | { readonly kind: 'csr'; readonly mode: CsrDialogMode; readonly service: Service }
  | { readonly kind: 'renew'; readonly service: Service };

/** Why the table is empty although services are cached: what hides them. */
function noMatchMessage(filter: ServiceFilter): string {
  const text = filter.text.trim();
  const filtered = !isFilterEmpty({ ...filter, text: '' });
  if (text === '') return 'No service matches these filters.';
  return filtered ? `No service matches “${text}” with these filters.` : `No service matches “${text}”.`;
}

export function Workspace({ appState, onStateChange }: WorkspaceProps) {
  const [snapshot, setSnapshot] = useState<ServicesSnapshot | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [view, setView] = useState<'services' | 'settings'>('services');
  const [filter, setFilter] = useState<ServiceFilter>(EMPTY_FILTER);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [syncRunning, setSyncRunning] = useState(appState.sync.running);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const [detailVersion, setDetailVersion] = useState(0);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'dueDate', desc: false }]);
  const searchRef = useRef<HTMLInputElement>(null);
  const nextNoticeId = useRef(1);
  const latestList = useRef(0);
  const now = useNow();

  const notify = useCallback<NotifyFn>((notice) => {
    const id = nextNoticeId.current++;
    setNotices((current) => [...current.slice(-3), { ...notice, id }]);
  }, []);
  const dismiss = useCallback(
    (id: number) => setNotices((current) => current.filter((notice) => notice.id !== id)),
    [],
  );

  const refreshServices = useCallback(async () => {
    // Replies can cross (two changes in a row): only the last request's answer is shown.
    const request = ++latestList.current;
    try {
      const next = await call('services:list');
      if (request !== latestList.current) return;
      setSnapshot(next);
      setListError(null);
      setDetailVersion((version) => version + 1);
    } catch (error) {
      if (request === latestList.current) setListError(errorMessage(error));
    }
  }, []);

  const refreshState = useCallback(async () => {
    try {
      onStateChange(await call('app:getState'));
    } catch (error) {
      notify({ kind: 'error', text: errorMessage(error) });
    }
  }, [notify, onStateChange]);

  useEffect(() => {
    const request = ++latestList.current;
    initialServices().then(
      (value) => {
        performance.mark('wvphost:services-received');
        if (request === latestList.current) setSnapshot(value);
      },
      (error: unknown) => {
        if (request === latestList.current) setListError(errorMessage(error));
      },
    );
  }, []);

  useEffect(() => {
    const offProgress = listen('sync:progress', (payload) => {
      setSyncRunning(payload.phase !== 'done');
      setProgress(payload);
    });
    // Every sync ends here, automatic (daily, at start) or started by the button. The services
    // are reloaded by 'services:changed' alone, which main sends (just before this event) only
    // when a sync replaced the cache: once per change, never after a failed or cancelled sync.
    const offFinished = listen('sync:finished', () => {
      setSyncRunning(false);
      setProgress(null);
      void refreshState();
    });
    const offChanged = listen('services:changed', () => void refreshServices());
    return () => {
      offProgress();
      offFinished();
      offChanged();
    };
  }, [refreshServices, refreshState]);

  const startSync = useCallback(async () => {
    if (syncRunning) return;
    setSyncRunning(true);
    setProgress(null);
    try {
      const summary = await call('sync:start');
      if (summary.ok) {
        const changed = summary.changes.length;
        notify({
          kind: 'info',
          text: `Sync finished: ${summary.services} services, ${changed === 0 ? 'no changes' : `${changed} change${changed === 1 ? '' : 's'}`}.`,
        });
      } else if (summary.cancelled) {
        notify({ kind: 'info', text: 'Sync cancelled. The cached services are unchanged.' });
      } else {
        notify({
          kind: 'error',
          text: summary.error?.message ?? 'The sync failed. The cached services are unchanged.',
        });
      }
    } catch (error) {
      notify({ kind: 'error', text: errorMessage(error) });
      // Refused before it ran (no 'sync:finished' follows): show main's view of the sync again.
      await refreshState();
    } finally {
      setSyncRunning(false);
      setProgress(null);
    }
  }, [notify, refreshState, syncRunning]);

  const cancelSync = useCallback(async () => {
    try {
      await call('sync:cancel');
    } catch (error) {
      notify({ kind: 'error', text: errorMessage(error) });
    }
  }, [notify]);

  // The search text is deferred: typing stays instant and the table catches up a frame later.
  const deferredFilter = useDeferredValue(filter);
  const keyed = useMemo(
    () => (snapshot === null ? [] : snapshot.services.map((service) => ({ service, key: searchKey(service) }))),
    [snapshot],
  );
  // Sorted once per snapshot and order; each keystroke only filters the sorted list.
  const sortedKeyed = useMemo(() => sortBy(keyed, (entry) => entry.service, sorting[0]), [keyed, sorting]);
  // Before the first snapshot there are no services, so no date is needed.
  const today = snapshot?.today ?? '';
  const visible = useMemo(
    () =>
      sortedKeyed
        .filter(({ service, key }) => matchesFilter(service, key, deferredFilter, today))
        .map(({ service }) => service),
    [sortedKeyed, deferredFilter, today],
  );
  const allServices = useMemo(() => snapshot?.services ?? [], [snapshot]);
  const dueSoonWindowDays = appState.settings.dueSoonWindowDays;
  const counts = useMemo(
    () => summarize(allServices, today, dueSoonWindowDays),
    [allServices, today, dueSoonWindowDays],
  );
  const statuses = useMemo(() => statusesOf(allServices), [allServices]);

  const exportReport = useCallback(async () => {
    try {
      const result = await call('export:report', { certificateIds: visible.map((service) => service.certificateId) });
      if (result.path === null) return;
      notify({
        kind: 'info',
        text: `Report of ${visible.length} service${visible.length === 1 ? '' : 's'} saved to ${result.path}.`,
      });
    } catch (error) {
      notify({ kind: 'error', text: errorMessage(error) });
    }
  }, [notify, visible]);

  const onCommand = useCallback(
    (command: MenuCommand) => {
      switch (command) {
        case 'sync':
          void startSync();
          return;
        case 'focus-search':
          setView('services');
          // After the view switch renders the search box.
          window.setTimeout(() => searchRef.current?.focus(), 0);
          return;
        case 'export':
          void exportReport();
          return;
        case 'settings':
          setView('settings');
          return;
      }
    },
    [exportReport, startSync],
  );
  useShortcuts(onCommand);

  const closeSettings = useCallback(() => setView('services'), []);

  const selected = useMemo(
    () => (selectedId === null ? null : (allServices.find((service) => service.certificateId === selectedId) ?? null)),
    [allServices, selectedId],
  );

  return (
    <div className="app-shell">
      <Header
        appState={appState}
        now={now}
        syncRunning={syncRunning}
        view={view}
        onSync={() => void startSync()}
        onCancelSync={() => void cancelSync()}
        onExport={() => void exportReport()}
        onToggleSettings={() => setView((current) => (current === 'settings' ? 'services' : 'settings'))}
        exportCount={visible.length}
        progress={<SyncProgressBar running={syncRunning} progress={progress} />}
      />
      <StatusBanner appState={appState} now={now} listError={listError} />
      {view === 'settings' ? (
        <SettingsView
          appState={appState}
          onStateChange={onStateChange}
          onClose={closeSettings}
          notify={notify}
        />
      ) : (
        <div className="workspace">
          <section className="services-pane" aria-label="Services">
            <SummaryBar
              counts={counts}
              filter={filter}
              dueSoonWindowDays={dueSoonWindowDays}
              shown={visible.length}
              onFilterChange={setFilter}
            />
            <FilterBar
              filter={filter}
              statuses={statuses}
              dueSoonWindowDays={dueSoonWindowDays}
              searchRef={searchRef}
              onFilterChange={setFilter}
            />
            <ServicesTable
              services={visible}
              sorting={sorting}
              onSortingChange={setSorting}
              loading={snapshot === null && listError === null}
              today={today}
              dueSoonWindowDays={dueSoonWindowDays}
              selectedId={selectedId}
              onSelect={setSelectedId}
              query={deferredFilter.text}
              emptyMessage={
                allServices.length === 0
                  ? syncRunning
                    ? 'Syncing… services appear when the first sync finishes.'
                    : 'No services cached yet. Press Sync to load them from Wvphost.'
                  : noMatchMessage(deferredFilter)
              }
              emptyAction={
                allServices.length === 0 ? undefined : (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => {
                      setFilter(EMPTY_FILTER);
                      searchRef.current?.focus();
                    }}
                    data-testid="empty-clear-filters"
                  >
                    Clear search and filters
                  </button>
                )
              }
            />
          </section>
          <DetailPanel
            key={selected?.certificateId ?? 'none'}
            service={selected}
            version={detailVersion}
            onClose={() => {
              setSelectedId(null);
              // The close button goes away with the panel: keep the keyboard user in the table.
              document.getElementById(SERVICES_GRID_ID)?.focus();
            }}
            onOpenCsrDialog={(mode, service) => setDialog({ kind: 'csr', mode, service })}
            onOpenRenewDialog={(service) => setDialog({ kind: 'renew', service })}
            notify={notify}
          />
        </div>
      )}
      {dialog?.kind === 'csr' && (
        <CsrDialog
          mode={dialog.mode}
          service={dialog.service}
          onClose={() => setDialog(null)}
          onSubmitted={setSelectedId}
        />
      )}
      {dialog?.kind === 'renew' && (
        <RenewDialog service={dialog.service} onClose={() => setDialog(null)} />
      )}
      <Notices notices={notices} onDismiss={dismiss} />
    </div>
  );
}
