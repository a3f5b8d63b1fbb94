import type { CertificateSnapshot, EnvironmentId } from '../domain/service.ts';
import { ConfFile, perEnvironment } from './conf-file.ts';
import type { CacheFile } from './file-formats.ts';
import { CACHE_FORMAT_VERSION, cacheConfigName, wholeFileOptions } from './store-options.ts';
import { EMPTY_CACHE } from './types.ts';
import type { CacheStore, EnvironmentCache } from './types.ts';

/**
 * cache-<env>.json through conf: one file per environment, replaced whole by each commit.
 */
export class ConfCacheStore implements CacheStore {
  private readonly file: (environment: EnvironmentId) => ConfFile<EnvironmentCache>;

  constructor(dataDir: string, warnings: string[]) {
    this.file = perEnvironment(
      (environment) =>
        new ConfFile<EnvironmentCache>({
          dataDir,
          confOptions: wholeFileOptions(cacheConfigName(environment)),
          readThroughConf: false,
          normalize: normalizeCache,
          empty: () => EMPTY_CACHE,
          consequence: `the ${environment} cache starts empty (the next sync fills it again)`,
          warnings,
        }),
    );
  }

  read(environment: EnvironmentId): EnvironmentCache {
    return this.file(environment).read();
  }

  commit(environment: EnvironmentId, cache: EnvironmentCache): void {
    const file: CacheFile = {
      formatVersion: CACHE_FORMAT_VERSION,
      certificates: [...cache.certificates],
      replacedBy: { ...cache.replacedBy },
      localReissues: { ...cache.localReissues },
      lastSuccessfulSyncAt: cache.lastSuccessfulSyncAt,
    };
    this.file(environment).write(file as unknown as EnvironmentCache & Record<string, unknown>);
  }
}

/**
 * A cheap structural check of a cache read from disk.
 *
 * Per-field schema validation of 10,000 items would dominate the cold start; the file is only
 * written whole by this app, so checking the fields services are keyed on is enough to catch a
 * foreign or hand-damaged file.
 */
function normalizeCache(raw: Record<string, unknown>): EnvironmentCache {
  const version = raw['formatVersion'];
  if (typeof version === 'number' && version > CACHE_FORMAT_VERSION) {
    throw new Error(`written by a newer version of the app (cache format ${version}; this version reads ${CACHE_FORMAT_VERSION})`);
  }
  const certificates = raw['certificates'] ?? [];
  if (!Array.isArray(certificates)) throw new Error('unexpected content: certificates is not a list');
  for (const [index, item] of (certificates as unknown[]).entries()) {
    const certificate = item as Partial<CertificateSnapshot> | null;
    if (
      typeof certificate !== 'object' ||
      certificate === null ||
      typeof certificate.certificateId !== 'number' ||
      typeof certificate.status !== 'string' ||
      typeof certificate.hostName !== 'string'
    ) {
      throw new Error(`unexpected content: certificate #${index} is not a certificate`);
    }
  }
  return {
    certificates: certificates as CertificateSnapshot[],
    replacedBy: (raw['replacedBy'] ?? {}) as Record<string, number>,
    localReissues: (raw['localReissues'] ?? {}) as Record<string, number>,
    lastSuccessfulSyncAt: (raw['lastSuccessfulSyncAt'] ?? null) as string | null,
  };
}
