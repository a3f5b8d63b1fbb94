import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportError } from '../../main/export/export-error.ts';
import { writeFileSafely } from '../../main/export/safe-write.ts';

/** Mounting needs root (or CAP_SYS_ADMIN); the CI runs as root, a developer's laptop may not. */
function tryMount(target: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', target], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function bytesSource(total: number): () => Readable {
  return () =>
    Readable.from(
      (function* chunks() {
        for (let sent = 0; sent < total; sent += 16_384) yield randomBytes(Math.min(16_384, total - sent));
      })(),
    );
}

describe('writeFileSafely', () => {
  let dir: string;
  let smallDisk: string;
  let readOnly: string;
  let smallDiskMounted = false;
  let readOnlyMounted = false;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'export-safe-write-'));
    smallDisk = path.join(dir, 'small-disk');
    readOnly = path.join(dir, 'read-only');
    mkdirSync(smallDisk);
    mkdirSync(readOnly);
    smallDiskMounted = tryMount(smallDisk, 'size=64k');
    readOnlyMounted = tryMount(readOnly, 'ro,size=64k');
  });
  afterAll(() => {
    for (const [mounted, target] of [
      [smallDiskMounted, smallDisk],
      [readOnlyMounted, readOnly],
    ] as const) {
      if (mounted) execFileSync('umount', [target]);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const leftovers = (folder: string): string[] => readdirSync(folder).filter((name) => name.endsWith('.partial'));

  it('writes the whole stream under the final name and reports its size', async () => {
    const target = path.join(dir, 'plain.bin');
    const result = await writeFileSafely(target, bytesSource(100_000), { overwrite: false });
    expect(result).toEqual({ path: target, bytes: 100_000 });
    expect(readFileSync(target).length).toBe(100_000);
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses an existing destination without overwrite, and replaces it with overwrite', async () => {
    const target = path.join(dir, 'existing.txt');
    writeFileSync(target, 'original');
    await expect(writeFileSafely(target, () => Readable.from(['new']), { overwrite: false })).rejects.toMatchObject({
      code: 'exists',
      message: expect.stringMatching(/already exists.*--force/),
    });
    expect(readFileSync(target, 'utf8')).toBe('original');
    await writeFileSafely(target, () => Readable.from([Buffer.from('new')]), { overwrite: true });
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(leftovers(dir)).toEqual([]);
  });

  it('reports a missing folder or a path through a regular file as unwritable (this fails even as root)', async () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'x');
    await expect(writeFileSafely(path.join(file, 'out.zip'), bytesSource(10), { overwrite: false })).rejects.toMatchObject({
      code: 'unwritable',
      message: expect.stringContaining('is not a folder'),
    });
    await expect(writeFileSafely(path.join(dir, 'missing', 'out.zip'), bytesSource(10), { overwrite: false })).rejects.toMatchObject({
      code: 'unwritable',
      message: expect.stringContaining('does not exist'),
    });
    await expect(writeFileSafely(dir, bytesSource(10), { overwrite: true })).rejects.toMatchObject({ code: 'unwritable' });
  });

  it('does not call the source when the destination cannot be written', async () => {
    let called = false;
    const attempt = writeFileSafely(path.join(dir, 'missing', 'x'), () => {
      called = true;
      return Readable.from(['x']);
    }, { overwrite: false });
    await expect(attempt).rejects.toBeInstanceOf(ExportError);
    expect(called).toBe(false);
  });

  it.skipIf(!tryMountProbe())('reports a read-only drive as unwritable (read-only tmpfs, real EROFS)', async () => {
    expect(readOnlyMounted).toBe(true);
    await expect(writeFileSafely(path.join(readOnly, 'out.zip'), bytesSource(1000), { overwrite: false })).rejects.toMatchObject({
      code: 'unwritable',
      message: expect.stringContaining('read-only'),
    });
    expect(readdirSync(readOnly)).toEqual([]);
  });

  it.skipIf(!tryMountProbe())('reports a full disk and leaves nothing behind (64 KiB tmpfs, real ENOSPC)', async () => {
    expect(smallDiskMounted).toBe(true);
    const target = path.join(smallDisk, 'big.zip');
    await expect(writeFileSafely(target, bytesSource(1_000_000), { overwrite: false })).rejects.toMatchObject({
      code: 'disk-full',
      message: expect.stringContaining('the disk is full'),
    });
    expect(readdirSync(smallDisk)).toEqual([]);
    // The space is free again: a small file fits.
    await writeFileSafely(target, bytesSource(1000), { overwrite: false });
    expect(readdirSync(smallDisk)).toEqual(['big.zip']);
  });

  it('maps an ENOSPC raised mid-stream to disk-full and removes the temporary file', async () => {
    const target = path.join(dir, 'enospc.zip');
    const failing = (): Readable =>
      Readable.from(
        (function* chunks() {
          yield Buffer.alloc(50_000, 1);
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        })(),
      );
    await expect(writeFileSafely(target, failing, { overwrite: false })).rejects.toMatchObject({ code: 'disk-full' });
    expect(readdirSync(dir).filter((name) => name.startsWith('.enospc') || name === 'enospc.zip')).toEqual([]);
  });

  it('cancels on abort, leaving neither the file nor a temporary file', async () => {
    const target = path.join(dir, 'cancelled.zip');
    const controller = new AbortController();
    const slow = (): Readable =>
      Readable.from(
        (async function* chunks() {
          yield Buffer.alloc(10_000, 2);
          controller.abort();
          await new Promise((resolve) => setTimeout(resolve, 20));
          yield Buffer.alloc(10_000, 3);
        })(),
      );
    await expect(writeFileSafely(target, slow, { overwrite: false, signal: controller.signal })).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(readdirSync(dir).filter((name) => name.includes('cancelled'))).toEqual([]);
  });

  it('keeps a pre-existing file intact when a replacing write fails midway', async () => {
    const target = path.join(dir, 'precious.zip');
    writeFileSync(target, 'precious');
    const failing = (): Readable =>
      Readable.from(
        (function* chunks() {
          yield Buffer.from('partial');
          throw new Error('source broke');
        })(),
      );
    await expect(writeFileSafely(target, failing, { overwrite: true })).rejects.toMatchObject({ code: 'write-failed' });
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(leftovers(dir)).toEqual([]);
  });
});

/** Whether this process may mount (decided once, at collection time, without leaving a mount behind). */
function tryMountProbe(): boolean {
  const probe = mkdtempSync(path.join(tmpdir(), 'export-mount-probe-'));
  try {
    if (!tryMount(probe, 'size=4k')) return false;
    execFileSync('umount', [probe]);
    return true;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
