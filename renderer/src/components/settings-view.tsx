/**
 * Settings: which environment is active, its credentials, and the preferences.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { AppState, DueDateOffsetDays, EnvironmentId } from '../../../preload/api.ts';
import { call, errorMessage } from '../bridge.ts';
import type { ThemePreference } from '../lib/theme.ts';
import { EnvironmentForm } from './environment-form.tsx';
import { environmentLabel } from './environment-badge.tsx';
import { InputField } from './field.tsx';
import { FormMessage, type FormOutcome } from './form-message.tsx';
import { SelectField, type SelectOption } from './select-field.tsx';
import type { NotifyFn } from './workspace.tsx';

interface SettingsViewProps {
  readonly appState: AppState;
  readonly onStateChange: (state: AppState) => void;
  readonly onClose: () => void;
  readonly notify: NotifyFn;
}

const OFFSET_OPTIONS: readonly SelectOption<DueDateOffsetDays>[] = ([0, 5, 15, 30] as const).map((days) => ({
  value: days,
  label: `${days} days`,
}));
const THEME_OPTIONS: readonly SelectOption<ThemePreference>[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];
const ENVIRONMENTS: readonly EnvironmentId[] = ['production', 'sandbox', 'demo'];

export function SettingsView({ appState, onStateChange, onClose, notify }: SettingsViewProps) {
  const { settings } = appState;
  const [offset, setOffset] = useState<DueDateOffsetDays>(settings.dueDateOffsetDays);
  const [windowDays, setWindowDays] = useState(String(settings.dueSoonWindowDays));
  const [syncTime, setSyncTime] = useState(settings.dailySyncTime);
  const [theme, setTheme] = useState<ThemePreference>(settings.theme);
  const [saving, setSaving] = useState(false);
  const [prefsMessage, setPrefsMessage] = useState<FormOutcome | null>(null);
  const [switching, setSwitching] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && document.querySelector('dialog[open]') === null) onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  const savePreferences = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setPrefsMessage(null);
    try {
      const state = await call('settings:update', {
        dueDateOffsetDays: offset,
        dueSoonWindowDays: Number(windowDays),
        dailySyncTime: syncTime,
        theme,
      });
      onStateChange(state);
      setPrefsMessage({ ok: true, text: 'Preferences saved.' });
    } catch (error) {
      setPrefsMessage({ ok: false, text: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  const select = async (environment: EnvironmentId) => {
    setSwitching(true);
    try {
      onStateChange(await call('environment:select', { environment }));
      notify({ kind: 'info', text: `Now using ${environmentLabel(environment)}.` });
    } catch (error) {
      notify({ kind: 'error', text: errorMessage(error) });
    } finally {
      setSwitching(false);
    }
  };

  return (
    <main className="settings-view" aria-labelledby="settings-heading" data-testid="settings-view">
      <div className="settings-header">
        <h1 id="settings-heading">Settings</h1>
        <button type="button" className="button" onClick={onClose} data-testid="settings-close">
          Back to services
        </button>
      </div>

      {!appState.keychainAvailable && (
        <div className="banner error" role="alert">
          <strong>No OS keychain is available.</strong> {appState.keychainMessage ?? 'API keys cannot be saved.'}
        </div>
      )}

      <section className="card">
        <h2>Environment in use</h2>
        <div className="segmented" role="radiogroup" aria-label="Environment in use">
          {ENVIRONMENTS.map((environment) => (
            <label
              key={environment}
              className={appState.activeEnvironment === environment ? 'segment checked' : 'segment'}
            >
              <input
                type="radio"
                name="active-environment"
                checked={appState.activeEnvironment === environment}
                disabled={switching}
                onChange={() => void select(environment)}
                data-testid={`use-${environment}`}
              />
              {environmentLabel(environment)}
            </label>
          ))}
        </div>
        <p className="muted small">Each environment has its own cache; switching never mixes their services.</p>
      </section>

      {(['production', 'sandbox'] as const).map((environment) => (
        <section className="card" key={environment} aria-labelledby={`heading-${environment}`}>
          <h2 id={`heading-${environment}`}>{environmentLabel(environment)}</h2>
          <EnvironmentForm
            environment={environment}
            summary={appState.environments.find((summary) => summary.id === environment)}
            keychainAvailable={appState.keychainAvailable}
            onStateChange={onStateChange}
          />
        </section>
      ))}

      <section className="card">
        <h2>Preferences</h2>
        <form className="form-grid" onSubmit={(event) => void savePreferences(event)} data-testid="preferences-form">
          <SelectField
            label="Due date = expiry minus"
            value={offset}
            options={OFFSET_OPTIONS}
            onChange={setOffset}
            testId="pref-offset"
          />
          <InputField
            label="“Due soon” window (days)"
            type="number"
            min={1}
            max={365}
            value={windowDays}
            onChange={setWindowDays}
            testId="pref-window"
          />
          <InputField
            label="Daily sync time"
            type="time"
            value={syncTime}
            onChange={setSyncTime}
            testId="pref-sync-time"
          />
          <SelectField label="Theme" value={theme} options={THEME_OPTIONS} onChange={setTheme} testId="pref-theme" />
          <div className="button-row span-2">
            <button type="submit" className="button primary" disabled={saving} data-testid="pref-save">
              {saving ? 'Saving…' : 'Save preferences'}
            </button>
            <FormMessage message={prefsMessage} inline />
          </div>
        </form>
      </section>
      <p className="muted small about">Wvphost Admin {appState.appVersion}</p>
    </main>
  );
}
