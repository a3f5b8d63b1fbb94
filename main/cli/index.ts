/**
 * Entry of the `wvphost-admin` command line (bin/wvphost-admin.js, `npm run cli`).
 *
 * Exit codes: 0 success, 1 failure (the reason on stderr, no stack), 2 usage error.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { USAGE_EXIT_CODE } from './cli-context.ts';
import { createProgram } from './program.ts';
import { CliError, type CliIo } from './types.ts';

/** Runs the program with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}

function exitCodeFor(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (or the help/version text) through io. Help asked
    // for (`--help`, `help`) exits 0; help shown because no command was given (`commander.help`
    // with exit code 1) is a usage error like any other.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
  }
  if (error instanceof CliError) {
    io.stderr(`${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`${message}\n`);
  return 1;
}

/** Runs the CLI on the real process streams and sets the exit code. */
export async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
  });
  process.exitCode = code;
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) await main();
