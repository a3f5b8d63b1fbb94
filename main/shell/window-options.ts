/**
 * The main window's constructor options: the Electron security checklist, applied in full.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowBounds } from '../settings/types.ts';

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 900, height: 560 } as const;

/** Options of the one BrowserWindow; `bounds` is the remembered size and place (null at first start). */
export function mainWindowOptions(options: {
  readonly preloadPath: string;
  readonly bounds: WindowBounds | null;
  readonly backgroundColor: string;
}): BrowserWindowConstructorOptions {
  const { bounds } = options;
  return {
    width: Math.max(bounds?.width ?? DEFAULT_WINDOW_SIZE.width, MIN_WINDOW_SIZE.width),
    height: Math.max(bounds?.height ?? DEFAULT_WINDOW_SIZE.height, MIN_WINDOW_SIZE.height),
    ...(bounds?.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Wvphost Admin',
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    backgroundColor: options.backgroundColor,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}
