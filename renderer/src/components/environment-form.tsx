/**
 * Connection settings of production or sandbox, with Save, Test connection and Log out.
 *
 * The API key field is write-only: it starts empty, says whether the keychain already holds a
 * key, and an empty field on Save keeps that key.
 */
import { useState, type FormEvent } from 'react';
import type { AppState, ConnectionTestResult, EnvironmentSummary, RateBudget } from '../../../preload/api.ts';
import { call, errorMessage } from '../bridge.ts';
import { environmentLabel } from './environment-badge.tsx';

type ConfigurableEnvironment = 'production' | 'sandbox';

interface EnvironmentFormProps {
  readonly environment: ConfigurableEnvironment;
  readonly summary: EnvironmentSummary | undefined;
  readonly keychainAvailable: boolean;
  readonly onStateChange: (state: AppState) => void;
  /** Called after a successful save (the onboarding then switches to it). */
  readonly onSaved?: (state: AppState) => Promise<void> | void;
  readonly saveLabel?: string;
  readonly showLogout?: boolean;
}

export function formatRateBudget(budget: RateBudget): string {
  return `${budget.perMinute}/min,${budget.perHour}/h,${budget.perDay}/day`;
}

export function EnvironmentForm(props: EnvironmentFormProps) {
  const { environment, summary, keychainAvailable, onStateChange } = props;
  const [baseUrl, setBaseUrl] = useState(summary?.baseUrl ?? '');
  const [apiUser, setApiUser] = useState(summary?.apiUser ?? '');
  const [userName, setUserName] = useState(summary?.userName ?? '');
  const [clientIp, setClientIp] = useState(summary?.clientIp ?? '');
  const [rateBudget, setRateBudget] = useState(
    summary === undefined ? '20/min,700/h,8000/day' : formatRateBudget(summary.rateBudget),
  );
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState<'save' | 'test' | 'logout' | null>(null);
  const [message, setMessage] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);
  const hasKey = summary?.hasApiKey ?? false;
  const idPrefix = `env-${environment}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy('save');
    setMessage(null);
    try {
      const state = await call('environment:save', {
        environment,
        baseUrl: baseUrl.trim(),
        apiUser: apiUser.trim(),
        userName: (userName.trim() === '' ? apiUser : userName).trim(),
        clientIp: clientIp.trim(),
        rateBudget: rateBudget.trim(),
        ...(apiKey === '' ? {} : { apiKey }),
      });
      setApiKey('');
      onStateChange(state);
      setMessage({ ok: true, text: `${environmentLabel(environment)} settings saved.` });
      await props.onSaved?.(state);
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const test = async () => {
    setBusy('test');
    setMessage(null);
    try {
      const result: ConnectionTestResult = await call('environment:testConnection', { environment });
      setMessage({ ok: result.ok, text: result.message });
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const logout = async () => {
    setBusy('logout');
    setMessage(null);
    try {
      const state = await call('environment:logout', { environment });
      onStateChange(state);
      setMessage({
        ok: true,
        text: `Logged out of ${environmentLabel(environment)}: the API key was removed from the keychain.`,
      });
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <form className="env-form" onSubmit={(event) => void save(event)} data-testid={`env-form-${environment}`}>
      <div className="form-grid">
        <label className="field span-2" htmlFor={`${idPrefix}-url`}>
          <span>API base URL</span>
          <input
            id={`${idPrefix}-url`}
            type="url"
            value={baseUrl}
            placeholder="https://…/xml.response"
            onChange={(event) => setBaseUrl(event.target.value)}
            data-testid="env-base-url"
          />
        </label>
        <label className="field">
          <span>API user</span>
          <input
            value={apiUser}
            maxLength={20}
            autoComplete="off"
            onChange={(event) => setApiUser(event.target.value)}
            data-testid="env-api-user"
          />
        </label>
        <label className="field">
          <span>Username</span>
          <input
            value={userName}
            maxLength={20}
            autoComplete="off"
            placeholder={apiUser}
            onChange={(event) => setUserName(event.target.value)}
            data-testid="env-user-name"
          />
        </label>
        <label className="field">
          <span>Client IP (whitelisted at Wvphost)</span>
          <input
            value={clientIp}
            placeholder="203.0.113.7"
            onChange={(event) => setClientIp(event.target.value)}
            data-testid="env-client-ip"
          />
        </label>
        <label className="field">
          <span>Rate budget</span>
          <input
            value={rateBudget}
            onChange={(event) => setRateBudget(event.target.value)}
            data-testid="env-rate-budget"
          />
        </label>
        <label className="field span-2">
          <span>API key</span>
          <input
            type="password"
            value={apiKey}
            autoComplete="new-password"
            placeholder={hasKey ? 'Saved in the keychain — type to replace' : 'Paste the API key'}
            onChange={(event) => setApiKey(event.target.value)}
            data-testid="env-api-key"
            disabled={!keychainAvailable}
          />
          <span className="hint" data-testid="env-key-note">
            {hasKey
              ? '✓ Saved in the OS keychain. Leave empty to keep it; it is never shown again.'
              : 'Kept in the OS keychain, never in files; it is never shown again.'}
          </span>
        </label>
      </div>
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy !== null} data-testid="env-save">
          {busy === 'save' ? 'Saving…' : (props.saveLabel ?? 'Save')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy !== null || summary === undefined}
          onClick={() => void test()}
          data-testid="env-test"
        >
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        {props.showLogout !== false && (
          <button
            type="button"
            className="button danger"
            disabled={busy !== null || !hasKey}
            onClick={() => void logout()}
            data-testid="env-logout"
          >
            Log out
          </button>
        )}
      </div>
      {message !== null && (
        <p
          className={message.ok ? 'form-message ok' : 'form-message bad'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="env-message"
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
