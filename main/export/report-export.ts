import { Readable } from 'node:stream';
import type { ExportResult } from '../../preload/api.ts';
import type { EnvironmentId, Service } from '../domain/service.ts';
import type { DataStore } from '../store/types.ts';
import type { CertificateMaterial } from '../wvphost/types.ts';
import { dueDatesIcsChunks } from './due-dates-ics.ts';
import { certificateFileStem, defaultReportFileName } from './file-names.ts';
import type { PemChain } from './material-files.ts';
import { pemChainOf } from './material-files.ts';
import { writeFileSafely } from './safe-write.ts';
import { servicesCsvStream } from './services-csv.ts';
import { streamZip } from './zip-archive.ts';

export { defaultReportFileName };

export interface ReportExportOptions {
  readonly store: DataStore;
  readonly environment: EnvironmentId;
  /** What to report: everything, or what the table shows (the caller filters). */
  readonly services: readonly Service[];
  readonly outPath: string;
  readonly overwrite: boolean;
  /** The export time: DTSTAMP of the calendar and the date of every zip entry (default: now). */
  readonly now?: Date;
  readonly signal?: AbortSignal;
}

/** Text chunks of about this size feed the zip: few stream hops, bounded memory. */
const CHUNK_CHARS = 32_768;

/**
 * Writes the services report zip for offline review and sharing.
 *
 * Entries: `services.csv`, `services.json` (the same objects, DESIGN.md §3), `due-dates.ics`,
 * `sync-history.json`, and `certificates/<CN>/<CN>.crt` + `<CN>.ca-bundle` for every active
 * service whose files are in the local cache (no network: the report works offline). Everything
 * is streamed entry by entry, so memory does not grow with the number of services. Contains no
 * secret: services, sync history and public certificates only.
 */
export async function exportReport(options: ReportExportOptions): Promise<ExportResult> {
  const { store, environment, services } = options;
  const now = options.now ?? new Date();
  const files: string[] = [];
  const written = await writeFileSafely(
    options.outPath,
    () =>
      streamZip(now, async (zip) => {
        const add = async (source: string | Readable, name: string): Promise<void> => {
          options.signal?.throwIfAborted();
          await zip.add(source, name);
          files.push(name);
        };
        await add(servicesCsvStream(services), 'services.csv');
        await add(Readable.from(servicesJsonChunks(services), { objectMode: false }), 'services.json');
        await add(Readable.from(dueDatesIcsChunks(services, { environment, now }), { objectMode: false }), 'due-dates.ics');
        await add(`${JSON.stringify(store.history.syncHistory(environment), null, 2)}\n`, 'sync-history.json');
        const usedFolders = new Set<string>();
        const addCertificateFile = async (text: string, name: string): Promise<void> => {
          options.signal?.throwIfAborted();
          // Stored, not deflated: a certificate is ~1 KB of base64, where deflate saves little and costs a zlib stream each.
          await zip.addWindowed(text, name, { store: true });
          files.push(name);
        };
        for (const service of services) {
          options.signal?.throwIfAborted();
          if (service.status !== 'active') continue;
          const chain = cachedChain(store, environment, service.certificateId);
          if (chain === null) continue;
          const stem = certificateFileStem(service.hostName, service.certificateId);
          // Two services can share a host; the second folder gets its certificate ID so neither is lost.
          // Compared case-insensitively: Windows and macOS would merge `WWW_x` and `www_x` on unpacking.
          let folder = usedFolders.has(stem.toLowerCase()) ? `${stem}-${service.certificateId}` : stem;
          while (usedFolders.has(folder.toLowerCase())) folder = `${folder}_`;
          usedFolders.add(folder.toLowerCase());
          await addCertificateFile(chain.leaf, `certificates/${folder}/${stem}.crt`);
          if (chain.intermediates.length > 0) await addCertificateFile(chain.intermediates.join(''), `certificates/${folder}/${stem}.ca-bundle`);
        }
      }),
    options,
  );
  return { path: written.path, bytes: written.bytes, files };
}

/** services.json: a pretty-printed array of the services, produced a chunk at a time. */
function* servicesJsonChunks(services: readonly Service[]): Generator<string> {
  if (services.length === 0) {
    yield '[]\n';
    return;
  }
  let chunk = '[\n';
  let first = true;
  for (const service of services) {
    chunk += `${first ? '' : ',\n'}  ${JSON.stringify(service, null, 2).replace(/\n/g, '\n  ')}`;
    first = false;
    if (chunk.length > CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n]\n`;
}

/** The cached leaf + intermediates of a certificate, in either cached form; null when none (or unreadable). */
function cachedChain(store: DataStore, environment: EnvironmentId, certificateId: number): PemChain | null {
  const material: CertificateMaterial | null =
    store.material.get(environment, certificateId, 'Individual') ?? store.material.get(environment, certificateId, 'PKCS7');
  if (material === null) return null;
  try {
    return pemChainOf(material);
  } catch {
    // A damaged cache entry must not sink the whole report; that certificate is simply left out.
    return null;
  }
}
