import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../main/store/data-dir.ts';

describe('defaultDataDir (Electron userData for productName "Wvphost Admin")', () => {
  it('uses $XDG_CONFIG_HOME on Linux when it is absolute', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ann')).toBe('/xdg/Wvphost Admin');
  });

  it('falls back to ~/.config on Linux (unset or relative XDG_CONFIG_HOME)', () => {
    expect(defaultDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.config/Wvphost Admin');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/ann')).toBe('/home/ann/.config/Wvphost Admin');
  });

  it('uses ~/Library/Application Support on macOS', () => {
    expect(defaultDataDir('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Wvphost Admin');
  });

  it('uses %APPDATA% on Windows', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Wvphost Admin',
    );
  });
});
