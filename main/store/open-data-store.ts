import fs from 'node:fs';
import path from 'node:path';
import { ENVIRONMENT_IDS } from '../domain/service.ts';
import { ConfCacheStore } from './cache-store.ts';
import { removeStaleTempFiles } from './damaged-file.ts';
import { ConfHistoryStore } from './history-store.ts';
import { FileMaterialStore } from './material-store.ts';
import { ConfSettingsStore } from './settings-store.ts';
import { materialFolder } from './store-options.ts';
import type { DataStore } from './types.ts';

/**
 * Opens everything the core persists under one data folder (created if missing).
 *
 * Settings are opened (and migrated) at once; each environment's cache and history are opened on
 * first use, so a 10,000-certificate production cache costs nothing to a `login` command.
 * `openingWarnings` is a live list: a damaged file found later (e.g. a cache on first read) is
 * added to it when found. Files are set aside as `<name>.damaged-<time>`, never deleted.
 */
export function openDataStore(options: { readonly dataDir: string }): DataStore {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  removeStaleTempFiles(dataDir);
  for (const environment of ENVIRONMENT_IDS) removeStaleTempFiles(path.join(dataDir, materialFolder(environment)));
  const warnings: string[] = [];
  return {
    dataDir,
    settings: new ConfSettingsStore(dataDir, warnings),
    cache: new ConfCacheStore(dataDir, warnings),
    history: new ConfHistoryStore(dataDir, warnings),
    material: new FileMaterialStore(dataDir, warnings),
    openingWarnings: warnings,
  };
}
