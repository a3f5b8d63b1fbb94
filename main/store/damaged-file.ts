import fs from 'node:fs';
import path from 'node:path';

/**
 * Moves a damaged data file aside as `<name>.damaged-<timestamp>` and returns the user-facing warning.
 *
 * Never deletes: the user (or support) can still recover what was in it. The timestamp keeps
 * several damaged copies apart.
 */
export function setAsideDamagedFile(
  filePath: string,
  problem: string,
  consequence: string,
  options: { readonly originalBytes?: Buffer | null; readonly now?: Date } = {},
): string {
  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  let backupPath = `${filePath}.damaged-${stamp}`;
  for (let attempt = 1; fs.existsSync(backupPath); attempt += 1) backupPath = `${filePath}.damaged-${stamp}-${attempt}`;
  fs.renameSync(filePath, backupPath);
  // conf may already have rewritten the file (it merges defaults before validating): the backup
  // gets the bytes as they were before we opened it.
  if (options.originalBytes !== undefined && options.originalBytes !== null) fs.writeFileSync(backupPath, options.originalBytes);
  return `${path.basename(filePath)} was damaged (${problem}); it was kept as ${path.basename(backupPath)} and ${consequence}`;
}

/** A short, secret-free description of why a data file could not be read. */
export function describeDamage(error: unknown): string {
  if (error instanceof SyntaxError) return `not valid JSON: ${error.message}`;
  if (error instanceof Error) return error.message.replace(/^Config schema violation: /, 'unexpected content: ');
  return String(error);
}

const TEMP_SUFFIX = /\.tmp-\d{10}[a-f0-9]{6}$/;
/** Temp files younger than this may belong to a write in progress in another process. */
const STALE_TEMP_MS = 10 * 60_000;

/** Removes temp files a killed process left behind (atomic writes are temp + rename). */
export function removeStaleTempFiles(directory: string, now: number = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) {
    if (!TEMP_SUFFIX.test(name)) continue;
    const filePath = path.join(directory, name);
    try {
      if (now - fs.statSync(filePath).mtimeMs > STALE_TEMP_MS) fs.unlinkSync(filePath);
    } catch {
      // Gone already or not ours to remove: either way nothing to do.
    }
  }
}
