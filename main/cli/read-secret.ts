import type { CliIo } from './types.ts';

/** API keys are at most 50 characters; anything much longer is not a key (and is not kept in memory). */
const MAX_INPUT_BYTES = 4096;

/**
 * Reads one secret line from the CLI's stdin (piped, or typed with echo off on a terminal).
 *
 * Secrets never come from flags or environment variables, which end up in shell history and
 * process listings. One trailing newline is removed and surrounding spaces are trimmed.
 */
export async function readSecret(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => void };
  if (stdin.isTTY === true && typeof stdin.setRawMode === 'function') {
    io.stderr(prompt);
    return readHiddenLine(stdin as NodeJS.ReadStream, io);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw new Error('The input on stdin is too long to be an API key.');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (/[\r\n]/.test(text.trim())) throw new Error('Expected the API key alone on one line of stdin, got several lines.');
  return text.trim();
}

/** A line typed on a terminal without echoing it. */
function readHiddenLine(stdin: NodeJS.ReadStream, io: CliIo): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      // The prompt went to io.stderr; the line end that echo-off swallowed goes there too.
      io.stderr('\n');
      if (error === undefined) resolve(text.trim());
      else reject(error);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new Error('Cancelled.'));
        if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else text += char;
        if (text.length > MAX_INPUT_BYTES) return finish(new Error('The input is too long to be an API key.'));
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
