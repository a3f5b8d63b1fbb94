/**
 * The desktop shell started against a mocked Electron, with the real core behind it (real store
 * in a temp folder, real keychain): single instance, window checklist, CSP, IPC registration with
 * sender checks and argument validation, menu, remembered window size.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../helpers/shell-electron-mock.ts')).electronModule());
vi.mock('electron-store', async () => (await import('../helpers/shell-electron-mock.ts')).electronStoreModule());

import { INVOKE_CHANNELS, type ApiResult } from '../../preload/api.ts';
import { startApp, type RunningApp } from '../../main/shell/app.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/shell/security-policy.ts';
import { MENU_ACCELERATORS } from '../../main/shell/menu.ts';
import { electronMock, invokeEvent, resetElectronMock, type FakeBrowserWindow } from '../helpers/shell-electron-mock.ts';
import { MALFORMED_REQUESTS, VALID_REQUESTS } from '../helpers/ipc-sample-requests.ts';
import { SECURE_WEB_PREFERENCES } from '../helpers/shell-window-expectations.ts';
import { testKeychain } from '../helpers/test-keychain.ts';

const APP_PAGE = 'app://wvphost/index.html';

let dataDir: string;
let running: RunningApp | null = null;
const { service: keychainService, secrets } = testKeychain('shell');

beforeEach(async () => {
  resetElectronMock();
  dataDir = await mkdtemp(join(tmpdir(), 'wvphost-shell-'));
  electronMock.state.userData = dataDir;
});

afterEach(async () => {
  await running?.core()?.dispose();
  running = null;
  await secrets.deleteApiKey('sandbox', 'alice').catch(() => false);
  await rm(dataDir, { recursive: true, force: true });
});

async function started(): Promise<{ app: RunningApp; window: FakeBrowserWindow }> {
  running = startApp({ mainDir: join(dataDir, 'out', 'main'), devServerUrl: null, keychainService });
  await running.ready;
  const window = electronMock.state.windows[0];
  if (window === undefined) throw new Error('no window was created');
  return { app: running, window };
}

function handler(channel: string) {
  const registered = electronMock.state.invokeHandlers.get(channel);
  if (registered === undefined) throw new Error(`${channel} is not registered`);
  return registered;
}

describe('startApp', () => {
  it('quits at once when another instance holds the lock, creating nothing', () => {
    electronMock.state.singleInstanceLock = false;
    expect(() => startApp({ mainDir: dataDir, devServerUrl: null })).toThrow('app.quit() was called');
    expect(electronMock.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(electronMock.state.windows).toHaveLength(0);
    expect(electronMock.state.invokeHandlers.size).toBe(0);
  });

  it('brings the running window to the front when a second instance starts', async () => {
    const { window } = await started();
    window.minimized = true;
    electronMock.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('opens one window with the full security checklist, loaded over app:// with the preload', async () => {
    const { window } = await started();
    expect(electronMock.state.windows).toHaveLength(1);
    expect(electronMock.app.enableSandbox).toHaveBeenCalled();
    expect(window.options.webPreferences).toMatchObject({
      ...SECURE_WEB_PREFERENCES,
      preload: join(dataDir, 'out', 'preload', 'index.cjs'),
    });
    expect(window.options.webPreferences).not.toHaveProperty('enableRemoteModule');
    expect(window.loadURL).toHaveBeenCalledWith(APP_PAGE);
    expect(electronMock.state.privilegedSchemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(electronMock.state.protocolHandlers.has('app')).toBe(true);
  });

  it('adds the strict CSP to every response header', async () => {
    await started();
    const listener = electronMock.state.headersListener;
    expect(listener).not.toBeNull();
    let headers: Record<string, string[] | string> | undefined;
    listener?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => {
      headers = response.responseHeaders;
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('registers every contract channel, and only those', async () => {
    await started();
    expect([...electronMock.state.invokeHandlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('refuses every channel from a foreign sender, a foreign page or a subframe', async () => {
    const { window } = await started();
    const stranger = new electronMock.BrowserWindow({});
    for (const channel of INVOKE_CHANNELS) {
      const events = [
        invokeEvent(stranger.webContents, APP_PAGE),
        invokeEvent(window.webContents, 'https://evil.example/index.html'),
        invokeEvent(window.webContents, 'file:///etc/passwd'),
        invokeEvent(window.webContents, APP_PAGE, { subframe: true }),
      ];
      for (const event of events) {
        const result = (await handler(channel)(event, undefined)) as ApiResult<unknown>;
        expect(result, channel).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden-sender' }) });
      }
    }
  });

  it('rejects malformed arguments on every channel from our own window', async () => {
    const { window } = await started();
    for (const channel of INVOKE_CHANNELS) {
      const result = (await handler(channel)(invokeEvent(window.webContents, APP_PAGE), MALFORMED_REQUESTS[channel])) as ApiResult<unknown>;
      expect(result, channel).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid-request' }) });
    }
    const extra = (await handler('services:list')(invokeEvent(window.webContents, APP_PAGE), undefined, 'more')) as ApiResult<unknown>;
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('answers our own window through the real core, without any API key in the state', async () => {
    const { window } = await started();
    const own = invokeEvent(window.webContents, APP_PAGE);
    const saved = (await handler('environment:save')(own, {
      ...VALID_REQUESTS['environment:save'],
      apiKey: 'shell-test-key-0123456789',
    })) as ApiResult<{ environments: { id: string; hasApiKey: boolean }[]; appVersion: string; activeEnvironment: string | null }>;
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.value.environments.find((environment) => environment.id === 'sandbox')?.hasApiKey).toBe(true);
    expect(saved.value.activeEnvironment).toBe('sandbox');
    expect(saved.value.appVersion).toBe('9.9.9-test');
    expect(JSON.stringify(saved)).not.toContain('shell-test-key-0123456789');
    const state = (await handler('app:getState')(own, undefined)) as ApiResult<unknown>;
    expect(JSON.stringify(state)).not.toContain('shell-test-key-0123456789');
  });

  it('sends menu commands to the window with the usual accelerators', async () => {
    const { window } = await started();
    const items = (electronMock.state.menuTemplate ?? []).flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []));
    const byAccelerator = new Map(items.filter((item) => item.accelerator !== undefined).map((item) => [item.accelerator, item]));
    expect([...byAccelerator.keys()]).toEqual(expect.arrayContaining(['CmdOrCtrl+R', 'CmdOrCtrl+F', 'CmdOrCtrl+E', 'CmdOrCtrl+,']));
    for (const [command, accelerator] of Object.entries(MENU_ACCELERATORS)) {
      const item = byAccelerator.get(accelerator);
      (item?.click as (() => void) | undefined)?.();
      expect(window.webContents.send).toHaveBeenLastCalledWith('menu:command', command);
    }
    expect(items.some((item) => item.role === 'reload' || item.role === 'forceReload')).toBe(false);
  });

  it('remembers the window size in settings.json through electron-store', async () => {
    const { window } = await started();
    window.maximized = true;
    window.emit('close');
    const settings = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as { window: unknown };
    expect(settings.window).toEqual({ x: 40, y: 30, width: 1111, height: 777, maximized: true });
    // The core reads the same file: the bounds are there, and they never reach the renderer.
    const state = (await handler('app:getState')(invokeEvent(window.webContents, APP_PAGE), undefined)) as ApiResult<{ settings: object }>;
    expect(state.ok && 'window' in state.value.settings).toBe(false);
  });

  it('opens the next window at the remembered size', async () => {
    const first = await started();
    first.window.emit('close');
    await first.app.core()?.dispose();
    running = null;
    resetElectronMock();
    electronMock.state.userData = dataDir;
    const second = await started();
    expect(second.window.options).toMatchObject({ width: 1111, height: 777, x: 40, y: 30 });
  });
});
