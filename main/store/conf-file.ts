import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type { Options } from 'conf';
import type { EnvironmentId } from '../domain/service.ts';
import { describeDamage, setAsideDamagedFile } from './damaged-file.ts';

type Stamp = { readonly mtimeMs: number; readonly size: number; readonly ino: number } | null;

export interface ConfFileOptions<T> {
  readonly dataDir: string;
  readonly confOptions: Options<Record<string, unknown>> & { readonly configName: string };
  /**
   * Open conf at once and read through it (schema validation, migrations): settings.json.
   * Otherwise conf is opened at the first write and reads parse the JSON directly: the caches,
   * where conf's per-access re-read and ajv setup would dominate a 10,000-certificate cold start.
   */
  readonly readThroughConf: boolean;
  /** Checks and normalises the file's content; throws when it is unusable. */
  readonly normalize: (raw: Record<string, unknown>) => T;
  /** What to use when the file is missing or was set aside. */
  readonly empty: () => T;
  /** What the user loses when the file is set aside, e.g. "default settings are used". */
  readonly consequence: string;
  /** Where problems are reported (DataStore.openingWarnings). */
  readonly warnings: string[];
}

/**
 * One conf-managed JSON file, kept in memory while it does not change on disk.
 *
 * conf re-reads and re-validates the whole file on every access; here the parsed value is kept
 * and re-read only when the file's stamp (mtime, size, inode) changes, e.g. because the CLI
 * synced while the app was open. Writes always go through conf (one atomic temp + fsync +
 * rename per write). A damaged file (not JSON, truncated, schema-invalid, failed migration) is
 * set aside byte for byte as a backup and reported; it is never wiped (`clearInvalidConfig` off).
 */
export class ConfFile<T> {
  private conf: Conf<Record<string, unknown>> | null = null;
  private value: T | null = null;
  private stamp: Stamp = null;
  readonly path: string;

  constructor(private readonly options: ConfFileOptions<T>) {
    this.path = path.resolve(options.dataDir, `${options.confOptions.configName}.json`);
    if (options.readThroughConf) this.open();
  }

  read(): T {
    const stamp = statStamp(this.path);
    if (this.value !== null && sameStamp(stamp, this.stamp)) return this.value;
    if (stamp === null) {
      this.value = this.options.empty();
      this.stamp = null;
      return this.value;
    }
    let bytes: Buffer | null = null;
    try {
      if (this.options.readThroughConf) {
        this.value = this.options.normalize(stripInternal(this.open().store));
      } else {
        bytes = fs.readFileSync(this.path);
        const parsed: unknown = JSON.parse(bytes.toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('unexpected content: not a JSON object');
        this.value = this.options.normalize(stripInternal(parsed as Record<string, unknown>));
      }
      this.stamp = stamp;
    } catch (error) {
      if (!fs.existsSync(this.path)) throw error;
      this.setAside(error, bytes);
      this.value = this.options.empty();
      this.stamp = null;
    }
    return this.value;
  }

  /** Replaces the whole file in one atomic write (conf: temp file, fsync, rename). */
  write(value: T & Record<string, unknown>): void {
    this.open().store = value;
    this.value = value;
    this.stamp = statStamp(this.path);
  }

  private open(): Conf<Record<string, unknown>> {
    if (this.conf !== null) return this.conf;
    const options = { ...this.options.confOptions, cwd: this.options.dataDir };
    const originalBytes = readIfExists(this.path);
    try {
      this.conf = new Conf(options);
    } catch (error) {
      if (!isDamage(error) || !fs.existsSync(this.path)) throw error;
      this.setAside(error, originalBytes);
      this.conf = new Conf(options);
    }
    return this.conf;
  }

  private setAside(error: unknown, originalBytes: Buffer | null): void {
    this.options.warnings.push(setAsideDamagedFile(this.path, describeDamage(error), this.options.consequence, { originalBytes }));
  }
}

/**
 * One `ConfFile` per environment, made on first use (caches and histories).
 *
 * Lazily, so that a command that never reads production's 10,000-certificate cache never opens it.
 */
export function perEnvironment<T>(create: (environment: EnvironmentId) => ConfFile<T>): (environment: EnvironmentId) => ConfFile<T> {
  const files = new Map<EnvironmentId, ConfFile<T>>();
  return (environment) => {
    let file = files.get(environment);
    if (file === undefined) {
      file = create(environment);
      files.set(environment, file);
    }
    return file;
  };
}

function readIfExists(filePath: string): Buffer | null {
  try {
    return fs.readFileSync(filePath);
  } catch {
    return null;
  }
}

/** Errors that mean "the file's content is unusable", as opposed to "the disk refused". */
function isDamage(error: unknown): boolean {
  if (error instanceof SyntaxError) return true;
  const message = error instanceof Error ? error.message : '';
  return message.startsWith('Config schema violation') || message.startsWith('Something went wrong during the migration');
}

function stripInternal(store: Record<string, unknown>): Record<string, unknown> {
  if (!('__internal__' in store)) return store;
  const { __internal__: _internal, ...rest } = store;
  return rest;
}

function statStamp(filePath: string): Stamp {
  try {
    const stat = fs.statSync(filePath);
    return { mtimeMs: stat.mtimeMs, size: stat.size, ino: stat.ino };
  } catch {
    return null;
  }
}

function sameStamp(a: Stamp, b: Stamp): boolean {
  return a === b || (a !== null && b !== null && a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino);
}
