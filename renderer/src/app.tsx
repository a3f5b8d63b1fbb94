/**
 * The root component: loads the app state, then shows the onboarding or the workspace.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppState } from '../../preload/api.ts';
import { call, errorMessage } from './bridge.ts';
import { applyTheme } from './lib/theme.ts';
import { prefetchServices } from './lib/services-prefetch.ts';
import { Onboarding } from './components/onboarding.tsx';
import { Workspace } from './components/workspace.tsx';

export function App() {
  const [appState, setAppState] = useState<AppState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setAppState(await call('app:getState'));
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, []);

  useEffect(() => {
    call('app:getState').then(
      (state) => {
        performance.mark('wvphost:state-received');
        setAppState(state);
      },
      (error: unknown) => setLoadError(errorMessage(error)),
    );
    // Asked second, so the small state reply is not queued behind the large services reply.
    prefetchServices();
  }, []);

  const theme = appState?.settings.theme ?? 'system';
  useEffect(() => {
    applyTheme(theme);
  }, [theme]);

  if (loadError !== null) {
    return (
      <main className="center-screen">
        <div className="card narrow" role="alert">
          <h1>Wvphost Admin could not start</h1>
          <p>{loadError}</p>
          <button type="button" className="button primary" onClick={() => void load()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (appState === null) {
    return (
      <main className="center-screen" aria-busy="true">
        <p className="muted">Loading…</p>
      </main>
    );
  }
  if (appState.activeEnvironment === null) {
    return <Onboarding appState={appState} onStateChange={setAppState} />;
  }
  // Keyed by environment: switching starts from a clean selection, filter and sync state.
  return <Workspace key={appState.activeEnvironment} appState={appState} onStateChange={setAppState} />;
}
