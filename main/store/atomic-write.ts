import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/**
 * Writes a file so that readers see the old content or the new one, never a mix.
 *
 * Temp file in the same folder (same file system, so rename is atomic), fsync, rename, then fsync
 * of the folder so the rename itself survives a power cut. The temp name matches conf's
 * (`.tmp-<10 digits><6 hex>`) so `removeStaleTempFiles` cleans both.
 */
export function writeFileAtomicSync(filePath: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const suffix = `${Date.now().toString().slice(-10)}${crypto.randomBytes(3).toString('hex')}`;
  const tempPath = `${filePath}.tmp-${suffix}`;
  const fd = fs.openSync(tempPath, 'w', 0o600);
  try {
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    // A full disk fails here: leave no half-written temp file behind in the data folder.
    fs.rmSync(tempPath, { force: true });
    throw error;
  }
  try {
    fs.renameSync(tempPath, filePath);
  } catch (error) {
    fs.rmSync(tempPath, { force: true });
    throw error;
  }
  syncDirectory(path.dirname(filePath));
}

function syncDirectory(directory: string): void {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync on Windows
  try {
    const fd = fs.openSync(directory, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems refuse a directory fsync; the rename is still atomic.
  }
}
