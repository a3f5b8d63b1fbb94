/**
 * What the sync, services and demo commands share: the data folder, the environment, the connection.
 */
import type { Command } from 'commander';
import { ENVIRONMENT_IDS, type EnvironmentId } from '../domain/service.ts';
import { connectEnvironment, type Connection } from '../environments/connect.ts';
import { stopDemoSimulator } from '../environments/demo-simulator.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { KeytarSecretStore } from '../secrets/keytar-secret-store.ts';
import { defaultDataDir } from '../store/data-dir.ts';
import { openDataStore } from '../store/open-data-store.ts';
import type { DataStore } from '../store/types.ts';
import { CliError, type CliIo, type GlobalOptions } from './types.ts';

export const USAGE_EXIT_CODE = 2;

/** The global options of a command, with the data folder resolved to the app's default. */
export function globalsOf(command: Command): GlobalOptions & { readonly dataDir: string } {
  const globals = command.optsWithGlobals<GlobalOptions>();
  return { ...globals, dataDir: globals.dataDir ?? defaultDataDir() };
}

/** Opens the data folder and prints any problem found while opening (a damaged file set aside). */
export function openStore(dataDir: string, io: CliIo): DataStore {
  const store = openDataStore({ dataDir });
  for (const warning of store.openingWarnings) io.stderr(`warning: ${warning}\n`);
  return store;
}

/** `--env`, else the settings' active environment, else a usage error. */
export function chooseEnvironment(store: DataStore, requested: EnvironmentId | undefined): EnvironmentId {
  if (requested !== undefined) {
    if (!(ENVIRONMENT_IDS as readonly string[]).includes(requested)) {
      throw new CliError(
        `--env must be one of ${ENVIRONMENT_IDS.join(', ')}, not "${String(requested)}".`,
        USAGE_EXIT_CODE,
      );
    }
    return requested;
  }
  const active = store.settings.get().activeEnvironment;
  if (active === null) {
    throw new CliError(
      `No environment is chosen yet: pass --env ${ENVIRONMENT_IDS.join('|')}, or sign in first (wvphost-admin login --env production --api-user <user>).`,
      USAGE_EXIT_CODE,
    );
  }
  return active;
}

/**
 * Connects, runs `work`, and releases the connection (and the demo simulator) whatever happens.
 *
 * Connection failures (not signed in, no keychain) become CLI errors with their own sentence.
 */
export async function withConnection<T>(
  store: DataStore,
  environment: EnvironmentId,
  work: (connection: Connection) => Promise<T>,
  secrets: SecretStore = environment === 'demo' ? DEMO_SECRETS : new KeytarSecretStore(),
): Promise<T> {
  let connection: Connection;
  try {
    connection = await connectEnvironment(store, secrets, environment);
  } catch (error) {
    if (environment === 'demo') await stopDemoSimulator();
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  try {
    return await work(connection);
  } finally {
    await connection.close();
    // The embedded simulator is an HTTP server: left running, it would keep the process alive.
    if (environment === 'demo') await stopDemoSimulator();
  }
}

/**
 * The demo environment uses the simulator's fixed, public credentials and never the keychain,
 * so `demo` also works on a machine without a desktop keyring.
 */
const DEMO_SECRETS: SecretStore = {
  getApiKey: () => Promise.resolve(null),
  setApiKey: () => Promise.reject(new Error('The demo environment keeps no API key.')),
  deleteApiKey: () => Promise.resolve(false),
};
