/**
 * The one entry point from the untrusted renderer into the core: validate, run, wrap.
 *
 * The shell's ipcMain registration and the end-to-end tests' Chromium bridge both call the
 * dispatcher, so what the UI sees in tests is exactly what it sees in the app. An unknown channel
 * or an argument that does not match the channel's schema never reaches a handler; every failure
 * comes back as an `ApiResult` with a typed, user-readable, secret-free `ApiErrorPayload`.
 */
import { INVOKE_CHANNELS, type ApiResult, type InvokeChannel } from '../../preload/api.ts';
import { toErrorPayload } from './error-payload.ts';
import { REQUEST_SCHEMAS } from './request-schemas.ts';
import type { Handlers } from './types.ts';

export type Dispatcher = (channel: string, argument: unknown) => Promise<ApiResult<unknown>>;

export interface DispatcherOptions {
  /** Secrets to scrub from error messages (e.g. the API keys the core has read); called per failure. */
  readonly knownSecrets?: () => Iterable<string>;
}

const CHANNELS: ReadonlySet<string> = new Set(INVOKE_CHANNELS);

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && CHANNELS.has(channel);
}

/** Builds the dispatcher over `handlers` (from `createAppCore`). */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatcher {
  // Keys that came in through `environment:save` are scrubbed even if the core never reports them.
  const seenKeys = new Set<string>();
  const secrets = (): Iterable<string> => [...seenKeys, ...(options.knownSecrets?.() ?? [])];

  return async (channel, argument) => {
    if (!isInvokeChannel(channel)) {
      return {
        ok: false,
        error: {
          code: 'invalid-request',
          message: 'The window asked for something the app does not offer. Restart the app if this repeats.',
          detail: `unknown channel ${JSON.stringify(String(channel).slice(0, 80))}`,
        },
      };
    }
    const parsed = REQUEST_SCHEMAS[channel].safeParse(argument);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue === undefined || issue.path.length === 0 ? '(argument)' : issue.path.map(String).join('.');
      return {
        ok: false,
        error: {
          code: 'invalid-request',
          message: `The request "${channel}" was malformed (${path}: ${issue?.message ?? 'invalid'}), so the app ignored it.`,
          detail: path,
        },
      };
    }
    const request: unknown = parsed.data;
    if (channel === 'environment:save' && typeof parsed.data === 'object' && parsed.data !== null && 'apiKey' in parsed.data) {
      const apiKey = parsed.data.apiKey;
      if (typeof apiKey === 'string') seenKeys.add(apiKey);
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      const value = await handler(request);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error, secrets()) };
    }
  };
}
