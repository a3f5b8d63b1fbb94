/**
 * writeFileAtomicSync on a disk that fills up: the old file stays whole and no temp file is left.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomicSync } from '../../main/store/atomic-write.ts';
import { canMountTmpfs, mountTmpfs, unmountTmpfs } from '../helpers/tmpfs.ts';

describe('writeFileAtomicSync', () => {
  it('replaces a file whole', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-atomic-'));
    try {
      const file = path.join(dir, 'nested', 'material.json');
      writeFileAtomicSync(file, 'old');
      writeFileAtomicSync(file, 'new');
      expect(fs.readFileSync(file, 'utf8')).toBe('new');
      expect(fs.readdirSync(path.dirname(file))).toEqual(['material.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!canMountTmpfs())(
    'on a full disk throws ENOSPC, keeps the old file and leaves no temp file (64 KiB tmpfs)',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-atomic-full-'));
      mountTmpfs(dir, '64k');
      try {
        const file = path.join(dir, 'material.json');
        writeFileAtomicSync(file, 'old content');
        expect(() => writeFileAtomicSync(file, Buffer.alloc(256 * 1024, 7))).toThrow(/ENOSPC/);
        expect(fs.readFileSync(file, 'utf8')).toBe('old content');
        expect(fs.readdirSync(dir)).toEqual(['material.json']);
      } finally {
        unmountTmpfs(dir);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
