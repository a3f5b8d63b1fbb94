import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSafely } from '../../main/export/safe-write.ts';
import { streamZip, ZipWriter } from '../../main/export/zip-archive.ts';
import { readZipEntries, unzipTest } from '../helpers/export-zip.ts';

describe('ZipWriter', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'export-zip-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('gathers each central-directory record into one write (archiver internals still as expected)', () => {
    const zip = new ZipWriter(new Date());
    const engine = (zip.archive as unknown as { _module?: { engine?: object } })._module?.engine;
    // If an archiver upgrade moves these internals, this fails loudly instead of memory quietly growing again.
    expect(engine !== undefined && Object.hasOwn(engine, '_writeCentralFileHeader')).toBe(true);
    zip.archive.abort();
  });

  it('writes stored, deflated, streamed and non-ASCII entries that unzip and yauzl read back', async () => {
    const out = path.join(dir, 'mixed.zip');
    const names = Array.from({ length: 300 }, (_, index) => `certificates/höst-${index}/höst-${index}.crt`);
    await writeFileSafely(
      out,
      () =>
        streamZip(new Date('2026-11-26T10:00:00Z'), async (zip) => {
          await zip.add(Readable.from(['a,b\r\n', 'ü,€\r\n']), 'services.csv');
          await zip.add('{"x":1}\n', 'größe.json');
          for (const name of names) await zip.addWindowed(`PEM ${name}\n`, name, { store: true }, 16);
        }),
      { overwrite: false },
    );
    expect(unzipTest(out)).toMatch(/No errors detected/);
    const entries = await readZipEntries(out);
    expect([...entries.keys()]).toEqual(['services.csv', 'größe.json', ...names]);
    expect(entries.get('services.csv')?.toString('utf8')).toBe('a,b\r\nü,€\r\n');
    expect(entries.get(names[299] ?? '')?.toString('utf8')).toBe(`PEM ${names[299]}\n`);
  });

  it('fails the write (and leaves no file) when producing an entry throws', async () => {
    const out = path.join(dir, 'broken.zip');
    await expect(
      writeFileSafely(
        out,
        () =>
          streamZip(new Date(), async (zip) => {
            await zip.add('first', 'a.txt');
            throw new Error('the certificate cache could not be read');
          }),
        { overwrite: false },
      ),
    ).rejects.toMatchObject({ code: 'write-failed', message: expect.stringContaining('the certificate cache could not be read') });
    expect(readdirSync(dir).filter((name) => name.includes('broken'))).toEqual([]);
  });
});
