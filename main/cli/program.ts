/**
 * The `wvphost-admin` command line: the same core as the app, on the same data folder.
 *
 * Global options `--data-dir`, `--env`, `--json`; every command module registers itself here.
 * Output goes through `CliIo` so the tests run the program in-process.
 */
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { ENVIRONMENT_IDS } from '../domain/service.ts';
import { defaultDataDir } from '../store/data-dir.ts';
import { registerActionCommands } from './commands/actions.ts';
import { registerDemoCommands } from './commands/demo.ts';
import { registerExportCommands } from './commands/export.ts';
import { registerLoginCommands } from './commands/login.ts';
import { registerServicesCommands } from './commands/services.ts';
import { registerSyncCommands } from './commands/sync.ts';
import type { CliIo } from './types.ts';

/** Builds the program; parsing errors are thrown (exitOverride), never `process.exit`. */
export function createProgram(io: CliIo): Command {
  const program = new Command('wvphost-admin')
    .description('Wvphost Admin from the command line: sync, list, export and manage Wvphost SSL certificates.')
    .version(packageVersion(), '-V, --version')
    .option('--data-dir <dir>', `data folder shared with the desktop app (default: ${defaultDataDir()})`)
    .addOption(
      new Option('--env <environment>', "environment to use (default: the app's active one)").choices(ENVIRONMENT_IDS),
    )
    .option('--json', 'machine-readable JSON output')
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .showHelpAfterError('(run wvphost-admin --help for usage)')
    .exitOverride();

  registerSyncCommands(program, io);
  registerServicesCommands(program, io);
  registerDemoCommands(program, io);
  registerLoginCommands(program, io);
  registerExportCommands(program, io);
  registerActionCommands(program, io);

  // Commands made with `.command()` inherit these settings, but ones attached with `addCommand`
  // do not: apply them to the whole tree so no usage error can reach `process.exit`.
  const applyToTree = (command: Command): void => {
    command
      .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
      .exitOverride();
    for (const child of command.commands) applyToTree(child);
  };
  applyToTree(program);
  return program;
}

function packageVersion(): string {
  try {
    const text = fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    const parsed = JSON.parse(text) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
