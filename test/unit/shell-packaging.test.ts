/**
 * electron-builder.yml is valid for the installed electron-builder and packages what the brief
 * asks for; the icon is a real 512×512 PNG.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// electron-builder's own YAML parser and schema validator (dependencies of electron-builder).
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  asarUnpack: string[];
  files: string[];
  icon: string;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  electronFuses: Record<string, boolean>;
}

async function config(): Promise<BuilderConfig> {
  return yaml.load(await readFile(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as BuilderConfig;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(validateConfiguration(await config(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and builds AppImage + deb, NSIS and dmg', async () => {
    const builder = await config();
    expect(builder).toMatchObject({ appId: 'com.wvphost.admin', productName: 'Wvphost Admin', icon: 'build/icon.png', asar: true });
    expect(builder.linux.target).toEqual(['AppImage', 'deb']);
    expect(builder.win.target).toEqual(['nsis']);
    expect(builder.mac.target).toEqual(['dmg']);
    expect(builder.files).toContain('out/**');
  });

  it('unpacks keytar from the asar and flips the hardening fuses', async () => {
    const builder = await config();
    expect(builder.asarUnpack).toContain('**/node_modules/keytar/**');
    expect(builder.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false });
  });

  it('ships a 512×512 PNG icon', async () => {
    const png = await readFile(new URL('../../build/icon.png', import.meta.url));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
