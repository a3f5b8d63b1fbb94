/**
 * The dispatcher: schema validation of untrusted arguments, typed error mapping, secret scrubbing.
 */
import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, type ApiResult, type InvokeChannel } from '../../preload/api.ts';
import { createDispatcher } from '../../main/ipc/dispatch.ts';
import { AppError } from '../../main/ipc/app-error.ts';
import { KeychainUnavailableError } from '../../main/secrets/keychain-unavailable-error.ts';
import { CsrTextError } from '../../main/csr/read-csr-text.ts';
import { WvphostError } from '../../main/wvphost/errors.ts';
import { SettingsValidationError } from '../../main/settings/settings-validation-error.ts';
import { ExportError } from '../../main/export/export-error.ts';
import type { Handlers } from '../../main/ipc/types.ts';
import { MALFORMED_REQUESTS, VALID_REQUESTS } from '../helpers/ipc-sample-requests.ts';

/** Handlers that record what reached them and answer with the channel name. */
function recordingHandlers(calls: { channel: string; request: unknown }[], fail?: (channel: InvokeChannel) => unknown): Handlers {
  const entries = INVOKE_CHANNELS.map((channel) => [
    channel,
    async (request: unknown) => {
      calls.push({ channel, request });
      const failure = fail?.(channel);
      if (failure !== undefined) throw failure;
      return `reply:${channel}`;
    },
  ]);
  return Object.fromEntries(entries) as unknown as Handlers;
}

function errorOf(result: ApiResult<unknown>): { code: string; message: string; detail?: string } {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('createDispatcher', () => {
  it('runs every channel with a well-formed argument and wraps the reply', async () => {
    const calls: { channel: string; request: unknown }[] = [];
    const dispatch = createDispatcher(recordingHandlers(calls));
    for (const channel of INVOKE_CHANNELS) {
      const result = await dispatch(channel, VALID_REQUESTS[channel]);
      expect(result, channel).toEqual({ ok: true, value: `reply:${channel}` });
    }
    expect(calls.map((call) => call.channel)).toEqual([...INVOKE_CHANNELS]);
    expect(calls.find((call) => call.channel === 'export:certificate')?.request).toEqual({ certificateId: 101, serverType: 'nginx' });
  });

  it('rejects a malformed argument on every channel before any handler runs', async () => {
    const calls: { channel: string; request: unknown }[] = [];
    const dispatch = createDispatcher(recordingHandlers(calls));
    for (const channel of INVOKE_CHANNELS) {
      const error = errorOf(await dispatch(channel, MALFORMED_REQUESTS[channel]));
      expect(error.code, channel).toBe('invalid-request');
      expect(error.message, channel).toContain(channel);
    }
    expect(calls).toEqual([]);
  });

  it('rejects unknown channels, prototype keys and non-string channels', async () => {
    const calls: { channel: string; request: unknown }[] = [];
    const dispatch = createDispatcher(recordingHandlers(calls));
    for (const channel of ['fs:readFile', '__proto__', 'constructor', 'toString', '', 42 as unknown as string]) {
      const error = errorOf(await dispatch(channel, undefined));
      expect(error.code).toBe('invalid-request');
      expect(error.detail).toMatch(/^unknown channel/);
    }
    expect(calls).toEqual([]);
  });

  it('names the offending field of a malformed argument', async () => {
    const dispatch = createDispatcher(recordingHandlers([]));
    const error = errorOf(await dispatch('reissue:submit', { ...VALID_REQUESTS['reissue:submit'], dcv: { kind: 'email', approverEmail: 5 } }));
    expect(error.detail).toBe('dcv.approverEmail');
    const extra = errorOf(await dispatch('services:detail', { certificateId: 1, evil: true }));
    expect(extra.code).toBe('invalid-request');
  });

  it('maps the core errors to typed payloads', async () => {
    const wvphost = new WvphostError('ip-not-whitelisted', 'Wvphost refused the request IP 198.51.100.4: add it to the whitelist.', {
      numbers: [1011150],
      apiMessages: ['Invalid request IP: 198.51.100.4'],
      clientIp: '198.51.100.4',
    });
    const settings = new SettingsValidationError('dailySyncTime', 'The daily sync time must look like 06:30.');
    const exportError = new ExportError('exists', 'The file exists.');
    const fsError = Object.assign(new Error("EACCES: permission denied, open '/root/x.zip'"), { code: 'EACCES' });
    const failures: Partial<Record<InvokeChannel, unknown>> = {
      'sync:start': wvphost,
      'settings:update': settings,
      'app:getState': new KeychainUnavailableError('Cannot autolaunch D-Bus', undefined, 'linux'),
      'services:detail': new AppError('not-found', 'There is no service 101 in the cache. Sync, then try again.'),
      'export:report': exportError,
      'export:certificate': fsError,
      'sync:history': new TypeError('boom'),
      'csr:check': new CsrTextError('This is a private key, not a CSR. Paste the certificate signing request instead.'),
    };
    const dispatch = createDispatcher(recordingHandlers([], (channel) => failures[channel]));
    expect(errorOf(await dispatch('sync:start', undefined))).toEqual({
      code: 'ip-not-whitelisted',
      message: wvphost.message,
      detail: '198.51.100.4',
    });
    expect(errorOf(await dispatch('settings:update', { dailySyncTime: '25:99' }))).toMatchObject({ code: 'invalid-setting', detail: 'dailySyncTime' });
    const keychain = errorOf(await dispatch('app:getState', undefined));
    expect(keychain.code).toBe('keychain-unavailable');
    expect(keychain.message).toContain('gnome-keyring');
    expect(errorOf(await dispatch('services:detail', { certificateId: 101 }))).toEqual({
      code: 'not-found',
      message: 'There is no service 101 in the cache. Sync, then try again.',
    });
    expect(errorOf(await dispatch('export:report', {}))).toMatchObject({ code: 'exists' });
    expect(errorOf(await dispatch('export:certificate', VALID_REQUESTS['export:certificate']))).toMatchObject({ code: 'file-error', detail: 'EACCES' });
    expect(errorOf(await dispatch('sync:history', undefined))).toMatchObject({ code: 'internal', message: 'Something went wrong: boom' });
    expect(errorOf(await dispatch('csr:check', VALID_REQUESTS['csr:check']))).toEqual({
      code: 'csr-unreadable',
      message: 'This is a private key, not a CSR. Paste the certificate signing request instead.',
    });
  });

  it('never lets an API key out in an error message', async () => {
    const savedKey = 'k-0123456789';
    const coreKey = 'prod-key-abcdef0123456789';
    const failures: Partial<Record<InvokeChannel, unknown>> = {
      'environment:save': new Error(`could not store ${savedKey} for alice`),
      'sync:start': new Error(`request failed: https://api.wvphost.com/xml.response?ApiUser=alice&ApiKey=${coreKey}&Command=x`),
      'environment:testConnection': Object.assign(new Error(`bad key ${coreKey}`), { code: 'bad-credentials', detail: `sent ${coreKey}` }),
    };
    const dispatch = createDispatcher(recordingHandlers([], (channel) => failures[channel]), { knownSecrets: () => [coreKey] });
    const replies = [
      await dispatch('environment:save', VALID_REQUESTS['environment:save']),
      await dispatch('sync:start', undefined),
      await dispatch('environment:testConnection', { environment: 'sandbox' }),
    ];
    for (const reply of replies) {
      const text = JSON.stringify(reply);
      expect(reply.ok).toBe(false);
      expect(text).not.toContain(savedKey);
      expect(text).not.toContain(coreKey);
      expect(text).toContain('[redacted]');
    }
  });
});
