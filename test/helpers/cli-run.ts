/**
 * The real command line run in-process, its output captured, for the CLI integration tests.
 */
import { PassThrough } from 'node:stream';
import { runCli } from '../../main/cli/index.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs main/cli/index.ts (same parsing, output and exit codes as the binary) with `input` piped on stdin.
 *
 * stdin is a closed pipe, so a command that reads the API key gets `input` and then end of file.
 */
export async function runCliCaptured(args: readonly string[], input = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end(input);
  const code = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdin,
  });
  return { code, stdout, stderr };
}
