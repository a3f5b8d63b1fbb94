import os from 'node:os';
import path from 'node:path';

/** The product name Electron uses for the user-data folder (package.json `productName`). */
export const PRODUCT_NAME = 'Wvphost Admin';

/**
 * The folder Electron's `app.getPath('userData')` gives the desktop app, computed without Electron.
 *
 * The CLI and the app share it so that `wvphost-admin sync` fills the cache the app shows:
 * Linux `$XDG_CONFIG_HOME/Wvphost Admin` (default `~/.config/Wvphost Admin`), macOS
 * `~/Library/Application Support/Wvphost Admin`, Windows `%APPDATA%\Wvphost Admin`.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  switch (platform) {
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    case 'win32':
      return path.win32.join(env['APPDATA'] ?? path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    default: {
      const configHome = env['XDG_CONFIG_HOME'];
      // Electron (like the XDG spec) ignores a relative XDG_CONFIG_HOME.
      const base = configHome !== undefined && path.isAbsolute(configHome) ? configHome : path.posix.join(home, '.config');
      return path.posix.join(base, PRODUCT_NAME);
    }
  }
}
