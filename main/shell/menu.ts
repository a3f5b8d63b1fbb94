/**
 * The application menu, with the shortcuts staff use all day.
 *
 * Sync, search, export and settings are renderer features, so the menu only sends a
 * 'menu:command' event; the renderer decides what the command means on the current screen.
 * There is no Reload item: Ctrl/Cmd+R means "sync" here, and a reload would lose the UI state.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../preload/api.ts';

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  readonly send: (command: MenuCommand) => void;
  readonly openHelp: () => void;
  /** Developer tools only in development builds. */
  readonly development: boolean;
}

/** The accelerator of each menu command (Electron's `CmdOrCtrl` is Cmd on macOS, Ctrl elsewhere). */
export const MENU_ACCELERATORS: Readonly<Record<MenuCommand, string>> = {
  sync: 'CmdOrCtrl+R',
  'focus-search': 'CmdOrCtrl+F',
  export: 'CmdOrCtrl+E',
  settings: 'CmdOrCtrl+,',
};

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const command = (label: string, which: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator: MENU_ACCELERATORS[which],
    click: () => options.send(which),
  });
  const settings = command(isMac ? 'Settings…' : '&Settings…', 'settings');

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: isMac ? 'File' : '&File',
    submenu: [
      command('Sync Now', 'sync'),
      command('Export Report…', 'export'),
      ...(isMac ? [] : [{ type: 'separator' } as const, settings, { type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  });
  template.push({
    label: isMac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      command('Find…', 'focus-search'),
    ],
  });
  template.push({
    label: isMac ? 'View' : '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.development ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  });
  template.push({ role: 'windowMenu' });
  template.push({
    role: 'help',
    submenu: [{ label: 'Wvphost SSL Help', click: options.openHelp }],
  });
  return template;
}
