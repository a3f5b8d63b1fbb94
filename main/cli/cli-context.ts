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

/**
 * `--env`, else the settings' active environment, else a usage error.
 *
 * An unknown `--env` never gets here: the program declares the option's choices, so commander
 * refuses it as a usage error first.
 */
export function chooseEnvironment(store: DataStore, requested: EnvironmentId | undefined): EnvironmentId {
  if (requested !== undefined) return requested;
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
): Promise<T> {
  let connection: Connection;
  try {
    connection = await connectEnvironment(store, secretsFor(environment), environment);
  } catch (error) {
    await releaseConnection(null, environment);
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  try {
    return await work(connection);
  } finally {
    await releaseConnection(connection, environment);
  }
}

/**
 * Like `withConnection`, but a connection that cannot be made is not fatal: `work` gets null
 * (offline) after `onUnavailable` heard why.
 */
export async function withOptionalConnection<T>(
  store: DataStore,
  environment: EnvironmentId,
  onUnavailable: (reason: string, error: unknown) => void,
  work: (connection: Connection | null) => Promise<T>,
): Promise<T> {
  let connection: Connection | null = null;
  try {
    connection = await connectEnvironment(store, secretsFor(environment), environment);
  } catch (error) {
    onUnavailable(error instanceof Error ? error.message : String(error), error);
  }
  try {
    return await work(connection);
  } finally {
    await releaseConnection(connection, environment);
  }
}

async function releaseConnection(connection: Connection | null, environment: EnvironmentId): Promise<void> {
  await connection?.close();
  // The embedded simulator is an HTTP server: left running, it would keep the process alive.
  if (environment === 'demo') await stopDemoSimulator();
}

/** The keychain, except for the demo, whose fixed credentials need none. */
function secretsFor(environment: EnvironmentId): SecretStore {
  return environment === 'demo' ? DEMO_SECRETS : new KeytarSecretStore();
}

/**
 * Runs `work` with a signal that Ctrl-C aborts.
 *
 * Without it SIGINT kills the process mid-way: a sync would not record its cancellation and an
 * export would leave its `.partial` file behind. A second Ctrl-C still ends the process at once.
 */
export async function withInterrupt<T>(reason: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort(new DOMException(reason, 'AbortError'));
  process.once('SIGINT', onInterrupt);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

/** A certificate ID given on the command line; anything else is a usage error (exit 2). */
export function parseCertificateId(text: string): number {
  const trimmed = text.trim();
  const id = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(id) || id <= 0) {
    throw new CliError(`The certificate ID must be a positive whole number, not "${text}".`, USAGE_EXIT_CODE);
  }
  return id;
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
