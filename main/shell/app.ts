/**
 * The desktop app's lifecycle: single instance, custom protocol, CSP, IPC, menu, the one window.
 *
 * Thin on purpose: everything with logic lives in the environment-free core (main/ipc/app-core.ts
 * builds the handlers) or in the small shell modules beside this one, which are tested with a
 * mocked Electron.
 */
import { join } from 'node:path';
import { Menu, app, dialog, ipcMain, screen, session, type BrowserWindow, type WebContents } from 'electron';
import type { EventChannel, EventChannels } from '../../preload/api.ts';
import { createAppCore, type AppCore } from '../ipc/app-core.ts';
import { createDispatcher } from '../ipc/dispatch.ts';
import { KeytarSecretStore } from '../secrets/keytar-secret-store.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { openWindowBoundsStore } from './electron-settings.ts';
import { registerIpcHandlers } from './ipc-registration.ts';
import { buildMenuTemplate } from './menu.ts';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY } from './security-policy.ts';
import { createShellServices } from './shell-services.ts';
import { restorableBounds } from './window-bounds.ts';
import { createMainWindow, openExternalIfAllowed } from './window.ts';

export const APP_USER_MODEL_ID = 'com.wvphost.admin';
const HELP_URL = 'https://www.wvphost.com/support/knowledgebase';

export interface StartAppOptions {
  /** Folder of the built main bundle (out/main); preload and renderer sit beside it. */
  readonly mainDir: string;
  /**
   * The renderer's dev server; default: electron-vite's ELECTRON_RENDERER_URL when not packaged,
   * else null (production always loads app://).
   */
  readonly devServerUrl?: string | null;
  /** Data folder override (tests); default `app.getPath('userData')`. */
  readonly dataDir?: string;
  /** Keychain service override (tests); default "wvphost-admin". */
  readonly keychainService?: string;
}

/** What a started app exposes (for tests and for a clean quit). */
export interface RunningApp {
  readonly ready: Promise<void>;
  window(): BrowserWindow | null;
  core(): AppCore | null;
}

/**
 * Starts the app, or hands over to the instance already running.
 *
 * A second instance would open a second writer of the same data files and a second daily
 * schedule; instead it quits and the first one comes to the front.
 */
export function startApp(options: StartAppOptions): RunningApp {
  let window: BrowserWindow | null = null;
  let core: AppCore | null = null;
  const devServerUrl = options.devServerUrl !== undefined ? options.devServerUrl : defaultDevServerUrl();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { ready: Promise.resolve(), window: () => null, core: () => null };
  }
  // Every renderer sandboxed, whatever a window's options say (defence in depth).
  app.enableSandbox();
  registerAppScheme();
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  const focusWindow = (): void => {
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  app.on('second-instance', focusWindow);

  const send = <E extends EventChannel>(channel: E, payload: EventChannels[E]): void => {
    const contents: WebContents | undefined = window?.webContents;
    if (contents !== undefined && !contents.isDestroyed()) contents.send(channel, payload);
  };

  const ready = app.whenReady().then(async () => {
    const dataDir = options.dataDir ?? app.getPath('userData');
    serveRenderer(join(options.mainDir, '../renderer'));
    // The app:// responses carry the CSP already; this covers the dev server's responses too.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });

    try {
      core = await createAppCore({
        dataDir,
        secrets: new KeytarSecretStore(options.keychainService === undefined ? {} : { service: options.keychainService }),
        shell: createShellServices(() => window),
        emit: send,
        appVersion: app.getVersion(),
        schedule: true,
      });
    } catch (error) {
      dialog.showErrorBox(
        'Wvphost Admin could not start',
        `${error instanceof Error ? error.message : String(error)}\n\nData folder: ${dataDir}`,
      );
      app.quit();
      return;
    }
    const running = core;
    registerIpcHandlers(ipcMain, createDispatcher(running.handlers, { knownSecrets: () => running.knownSecrets() }), {
      trustedContents: () => window?.webContents ?? null,
      devServerUrl,
    });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          appName: app.getName(),
          send: (command) => send('menu:command', command),
          openHelp: () => openExternalIfAllowed(HELP_URL),
          development: devServerUrl !== null,
        }),
      ),
    );

    const bounds = openWindowBoundsStore(dataDir);
    const openWindow = (): void => {
      window = createMainWindow({
        preloadPath: join(options.mainDir, '../preload/index.cjs'),
        bounds: restorableBounds(
          bounds.get(),
          screen.getAllDisplays().map((display) => display.workArea),
        ),
        entryUrl: devServerUrl ?? APP_ENTRY_URL,
        devServerUrl,
        backgroundColor: '#1e1f24',
        onBoundsChanged: (next) => bounds.set(next),
      });
      window.on('closed', () => {
        window = null;
      });
    };
    openWindow();
    // macOS: clicking the dock icon with no window open opens one again.
    app.on('activate', () => {
      if (window === null) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || core === null) return;
    // Let a running sync record its outcome and the demo simulator close before the process ends.
    event.preventDefault();
    const closing = core;
    core = null;
    void closing
      .dispose()
      .catch((error: unknown) => console.error('Shutting down cleanly failed:', error instanceof Error ? error.message : String(error)))
      .finally(() => {
        disposed = true;
        app.quit();
      });
  });

  return { ready, window: () => window, core: () => core };
}

function defaultDevServerUrl(): string | null {
  const url = process.env['ELECTRON_RENDERER_URL'];
  return !app.isPackaged && url !== undefined && url !== '' ? url : null;
}
