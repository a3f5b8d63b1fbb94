/**
 * First run: try the Demo (works offline) or sign in to production or sandbox.
 */
import { useState } from 'react';
import type { AppState } from '../../../preload/api.ts';
import { call, errorMessage } from '../bridge.ts';
import { environmentLabel } from './environment-badge.tsx';
import { EnvironmentForm } from './environment-form.tsx';
import { ErrorText } from './error-text.tsx';

const SIGN_IN_ENVIRONMENTS = ['production', 'sandbox'] as const;

interface OnboardingProps {
  readonly appState: AppState;
  readonly onStateChange: (state: AppState) => void;
}

export function Onboarding({ appState, onStateChange }: OnboardingProps) {
  const [signIn, setSignIn] = useState<'production' | 'sandbox' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const chooseDemo = async () => {
    setBusy(true);
    setError(null);
    try {
      onStateChange(await call('environment:select', { environment: 'demo' }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="onboarding" data-testid="onboarding">
      <div className="onboarding-inner">
        <h1>Welcome to Wvphost Admin</h1>
        <p className="lead">
          Your SSL certificates, their due dates and reissues — synced from Wvphost and readable offline.
        </p>
        {!appState.keychainAvailable && (
          <div className="banner error" role="alert">
            <strong>No OS keychain is available.</strong>{' '}
            {appState.keychainMessage ?? 'Signing in needs one to keep the API key.'}
          </div>
        )}
        <div className="choice-grid">
          <section className="card choice">
            <h2>Try the Demo</h2>
            <p>A made-up reseller account with 150 certificates. Works offline; nothing is sent anywhere.</p>
            <button
              type="button"
              className="button primary large"
              disabled={busy}
              onClick={() => void chooseDemo()}
              data-testid="onboarding-demo"
            >
              Try the Demo (works offline)
            </button>
          </section>
          <section className="card choice">
            <h2>Sign in</h2>
            <p>Use your Wvphost API user and key. The key stays in the OS keychain.</p>
            <div className="button-row">
              {SIGN_IN_ENVIRONMENTS.map((environment) => (
                <button
                  key={environment}
                  type="button"
                  className={signIn === environment ? 'button pressed' : 'button'}
                  aria-pressed={signIn === environment}
                  onClick={() => setSignIn(environment)}
                  data-testid={`onboarding-${environment}`}
                >
                  {environmentLabel(environment)}
                </button>
              ))}
            </div>
          </section>
        </div>
        <ErrorText message={error} />
        {signIn !== null && (
          <section className="card" aria-label={`Sign in to ${signIn}`}>
            <h2>Sign in to {environmentLabel(signIn)}</h2>
            <EnvironmentForm
              key={signIn}
              environment={signIn}
              summary={appState.environments.find((summary) => summary.id === signIn)}
              keychainAvailable={appState.keychainAvailable}
              // The first environment saved becomes the active one (main's sign-in does that), so
              // the state it answers with opens the workspace: no separate 'environment:select'.
              onStateChange={onStateChange}
              saveLabel="Save and continue"
              showLogout={false}
            />
          </section>
        )}
      </div>
    </main>
  );
}
