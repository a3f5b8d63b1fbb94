/**
 * File-system failures reach the renderer as specific sentences: a full disk says "free some space".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toErrorPayload } from '../../main/ipc/error-payload.ts';
import { openDataStore } from '../../main/store/open-data-store.ts';
import { canMountTmpfs, mountTmpfs, unmountTmpfs } from '../helpers/tmpfs.ts';

describe('toErrorPayload for file-system errors', () => {
  it('names a full disk as disk-full, and other file errors as file-error', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(toErrorPayload(full)).toMatchObject({ code: 'disk-full', detail: 'ENOSPC' });
    expect(toErrorPayload(full).message).toMatch(/^The disk is full.*Free some space/);
    const denied = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    expect(toErrorPayload(denied)).toMatchObject({ code: 'file-error', detail: 'EACCES' });
    expect(toErrorPayload(denied).message).toMatch(/permissions/);
  });

  it.skipIf(!canMountTmpfs())(
    'a settings change on a full disk (tmpfs) is reported as disk-full and the saved settings stay',
    () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipc-full-disk-'));
      mountTmpfs(dataDir, '64k');
      try {
        openDataStore({ dataDir }).settings.update({ dailySyncTime: '06:30' });
        const filler = fs.openSync(path.join(dataDir, 'filler.bin'), 'w');
        try {
          for (;;) fs.writeSync(filler, Buffer.alloc(1024, 1));
        } catch {
          // ENOSPC: the disk is full now.
        } finally {
          fs.closeSync(filler);
        }
        let thrown: unknown = null;
        try {
          openDataStore({ dataDir }).settings.update({ dailySyncTime: '08:15' });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).not.toBeNull();
        expect(toErrorPayload(thrown)).toMatchObject({ code: 'disk-full' });
        expect(openDataStore({ dataDir }).settings.get().dailySyncTime).toBe('06:30');
        expect(fs.readdirSync(dataDir).filter((name) => name.includes('.tmp'))).toEqual([]);
      } finally {
        unmountTmpfs(dataDir);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
