import archiver from 'archiver';
import type { Archiver } from 'archiver';
import type { Readable } from 'node:stream';

export type ZipArchive = Archiver;

export interface EntryOptions {
  /** Store without compression: for many tiny entries (certificates) deflate costs more than it saves. */
  readonly store?: boolean;
}

/**
 * A streaming zip whose entries are appended with back-pressure.
 *
 * Archiver queues every appended source in memory until its turn. `add` resolves when archiver
 * has consumed that entry; `addWindowed` lets a bounded number of entries be in flight, so a
 * report with 10,000 services holds a few dozen entries at a time, never all of them, while not
 * paying a full round trip through archiver's queue for each tiny file.
 */
export class ZipWriter {
  readonly archive: ZipArchive;
  /** One waiter per appended entry, in append order: archiver consumes entries strictly in that order. */
  private readonly waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private readonly inFlight: Promise<void>[] = [];
  private failure: Error | null = null;

  constructor(private readonly date: Date) {
    // Level 6: the zlib default; 9 costs time for little gain on text.
    this.archive = archiver('zip', { zlib: { level: 6 } });
    batchCentralDirectoryWrites(this.archive);
    this.archive.on('entry', () => this.waiting.shift()?.resolve());
    const failAll = (error: Error): void => {
      this.failure ??= error;
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
    };
    this.archive.on('error', failAll);
    this.archive.on('close', () => failAll(new Error('The zip was closed before all its files were written.')));
  }

  /** Appends one entry and resolves once archiver has consumed it. */
  add(source: string | Buffer | Readable, name: string, options: EntryOptions = {}): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.archive.append(source, { name, date: this.date, ...(options.store === true ? { store: true } : {}) });
    return done;
  }

  /** Appends one entry, waiting first while `window` entries are still being consumed. */
  async addWindowed(source: string | Buffer, name: string, options: EntryOptions = {}, window = 64): Promise<void> {
    if (this.inFlight.length >= window) await this.inFlight.shift();
    const done = this.add(source, name, options);
    // Failures surface through the awaited ones (and `flush`); keep unobserved rejections quiet.
    done.catch(() => undefined);
    this.inFlight.push(done);
  }

  /** Waits for every windowed entry. */
  async flush(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  }
}

/** The zip engine inside archiver's zip plugin (zip-stream, a compress-commons ZipArchiveOutputStream). */
interface ZipModule {
  _writeCentralFileHeader?: (this: ZipModule, entry: unknown) => void;
  write(chunk: unknown): boolean;
}

/**
 * Makes the zip's central directory cost one stream write per entry instead of about twenty.
 *
 * At the end of a zip, compress-commons writes each entry's central-directory record as ~20 tiny
 * `write` calls, all at once; the stream queues every one of them (~130 bytes of bookkeeping
 * each), which for the 14,000 certificate files of a 10,000-service report is a burst of tens of
 * megabytes. Gathering each record into one buffer keeps that burst small. The bytes written are
 * identical. This reaches into archiver's (pinned: archiver 7.0.1, zip-stream 6) internals, so it only applies when they
 * look as expected; otherwise the zip is written the ordinary way.
 */
function batchCentralDirectoryWrites(archive: ZipArchive): void {
  const module = (archive as unknown as { _module?: { engine?: ZipModule } })._module?.engine;
  const original = module?._writeCentralFileHeader;
  if (module === undefined || typeof original !== 'function' || typeof module.write !== 'function') return;
  module._writeCentralFileHeader = function writeCentralFileHeaderAtOnce(this: ZipModule, entry: unknown): void {
    const parts: Buffer[] = [];
    const hadOwnWrite = Object.hasOwn(this, 'write');
    const realWrite = this.write;
    this.write = (chunk: unknown): boolean => {
      parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8'));
      return true;
    };
    try {
      original.call(this, entry);
    } finally {
      if (hadOwnWrite) this.write = realWrite;
      else delete (this as { write?: unknown }).write;
    }
    this.write(Buffer.concat(parts));
  };
}

/**
 * A zip that `produce` fills while whoever consumes `archive` reads it.
 *
 * Finalised when `produce` resolves. A failure in `produce` destroys the archive so the consumer's
 * pipeline fails too (and safe-write removes the half-written file); nothing is left dangling.
 */
export function streamZip(date: Date, produce: (zip: ZipWriter) => Promise<void>): ZipArchive {
  const zip = new ZipWriter(date);
  const fail = (error: unknown): void => {
    zip.archive.destroy(error instanceof Error ? error : new Error(String(error)));
  };
  produce(zip)
    .then(async () => {
      await zip.flush();
      await zip.archive.finalize();
    })
    .catch(fail);
  return zip.archive;
}
