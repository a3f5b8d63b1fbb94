/**
 * `login` and `logout`: sign an environment in (settings + API key in the OS keychain) or out.
 *
 * The API key is read from stdin (piped, or typed hidden on a terminal), never from a flag or an
 * environment variable, which land in shell history and process listings.
 */
import type { Command } from 'commander';
import { DEMO_CREDENTIALS } from '../../../sim/types.ts';
import { ENVIRONMENT_IDS } from '../../domain/service.ts';
import type { EnvironmentId } from '../../domain/service.ts';
import { stopDemoSimulator } from '../../environments/demo-simulator.ts';
import { signIn, signOut } from '../../environments/sign-in.ts';
import { testConnection } from '../../environments/test-connection.ts';
import type { ConnectionCheck } from '../../environments/test-connection.ts';
import { KeytarSecretStore } from '../../secrets/keytar-secret-store.ts';
import { KeychainUnavailableError } from '../../secrets/keychain-unavailable-error.ts';
import type { SecretStore } from '../../secrets/secret-store.ts';
import { SettingsValidationError } from '../../settings/settings-validation-error.ts';
import { formatRateBudget } from '../../settings/rate-budget.ts';
import { globalsOf, openStore, USAGE_EXIT_CODE } from '../cli-context.ts';
import { readSecret } from '../read-secret.ts';
import { CliError } from '../types.ts';
import type { CliIo, RegisterCommands } from '../types.ts';

interface LoginOptions {
  readonly apiUrl?: string;
  readonly apiUser?: string;
  readonly username?: string;
  readonly clientIp?: string;
  readonly rateLimit?: string;
  /** commander's `--no-test` */
  readonly test: boolean;
}

/** Builds the register function; tests hand in a keychain store with their own service name. */
export function createLoginCommands(dependencies: { readonly secrets?: () => SecretStore } = {}): RegisterCommands {
  const secretsFactory = dependencies.secrets ?? (() => new KeytarSecretStore());
  return (program, io) => {
    program
      .command('login')
      .description(
        'Sign in to an environment (--env production|sandbox|demo): saves its settings and reads the API key from stdin into the OS keychain, then tests the connection.',
      )
      .option('--api-url <url>', 'the API endpoint (default: the saved one, else Wvphost\'s)')
      .option('--api-user <user>', 'the API user (required for production and sandbox)')
      .option('--username <user>', 'the account user name (default: the API user)')
      .option('--client-ip <ip>', 'the IPv4 address whitelisted for API access at Wvphost')
      .option('--rate-limit <budget>', 'request budget, e.g. 20/min,700/h,8000/day')
      .option('--no-test', 'save without testing the connection')
      .action(async (options: LoginOptions, command: Command) => {
        await login(options, command, io, secretsFactory);
      });

    program
      .command('logout')
      .description('Sign out of an environment (--env production|sandbox): removes its API key from the OS keychain.')
      .action(async (_options: unknown, command: Command) => {
        await logout(command, io, secretsFactory);
      });
  };
}

export const registerLoginCommands: RegisterCommands = createLoginCommands();

/** `--env` (commander already refused values outside its choices); login and logout never guess it. */
function requireEnvironment(env: EnvironmentId | undefined, commandName: string): EnvironmentId {
  if (env === undefined) {
    throw new CliError(`${commandName} needs --env ${ENVIRONMENT_IDS.join('|')}.`, USAGE_EXIT_CODE);
  }
  return env;
}

async function login(options: LoginOptions, command: Command, io: CliIo, secretsFactory: () => SecretStore): Promise<void> {
  const globals = globalsOf(command);
  const environment = requireEnvironment(globals.env, 'login');
  const store = openStore(globals.dataDir, io);

  if (environment === 'demo') {
    // The demo's credentials are fixed and public: nothing to read, nothing for the keychain.
    store.settings.update({ activeEnvironment: 'demo' });
    let check: ConnectionCheck | null = null;
    if (options.test) {
      try {
        check = await testConnection(store, secretsFactory(), 'demo');
      } finally {
        await stopDemoSimulator();
      }
    }
    report(io, globals.json === true, { ok: true, environment, apiUser: DEMO_CREDENTIALS.apiUser, connection: check }, 'Demo selected: it uses the built-in simulator and needs no API key.');
    if (check !== null && !check.ok) throw new CliError(check.message);
    return;
  }

  if (options.apiUser === undefined || options.apiUser.trim() === '') {
    throw new CliError(`login --env ${environment} needs --api-user <user>.`, USAGE_EXIT_CODE);
  }
  const secrets = secretsFactory();
  let apiKey: string;
  try {
    apiKey = await readSecret(io, `API key for ${environment} user ${options.apiUser}: `);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), USAGE_EXIT_CODE);
  }
  if (apiKey === '') {
    throw new CliError('No API key was given on stdin; pipe it in, e.g.: wvphost-admin login ... < key.txt', USAGE_EXIT_CODE);
  }

  let saved;
  try {
    saved = await signIn(store, secrets, {
      environment,
      apiUser: options.apiUser,
      apiKey,
      ...(options.username === undefined ? {} : { userName: options.username }),
      ...(options.apiUrl === undefined ? {} : { baseUrl: options.apiUrl }),
      ...(options.clientIp === undefined ? {} : { clientIp: options.clientIp }),
      ...(options.rateLimit === undefined ? {} : { rateBudget: options.rateLimit }),
    });
  } catch (error) {
    if (error instanceof SettingsValidationError) {
      throw new CliError(`Nothing was saved: ${error.message}`, USAGE_EXIT_CODE);
    }
    if (error instanceof KeychainUnavailableError) throw new CliError(`Nothing was saved: ${error.message}`);
    throw error;
  }

  const check = options.test ? await testConnection(store, secrets, environment) : null;
  const summary =
    `Signed in to ${environment} as ${saved.apiUser} (${saved.baseUrl}, client IP ${saved.clientIp}, ` +
    `budget ${formatRateBudget(saved.rateBudget)}); the API key is in the OS keychain.`;
  report(io, globals.json === true, { ok: check?.ok ?? true, environment, apiUser: saved.apiUser, connection: check }, summary);
  if (check !== null && !check.ok) {
    throw new CliError(`The settings and the key were saved, but the connection test failed: ${check.message}`);
  }
}

async function logout(command: Command, io: CliIo, secretsFactory: () => SecretStore): Promise<void> {
  const globals = globalsOf(command);
  const environment = requireEnvironment(globals.env, 'logout');
  if (environment === 'demo') {
    report(io, globals.json === true, { ok: true, environment, removed: false }, 'The demo environment keeps no API key; nothing to remove.');
    return;
  }
  const store = openStore(globals.dataDir, io);
  let removed: boolean;
  try {
    removed = await signOut(store, secretsFactory(), environment);
  } catch (error) {
    if (error instanceof KeychainUnavailableError) throw new CliError(error.message);
    throw error;
  }
  report(
    io,
    globals.json === true,
    { ok: true, environment, removed },
    removed
      ? `Signed out of ${environment}: the API key was removed from the OS keychain (settings and cached services are kept).`
      : `No API key was saved for ${environment}; nothing to remove.`,
  );
}

function report(io: CliIo, json: boolean, value: Readonly<Record<string, unknown>>, text: string): void {
  if (json) {
    io.stdout(`${JSON.stringify(value)}\n`);
    return;
  }
  io.stdout(`${text}\n`);
  const connection = value['connection'] as ConnectionCheck | null | undefined;
  if (connection?.ok === true) io.stdout(`Connection test: ${connection.message}\n`);
}
