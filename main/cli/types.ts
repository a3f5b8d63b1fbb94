import type { Command } from 'commander';
import type { EnvironmentId } from '../domain/service.ts';

/** Where a CLI command reads and writes; injected so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Secrets (the API key for `login`) come from here, never from flags or environment variables. */
  readonly stdin: NodeJS.ReadableStream;
}

/** The global options every command sees (`command.optsWithGlobals()`). */
export interface GlobalOptions {
  readonly dataDir?: string;
  readonly env?: EnvironmentId;
  readonly json?: boolean;
}

/** Each file under main/cli/commands/ exports one of these; main/cli/program.ts wires them. */
export type RegisterCommands = (program: Command, io: CliIo) => void;

/** A failure the CLI prints on stderr (without a stack) and exits 1 for. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
