import type { Options } from 'conf';
import { DEFAULT_SETTINGS, defaultEnvironmentSettings } from '../settings/defaults.ts';
import type { EnvironmentSettings, Settings } from '../settings/types.ts';
import { validateSettingsPatch } from '../settings/validate-settings.ts';
import { ConfFile } from './conf-file.ts';
import { settingsStoreOptions } from './store-options.ts';
import type { SettingsStore } from './types.ts';

/**
 * settings.json through conf: validated patches, one write per update, migrations on open.
 */
export class ConfSettingsStore implements SettingsStore {
  private readonly file: ConfFile<Settings>;

  constructor(dataDir: string, warnings: string[]) {
    this.file = new ConfFile<Settings>({
      dataDir,
      confOptions: settingsStoreOptions as unknown as Options<Record<string, unknown>> & { configName: string },
      readThroughConf: true,
      normalize: normalizeSettings,
      empty: () => DEFAULT_SETTINGS,
      consequence: 'default settings are used (sign in again, or restore the backup by hand)',
      warnings,
    });
    // Open now: a damaged settings file must be reported when the app starts, not later.
    this.file.read();
  }

  get(): Settings {
    return this.file.read();
  }

  update(patch: Partial<Settings>): Settings {
    const next = validateSettingsPatch(this.file.read(), patch);
    this.file.write({ ...next } as Settings & Record<string, unknown>);
    return next;
  }
}

/** Fills what an older or hand-edited file lacks (conf merges defaults one level deep only). */
function normalizeSettings(raw: Record<string, unknown>): Settings {
  const stored = raw as Partial<Settings>;
  const environments = (stored.environments ?? {}) as Partial<Record<'production' | 'sandbox', EnvironmentSettings>>;
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    environments: {
      production: { ...defaultEnvironmentSettings('production'), ...environments.production },
      sandbox: { ...defaultEnvironmentSettings('sandbox'), ...environments.sandbox },
    },
  };
}
