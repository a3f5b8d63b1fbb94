import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { link, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ExportError } from './export-error.ts';

export interface SafeWriteOptions {
  /** Replace an existing destination; otherwise an existing file fails with code `exists`. */
  readonly overwrite: boolean;
  readonly signal?: AbortSignal;
}

export interface SafeWriteResult {
  /** Absolute path of the written file. */
  readonly path: string;
  readonly bytes: number;
}

/**
 * Writes a stream to `outPath` so that the destination is either complete or untouched.
 *
 * The bytes go to a hidden temporary file in the destination folder (same file system, so the
 * final rename is atomic), are flushed to disk, and only then take the real name. On ANY failure
 * (full disk, read-only folder, a failing source, cancellation) the temporary file is removed and
 * an `ExportError` says what happened. Without `overwrite`, the final step uses a hard link, which
 * refuses an existing name atomically, so a file created meanwhile is never clobbered.
 *
 * `source` is called only once the destination is known to be writable, so no work (or network
 * request) is wasted on a path that cannot be written.
 */
export async function writeFileSafely(
  outPath: string,
  source: () => Readable | Promise<Readable>,
  options: SafeWriteOptions,
): Promise<SafeWriteResult> {
  const target = path.resolve(outPath);
  const folder = path.dirname(target);
  throwIfCancelled(options.signal);
  await checkDestination(target, options.overwrite);

  const temp = path.join(folder, `.${path.basename(target).slice(0, 100)}.${randomBytes(6).toString('hex')}.partial`);
  let bytes = 0;
  let output: WriteStream | undefined;
  try {
    // `flush`: fsync before close, because a full disk can surface only then (delayed allocation, network folders).
    output = createWriteStream(temp, { flags: 'wx', mode: 0o644, flush: true });
    await once(output, 'open');
    const input = await source();
    const counter = coalescingCounter((size) => {
      bytes += size;
    });
    await pipeline(input, counter, output, { signal: options.signal });
    throwIfCancelled(options.signal);
    await publish(temp, target, options.overwrite);
  } catch (error) {
    if (output !== undefined && !output.closed) {
      const closed = once(output, 'close').catch(() => undefined);
      output.destroy();
      await closed;
    }
    await unlink(temp).catch(() => undefined);
    // Whatever the abort reason was, a cancelled export is reported as cancelled.
    if (options.signal?.aborted && !(error instanceof ExportError && error.code !== 'cancelled')) {
      throw new ExportError('cancelled', 'The export was cancelled; no file was written.', { cause: error });
    }
    throw toExportError(error, target);
  }
  return { path: target, bytes };
}

/** Chunks are gathered to about this size before a write: a zip emits many tiny pieces (headers). */
const WRITE_CHUNK_BYTES = 256 * 1024;

/**
 * Counts the bytes and gathers small chunks into larger writes.
 *
 * A report zip arrives as tens of thousands of small pieces; writing each one is a system call,
 * gathering them makes the write cost independent of how many entries the zip has.
 */
function coalescingCounter(onBytes: (size: number) => void): Transform {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes(chunk.length);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < WRITE_CHUNK_BYTES) {
        callback();
        return;
      }
      const joined = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      callback(null, joined);
    },
    flush(callback) {
      callback(null, pendingBytes > 0 ? Buffer.concat(pending, pendingBytes) : undefined);
    },
  });
}

/** Fails early, before any work (or network request), for a destination that cannot be written. */
export async function checkDestination(outPath: string, overwrite: boolean): Promise<void> {
  const target = path.resolve(outPath);
  const folder = path.dirname(target);
  let folderStat;
  try {
    folderStat = await stat(folder);
  } catch (error) {
    if (isCode(error, 'ENOENT')) {
      throw new ExportError('unwritable', `Cannot write ${target}: the folder ${folder} does not exist. Choose another folder.`, { cause: error });
    }
    throw toExportError(error, target);
  }
  if (!folderStat.isDirectory()) {
    throw new ExportError('unwritable', `Cannot write ${target}: ${folder} is not a folder. Choose another folder.`);
  }
  let existing;
  try {
    existing = await stat(target);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return;
    throw toExportError(error, target);
  }
  if (existing.isDirectory()) {
    throw new ExportError('unwritable', `Cannot write ${target}: a folder with that name exists. Choose another file name.`);
  }
  if (!overwrite) throw existsError(target);
}

/** Gives the finished temporary file its real name. */
async function publish(temp: string, target: string, overwrite: boolean): Promise<void> {
  if (overwrite) {
    await rename(temp, target);
    return;
  }
  try {
    await link(temp, target);
  } catch (error) {
    if (isCode(error, 'EEXIST')) throw existsError(target);
    // Some file systems (FAT, some network shares) have no hard links: check, then rename.
    if (!isCode(error, 'EPERM') && !isCode(error, 'ENOTSUP') && !isCode(error, 'EOPNOTSUPP') && !isCode(error, 'ENOSYS')) {
      throw error;
    }
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    if (exists) throw existsError(target);
    await rename(temp, target);
    return;
  }
  await unlink(temp);
}

function existsError(target: string): ExportError {
  return new ExportError('exists', `${target} already exists. Choose another name, or allow replacing it (--force on the command line).`);
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportError('cancelled', 'The export was cancelled; no file was written.');
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** Turns a file system (or source) failure into the specific sentence the user sees. */
function toExportError(error: unknown, target: string): ExportError {
  if (error instanceof ExportError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const name = error instanceof Error ? error.name : '';
  if (name === 'AbortError' || code === 'ABORT_ERR') {
    return new ExportError('cancelled', 'The export was cancelled; no file was written.', { cause: error });
  }
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new ExportError('disk-full', `Cannot write ${target}: the disk is full. Free some space or choose another drive; no file was written.`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new ExportError('unwritable', `Cannot write ${target}: permission denied. Choose a folder you can write to.`, { cause: error });
    case 'EROFS':
      return new ExportError('unwritable', `Cannot write ${target}: the drive is read-only. Choose another folder.`, { cause: error });
    case 'ENOTDIR':
    case 'ENOENT':
      return new ExportError('unwritable', `Cannot write ${target}: the folder does not exist. Choose another folder.`, { cause: error });
    case 'EISDIR':
      return new ExportError('unwritable', `Cannot write ${target}: a folder with that name exists. Choose another file name.`, { cause: error });
    case 'ENAMETOOLONG':
      return new ExportError('unwritable', `Cannot write ${target}: the file name is too long. Choose a shorter name.`, { cause: error });
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return new ExportError('write-failed', `Cannot write ${target}: ${detail}. No file was written.`, { cause: error });
    }
  }
}
