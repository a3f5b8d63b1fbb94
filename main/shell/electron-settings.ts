/**
 * settings.json through electron-store, constructed with exactly the core's conf options.
 *
 * The core (main/store) reads and writes the same file with conf; electron-store extends conf, so
 * both share one schema, one set of migrations and one layout, and the core notices the shell's
 * writes by the file's stamp. The shell uses it for what only the shell knows: the window bounds.
 */
import ElectronStore from 'electron-store';
import { ipcMain } from 'electron';
import { settingsStoreOptions, type SettingsFile } from '../store/store-options.ts';
import type { WindowBounds } from '../settings/types.ts';

export interface WindowBoundsStore {
  get(): WindowBounds | null;
  set(bounds: WindowBounds): void;
}

export function openWindowBoundsStore(dataDir: string): WindowBoundsStore {
  // electron-store takes the file name as `name` (it overwrites `configName` with it).
  const options = { ...settingsStoreOptions, name: settingsStoreOptions.configName, cwd: dataDir };
  const store = new ElectronStore<SettingsFile>(options as ConstructorParameters<typeof ElectronStore<SettingsFile>>[0]);
  // electron-store answers a synchronous 'electron-store-get-data' IPC message for renderer-side
  // stores; this app has none, and every IPC channel it listens on must be sender-checked.
  ipcMain.removeAllListeners('electron-store-get-data');
  return {
    get: () => store.get('window') ?? null,
    set: (bounds) => store.set('window', bounds),
  };
}
