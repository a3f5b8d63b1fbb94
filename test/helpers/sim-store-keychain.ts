/**
 * What the end-to-end-ish integration tests start with: a real simulator, a real data store in a
 * temp folder and a keychain service of their own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ENVIRONMENT_IDS } from '../../main/domain/service.ts';
import type { KeytarSecretStore } from '../../main/secrets/keytar-secret-store.ts';
import { openDataStore } from '../../main/store/open-data-store.ts';
import type { DataStore } from '../../main/store/types.ts';
import { startSimulator } from '../../sim/index.ts';
import type { Simulator, SimulatorOptions } from '../../sim/types.ts';
import { testKeychain } from './test-keychain.ts';

export interface SimStoreKeychain {
  readonly sim: Simulator;
  /** The temp folder holding everything; `dataDir` is inside it. Put other test files here too. */
  readonly dir: string;
  readonly dataDir: string;
  readonly store: DataStore;
  readonly service: string;
  readonly secrets: KeytarSecretStore;
  /** Closes the simulator, forgets the simulator user's keys in every environment, removes `dir`. */
  dispose(): Promise<void>;
}

export async function startSimStoreKeychain(options: {
  /** Names the temp folder and the keychain service. */
  readonly area: string;
  readonly simulator: SimulatorOptions;
  /** Whether the CLI (building its own KeytarSecretStore) must use this test's keychain service. */
  readonly shareKeychainWithCli?: boolean;
}): Promise<SimStoreKeychain> {
  const { service, secrets } = testKeychain(options.area, { shareWithCli: options.shareKeychainWithCli === true });
  const dir = await mkdtemp(path.join(os.tmpdir(), `wvp-${options.area}-`));
  const dataDir = path.join(dir, 'data');
  const sim = await startSimulator(options.simulator);
  return {
    sim,
    dir,
    dataDir,
    store: openDataStore({ dataDir }),
    service,
    secrets,
    async dispose() {
      await sim.close();
      for (const environment of ENVIRONMENT_IDS) await secrets.deleteApiKey(environment, sim.credentials.apiUser);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
