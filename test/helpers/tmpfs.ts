/**
 * Tiny tmpfs mounts, to meet a really full disk (ENOSPC) in tests of what the app then says and keeps.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Whether this process may mount a tmpfs (root on the CI machine); tests needing one skip otherwise. */
export function canMountTmpfs(): boolean {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'tmpfs-mount-probe-'));
  try {
    mountTmpfs(probe, '64k', { quiet: true });
    unmountTmpfs(probe, { quiet: true });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

/** Mounts a tmpfs of `size` (mount's syntax: `64k`, `1m`) on the existing folder `dir`. */
export function mountTmpfs(dir: string, size: string, options: { readonly quiet?: boolean } = {}): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], options.quiet === true ? { stdio: 'ignore' } : {});
}

export function unmountTmpfs(dir: string, options: { readonly quiet?: boolean } = {}): void {
  execFileSync('umount', [dir], options.quiet === true ? { stdio: 'ignore' } : {});
}
