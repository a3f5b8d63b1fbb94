/**
 * The window's guards and the app:// protocol: navigation and new windows denied, openExternal
 * only for the allow-list, permissions denied, files served only from the renderer folder with the CSP.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../helpers/shell-electron-mock.ts')).electronModule());

import { createMainWindow, lockDownContents } from '../../main/shell/window.ts';
import { mainWindowOptions } from '../../main/shell/window-options.ts';
import { restorableBounds } from '../../main/shell/window-bounds.ts';
import { registerAppScheme, rendererFileFor, rendererResponse, serveRenderer } from '../../main/shell/app-protocol.ts';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isAppUrl } from '../../main/shell/security-policy.ts';
import { buildMenuTemplate } from '../../main/shell/menu.ts';
import { FakeWebContents, electronMock, resetElectronMock } from '../helpers/shell-electron-mock.ts';
import { SECURE_WEB_PREFERENCES } from '../helpers/shell-window-expectations.ts';

beforeEach(() => resetElectronMock());

function navigationEvent(): { preventDefault: ReturnType<typeof vi.fn> } {
  return { preventDefault: vi.fn() };
}

describe('window options', () => {
  it('apply the Electron security checklist in full', () => {
    const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', bounds: null, backgroundColor: '#000' });
    expect(options.webPreferences).toEqual(
      expect.objectContaining({ preload: '/app/out/preload/index.cjs', ...SECURE_WEB_PREFERENCES }),
    );
    expect(options.show).toBe(false);
  });

  it('use the remembered size, but never below the minimum', () => {
    expect(mainWindowOptions({ preloadPath: 'p', bounds: { width: 1500, height: 900, x: 5, y: 6, maximized: false }, backgroundColor: '#000' })).toMatchObject({
      width: 1500,
      height: 900,
      x: 5,
      y: 6,
    });
    expect(mainWindowOptions({ preloadPath: 'p', bounds: { width: 10, height: 10, maximized: false }, backgroundColor: '#000' })).toMatchObject({
      width: 900,
      height: 560,
    });
  });

  it('drop a remembered position that is on no display any more', () => {
    const display = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(restorableBounds({ x: 5000, y: 40, width: 1200, height: 800, maximized: false }, display)).toEqual({ width: 1200, height: 800, maximized: false });
    expect(restorableBounds({ x: 100, y: 40, width: 1200, height: 800, maximized: true }, display)).toEqual({ x: 100, y: 40, width: 1200, height: 800, maximized: true });
    expect(restorableBounds(null, display)).toBeNull();
  });
});

describe('window guards', () => {
  it('deny every navigation, opening only allow-listed links in the OS browser', () => {
    const contents = new FakeWebContents();
    lockDownContents(contents as never, null);
    for (const [url, external] of [
      ['app://wvphost/other.html', false],
      ['https://evil.example/phish', false],
      ['file:///etc/passwd', false],
      ['https://www.wvphost.com/support', true],
    ] as const) {
      const event = navigationEvent();
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
      const redirect = navigationEvent();
      contents.emit('will-redirect', redirect, url);
      expect(redirect.preventDefault, url).toHaveBeenCalled();
      expect(electronMock.shell.openExternal.mock.calls.some(([opened]) => opened === url)).toBe(external);
    }
  });

  it('deny new windows, handing only allow-listed https links to the OS browser', () => {
    const contents = new FakeWebContents();
    lockDownContents(contents as never, null);
    const open = contents.windowOpenHandler;
    expect(open).not.toBeNull();
    expect(open?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'http://www.wvphost.com/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(electronMock.shell.openExternal).not.toHaveBeenCalled();
    expect(open?.({ url: 'https://www.wvphost.com/ssl' })).toEqual({ action: 'deny' });
    expect(electronMock.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://www.wvphost.com/ssl');
  });

  it('deny webviews, subframe navigations and every permission request', () => {
    const contents = new FakeWebContents();
    lockDownContents(contents as never, null);
    const webview = navigationEvent();
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const subframe = { ...navigationEvent(), isMainFrame: false };
    contents.emit('will-frame-navigate', subframe);
    expect(subframe.preventDefault).toHaveBeenCalled();
    const [requestHandler] = contents.session.setPermissionRequestHandler.mock.calls[0] as [(c: unknown, p: string, cb: (ok: boolean) => void) => void];
    const decisions: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) requestHandler(contents, permission, (ok) => decisions.push(ok));
    expect(decisions).toEqual([false, false, false, false]);
    const [checkHandler] = contents.session.setPermissionCheckHandler.mock.calls[0] as [() => boolean];
    expect(checkHandler()).toBe(false);
  });

  it('create the window guarded, show it when ready and report its bounds on close', () => {
    const saved: unknown[] = [];
    const window = createMainWindow({
      preloadPath: '/p.cjs',
      bounds: { width: 1000, height: 700, maximized: true },
      entryUrl: 'app://wvphost/index.html',
      devServerUrl: null,
      backgroundColor: '#111',
      onBoundsChanged: (bounds) => saved.push(bounds),
    }) as unknown as InstanceType<typeof electronMock.BrowserWindow>;
    expect(window.webContents.windowOpenHandler).not.toBeNull();
    expect(window.loadURL).toHaveBeenCalledWith('app://wvphost/index.html');
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.maximize).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    window.emit('close');
    expect(saved).toEqual([{ x: 40, y: 30, width: 1111, height: 777, maximized: false }]);
  });
});

describe('external links and origins', () => {
  it('allow only https pages of the provider', () => {
    expect(isAllowedExternalUrl('https://www.wvphost.com/')).toBe(true);
    expect(isAllowedExternalUrl('https://wvphost.com/ssl/reissue')).toBe(true);
    for (const url of [
      'http://www.wvphost.com/',
      'https://www.wvphost.com.evil.example/',
      'https://evil.example/?https://www.wvphost.com',
      'https://user:pass@www.wvphost.com/',
      'https://www.wvphost.com:8443/',
      'file:///etc/passwd',
      'smb://www.wvphost.com/share',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('recognise the app origin, and the dev server only when given', () => {
    expect(isAppUrl('app://wvphost/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('the app:// protocol', () => {
  let rendererDir: string;
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wvphost-protocol-'));
    rendererDir = join(root, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(root, 'secret.txt'), 'outside the renderer');
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is registered as a standard, secure scheme and handled', () => {
    registerAppScheme();
    serveRenderer(rendererDir);
    expect(electronMock.state.privilegedSchemes[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(electronMock.state.protocolHandlers.has('app')).toBe(true);
  });

  it('serves the renderer files with their type and the CSP', async () => {
    const page = await rendererResponse(new Request('app://wvphost/index.html'), rendererDir);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>x</title>');
    const script = await rendererResponse(new Request('app://wvphost/assets/app.js'), rendererDir);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await rendererResponse(new Request('app://wvphost/'), rendererDir)).status).toBe(200);
  });

  it('refuses paths outside the renderer folder, other hosts and missing files', async () => {
    for (const url of [
      'app://wvphost/%2e%2e/secret.txt',
      'app://wvphost/..%2fsecret.txt',
      'app://wvphost/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://other/index.html',
      'app://wvphost/missing.js',
      'app://wvphost/%00index.html',
    ]) {
      const response = await rendererResponse(new Request(url), rendererDir);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('outside the renderer');
    }
    // The URL parser folds "%2e%2e/" itself; an encoded slash survives it and is caught here.
    expect(rendererFileFor('app://wvphost/%2e%2e/secret.txt', rendererDir)).toBe(join(rendererDir, 'secret.txt'));
    expect(rendererFileFor('app://wvphost/..%2fsecret.txt', rendererDir)).toBeNull();
    expect(rendererFileFor('app://wvphost/assets/..%2f..%2fsecret.txt', rendererDir)).toBeNull();
  });
});

describe('the application menu', () => {
  it('offers sync, search, export and settings by keyboard on Linux, Windows and macOS', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const sent: string[] = [];
      const template = buildMenuTemplate({ platform, appName: 'Wvphost Admin', send: (command) => sent.push(command), openHelp: () => {}, development: false });
      const items = template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []));
      for (const accelerator of ['CmdOrCtrl+R', 'CmdOrCtrl+F', 'CmdOrCtrl+E', 'CmdOrCtrl+,']) {
        const matching = items.filter((item) => item.accelerator === accelerator);
        expect(matching, `${platform} ${accelerator}`).toHaveLength(1);
        (matching[0]?.click as () => void)();
      }
      expect(sent).toEqual(['sync', 'focus-search', 'export', 'settings']);
      expect(items.some((item) => item.role === 'toggleDevTools')).toBe(false);
    }
  });
});
