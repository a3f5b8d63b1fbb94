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
import { InputField } from './field.tsx';
import { FormMessage, type FormOutcome } from './form-message.tsx';

type ConfigurableEnvironment = 'production' | 'sandbox';
type Busy = 'save' | 'test' | 'logout' | null;

interface EnvironmentFormProps {
  readonly environment: ConfigurableEnvironment;
  readonly summary: EnvironmentSummary | undefined;
  readonly keychainAvailable: boolean;
  readonly onStateChange: (state: AppState) => void;
  readonly saveLabel?: string;
  readonly showLogout?: boolean;
}

/** The text form of a budget (`20/min,700/h,8000/day`), as main/settings/rate-budget.ts writes it (the renderer imports types only). */
function formatRateBudget(budget: RateBudget): string {
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
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<FormOutcome | null>(null);
  const hasKey = summary?.hasApiKey ?? false;
  const idPrefix = `env-${environment}`;

  /** Runs one button's work: the buttons wait meanwhile, and a failure is said under the form. */
  const run = async (kind: Exclude<Busy, null>, work: () => Promise<void>) => {
    setBusy(kind);
    setMessage(null);
    try {
      await work();
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run('save', async () => {
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
    });
  };

  const test = () =>
    run('test', async () => {
      const result: ConnectionTestResult = await call('environment:testConnection', { environment });
      setMessage({ ok: result.ok, text: result.message });
    });

  const logout = () =>
    run('logout', async () => {
      onStateChange(await call('environment:logout', { environment }));
      setMessage({
        ok: true,
        text: `Logged out of ${environmentLabel(environment)}: the API key was removed from the keychain.`,
      });
    });

  return (
    <form className="env-form" onSubmit={save} data-testid={`env-form-${environment}`}>
      <div className="form-grid">
        <InputField
          label="API base URL"
          wide
          id={`${idPrefix}-url`}
          type="url"
          value={baseUrl}
          placeholder="https://…/xml.response"
          onChange={setBaseUrl}
          testId="env-base-url"
        />
        <InputField
          label="API user"
          value={apiUser}
          maxLength={20}
          autoComplete="off"
          onChange={setApiUser}
          testId="env-api-user"
        />
        <InputField
          label="Username"
          value={userName}
          maxLength={20}
          autoComplete="off"
          placeholder={apiUser}
          onChange={setUserName}
          testId="env-user-name"
        />
        <InputField
          label="Client IP (whitelisted at Wvphost)"
          value={clientIp}
          placeholder="203.0.113.7"
          onChange={setClientIp}
          testId="env-client-ip"
        />
        <InputField label="Rate budget" value={rateBudget} onChange={setRateBudget} testId="env-rate-budget" />
        <InputField
          label="API key"
          wide
          hintTestId="env-key-note"
          hint={
            hasKey
              ? '✓ Saved in the OS keychain. Leave empty to keep it; it is never shown again.'
              : 'Kept in the OS keychain, never in files; it is never shown again.'
          }
          type="password"
          value={apiKey}
          autoComplete="new-password"
          placeholder={hasKey ? 'Saved in the keychain — type to replace' : 'Paste the API key'}
          onChange={setApiKey}
          testId="env-api-key"
          disabled={!keychainAvailable}
        />
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
      <FormMessage message={message} testId="env-message" />
    </form>
  );
}
