/**
 * Creates the one main window and locks down what its page may do.
 *
 * Navigation away from the app, new windows, `<webview>` and every permission request are
 * denied; links to allow-listed provider pages open in the OS browser instead.
 */
import { BrowserWindow, shell, type Event, type WebContents } from 'electron';
import type { WindowBounds } from '../settings/types.ts';
import { isAllowedExternalUrl, isAppUrl } from './security-policy.ts';
import { mainWindowOptions } from './window-options.ts';
import { boundsToRemember } from './window-bounds.ts';

export interface MainWindowOptions {
  readonly preloadPath: string;
  /** Remembered bounds, already checked against the current displays. */
  readonly bounds: WindowBounds | null;
  /** `app://wvphost/index.html`, or the dev server's URL in development. */
  readonly entryUrl: string;
  /** The dev server's URL when not packaged; null in production. */
  readonly devServerUrl: string | null;
  readonly backgroundColor: string;
  /** Called with the bounds to remember when the window closes. */
  readonly onBoundsChanged: (bounds: WindowBounds) => void;
}

/** Opens `url` in the OS browser when it is allow-listed; everything else is ignored. */
export function openExternalIfAllowed(url: string): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  // No browser registered, or the OS refused: nothing to show in the window, but never an unhandled rejection.
  shell.openExternal(url).catch((error: unknown) => {
    console.error(`Could not open ${url} in the browser:`, error instanceof Error ? error.message : String(error));
  });
  return true;
}

/** Installs the navigation, new-window, webview and permission guards on a window's contents. */
export function lockDownContents(contents: WebContents, devServerUrl: string | null): void {
  const denyNavigation = (event: Event, url: string): void => {
    // Even same-origin navigations are refused: the renderer is a single page and never reloads itself.
    event.preventDefault();
    if (!isAppUrl(url, devServerUrl)) openExternalIfAllowed(url);
  };
  contents.on('will-navigate', denyNavigation);
  contents.on('will-redirect', denyNavigation);
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}

/** Creates, guards and loads the main window; shows it once the first frame is ready. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options));
  lockDownContents(window.webContents, options.devServerUrl);
  window.once('ready-to-show', () => {
    if (options.bounds?.maximized === true) window.maximize();
    window.show();
  });
  window.on('close', () => {
    options.onBoundsChanged(boundsToRemember(window.getNormalBounds(), window.isMaximized()));
  });
  void window.loadURL(options.entryUrl);
  return window;
}
