import { Readable } from 'node:stream';
import type { ExportResult, ServerType } from '../../preload/api.ts';
import type { CertificateSnapshot, EnvironmentId } from '../domain/service.ts';
import { normalizeStatus } from '../domain/certificate-status.ts';
import { errorKindOf } from '../domain/read-wvphost-error.ts';
import type { DataStore } from '../store/types.ts';
import type { WvphostErrorKind } from '../wvphost/error-kinds.ts';
import type { CertificateMaterial, CertificateReturnType, WvphostApi } from '../wvphost/types.ts';
import { ExportError } from './export-error.ts';
import { certificateFileStem, defaultCertificateFileName } from './file-names.ts';
import { pemChainOf, pkcs7PemOf } from './material-files.ts';
import { checkDestination, writeFileSafely } from './safe-write.ts';
import { serverTypeInfo } from './server-types.ts';
import { streamZip } from './zip-archive.ts';

export { defaultCertificateFileName };

export interface CertificateExportOptions {
  /** The connected client, or null when offline (only cached files can be exported then). */
  readonly api: WvphostApi | null;
  readonly store: DataStore;
  readonly environment: EnvironmentId;
  readonly certificateId: number;
  readonly serverType: ServerType;
  readonly outPath: string;
  readonly overwrite: boolean;
  readonly signal?: AbortSignal;
  /** Date stamped on zip entries (default: now). */
  readonly now?: Date;
}

/** Statuses for which Wvphost holds certificate files (wvphost-api.md §4 getInfo). */
const STATUSES_WITH_MATERIAL = new Set(['active', 'replaced', 'expired']);

/**
 * Writes one certificate's files for a web server: `<CN>.p7b` for IIS, else `<CN>.zip`.
 *
 * The zip holds `<CN>.crt` (leaf), `<CN>.ca-bundle` (intermediates in Wvphost's order, when there
 * are any) and, for Nginx, `<CN>.fullchain.crt` (leaf then chain). The files come from the local
 * material cache when present; otherwise getInfo fetches them (when online) and they are cached,
 * so the same certificate can be exported again offline. Failures are `ExportError`s naming the
 * reason (not issued yet, never fetched while offline, unwritable folder, ...).
 */
export async function exportCertificate(options: CertificateExportOptions): Promise<ExportResult> {
  const { store, environment, certificateId, serverType } = options;
  const info = serverTypeInfo(serverType);
  const snapshot = store.cache.read(environment).certificates.find((cert) => cert.certificateId === certificateId);
  // Before asking Wvphost: an existing file or a read-only folder should not cost a request.
  await checkDestination(options.outPath, options.overwrite);
  const fetched = await materialFor(options, info.returnType, snapshot);
  const stem = certificateFileStem(snapshot?.hostName || fetched.commonName, certificateId);
  const material = fetched.material;
  const date = options.now ?? new Date();

  if (info.layout === 'p7b') {
    const name = `${stem}.p7b`;
    const p7b = readable(certificateId, () => pkcs7PemOf(material));
    const written = await writeFileSafely(options.outPath, () => Readable.from([Buffer.from(p7b, 'utf8')]), options);
    return { path: written.path, bytes: written.bytes, files: [name] };
  }

  const chain = readable(certificateId, () => pemChainOf(material));
  // Every PEM block ends with exactly one newline, so plain concatenation gives "joined with newlines".
  const entries: [string, string][] = [[`${stem}.crt`, chain.leaf]];
  if (chain.intermediates.length > 0) entries.push([`${stem}.ca-bundle`, chain.intermediates.join('')]);
  if (info.fullChain) entries.push([`${stem}.fullchain.crt`, [chain.leaf, ...chain.intermediates].join('')]);
  const written = await writeFileSafely(
    options.outPath,
    () =>
      streamZip(date, async (zip) => {
        for (const [name, text] of entries) await zip.add(text, name);
      }),
    options,
  );
  return { path: written.path, bytes: written.bytes, files: entries.map(([name]) => name) };
}

/** Runs a conversion of certificate material, turning a damaged certificate into a clear error. */
function readable<T>(certificateId: number, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ExportError('fetch-failed', `The files of certificate ${certificateId} could not be read (${detail}). Sync and try again.`, { cause: error });
  }
}

interface FetchedMaterial {
  readonly material: CertificateMaterial;
  /** From getInfo when fetched now; '' when the files came from the cache. */
  readonly commonName: string;
}

/** Cached files first; then Wvphost (caching what it returns); then the other cached form; else a specific error. */
async function materialFor(
  options: CertificateExportOptions,
  returnType: CertificateReturnType,
  snapshot: CertificateSnapshot | undefined,
): Promise<FetchedMaterial> {
  const { store, environment, certificateId, api } = options;
  const cached = store.material.get(environment, certificateId, returnType);
  if (cached !== null) return { material: cached, commonName: '' };
  const label = describe(certificateId, snapshot);
  const otherForm = (): CertificateMaterial | null =>
    store.material.get(environment, certificateId, returnType === 'PKCS7' ? 'Individual' : 'PKCS7');

  let unreachableReason: string | null = null;
  if (api !== null) {
    try {
      const info = await api.getInfo(certificateId, { returnCertificate: returnType, signal: options.signal });
      if (info.material === null) {
        throw new ExportError(
          'no-material',
          `${label} has no certificate files: its status is "${normalizeStatus(info.status)}". Files exist once the certificate is issued (active).`,
        );
      }
      try {
        store.material.put(environment, certificateId, info.material);
      } catch {
        // Caching is a convenience for later offline exports; this export has its files either way.
      }
      return { material: info.material, commonName: info.commonName };
    } catch (error) {
      if (error instanceof ExportError) throw error;
      const kind = errorKindOf(error);
      if (options.signal?.aborted || kind === 'cancelled') {
        throw new ExportError('cancelled', 'The export was cancelled; no file was written.', { cause: error });
      }
      if (kind === 'certificate-unknown') {
        throw new ExportError('not-found', `${label} is not a certificate of this ${options.environment} account. Sync, then pick it from the list.`, { cause: error });
      }
      if (kind === null || !OFFLINE_KINDS.has(kind)) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new ExportError('fetch-failed', `Could not download the files of ${label} from Wvphost: ${detail}`, { cause: error });
      }
      unreachableReason = error instanceof Error ? error.message : String(error);
    }
  }

  const other = otherForm();
  if (other !== null) return { material: other, commonName: '' };
  if (snapshot !== undefined && !STATUSES_WITH_MATERIAL.has(snapshot.status)) {
    throw new ExportError(
      'no-material',
      `${label} has no certificate files: its status is "${snapshot.status}". Files exist once the certificate is issued (active).`,
    );
  }
  const why = unreachableReason === null ? 'you are offline' : `Wvphost cannot be reached (${unreachableReason})`;
  const known = snapshot === undefined ? ' It is not in the cached list either; sync when online.' : '';
  throw new ExportError(
    'not-fetched-offline',
    `The files of ${label} were never downloaded, and ${why}. Connect and export it once; after that it can be exported offline.${known}`,
  );
}

/** Failures that mean "not reachable now", after which the cache is the only source. */
const OFFLINE_KINDS: ReadonlySet<WvphostErrorKind> = new Set<WvphostErrorKind>([
  'unreachable',
  'timeout',
  'transient',
  'throttled',
  'tls',
  'malformed-response',
  'not-wvphost-endpoint',
]);

function describe(certificateId: number, snapshot: CertificateSnapshot | undefined): string {
  return snapshot?.hostName ? `Certificate ${certificateId} (${snapshot.hostName})` : `Certificate ${certificateId}`;
}
