import type { ActionRecord, CertificateSnapshot, SyncRecord } from '../domain/service.ts';

/** cache-<env>.json: the EnvironmentCache plus its format version. */
export interface CacheFile {
  formatVersion: number;
  certificates: CertificateSnapshot[];
  replacedBy: Record<string, number>;
  localReissues: Record<string, number>;
  lastSuccessfulSyncAt: string | null;
  [key: string]: unknown;
}

/** history-<env>.json: bounded sync and action histories, newest first. */
export interface HistoryFile {
  formatVersion: number;
  syncs: SyncRecord[];
  actions: ActionRecord[];
  [key: string]: unknown;
}
