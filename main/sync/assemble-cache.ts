/**
 * Turns what one sync read into the next cache, consistent even when the account changed meanwhile.
 *
 * Wvphost lists by ascending certificate ID and a new certificate (a purchase, or the new half of
 * a reissue) always gets a larger ID, so the first `initialTotal` IDs existed when the read began
 * and anything past them appeared during it. Such a newcomer is kept unless it could be the
 * reissue of a certificate we read before the reissue happened (same host and type, still shown
 * unreplaced): keeping both would list that lineage twice. It is left for the next sync, which
 * sees the old certificate as `replaced` and joins them. Nothing is lost, nothing is doubled.
 */
import type { CertificateSnapshot } from '../domain/service.ts';
import { isReplacedStatus, normalizeStatus } from '../domain/certificate-status.ts';
import type { EnvironmentCache } from '../store/types.ts';
import type { ListItem } from '../wvphost/types.ts';
import type { AccountRead } from './read-account.ts';

export interface AssembledCache {
  readonly certificates: readonly CertificateSnapshot[];
  readonly replacedBy: Readonly<Record<string, number>>;
  /** Certificates that appeared during the read and wait for the next sync. */
  readonly deferred: readonly number[];
}

/** The certificates and links of the next cache (local reissues are merged at commit time). */
export function assembleCache(
  previous: EnvironmentCache,
  read: AccountRead,
  syncedAt: string,
  localReissues: Readonly<Record<string, number>>,
): AssembledCache {
  const links = new Map<number, number>();
  for (const [from, to] of Object.entries(previous.replacedBy)) links.set(Number(from), to);
  for (const [from, to] of read.newLinks) links.set(from, to);

  const deferred = read.changedDuringRead
    ? findDeferred(read.items, read.initialTotal, links, localReissues)
    : new Set<number>();

  const certificates: CertificateSnapshot[] = [];
  const replacedBy: Record<string, number> = {};
  for (const item of read.items) {
    if (deferred.has(item.certificateId)) continue;
    certificates.push(toSnapshot(item, syncedAt));
    const to = links.get(item.certificateId);
    // Links of certificates no longer listed are dropped, so the map never outgrows the account.
    if (to !== undefined) replacedBy[String(item.certificateId)] = to;
  }
  return { certificates, replacedBy, deferred: [...deferred] };
}

/** The local reissues still unconfirmed: the old certificate is listed and Wvphost names no successor yet. */
export function pendingLocalReissues(
  localReissues: Readonly<Record<string, number>>,
  assembled: AssembledCache,
): Readonly<Record<string, number>> {
  const listed = new Set(assembled.certificates.map((certificate) => certificate.certificateId));
  const pending: Record<string, number> = {};
  for (const [from, to] of Object.entries(localReissues)) {
    if (listed.has(Number(from)) && assembled.replacedBy[from] === undefined) pending[from] = to;
  }
  return pending;
}

function findDeferred(
  items: readonly ListItem[],
  initialTotal: number,
  links: ReadonlyMap<number, number>,
  localReissues: Readonly<Record<string, number>>,
): Set<number> {
  const deferred = new Set<number>();
  if (items.length <= initialTotal) return deferred;
  const boundaryId =
    initialTotal > 0 ? (items[initialTotal - 1]?.certificateId ?? Number.NEGATIVE_INFINITY) : Number.NEGATIVE_INFINITY;

  const knownSuccessors = new Set<number>(links.values());
  for (const to of Object.values(localReissues)) knownSuccessors.add(to);
  const unreplacedHosts = new Set<string>();
  for (const item of items) {
    if (item.certificateId > boundaryId) break;
    if (!isReplacedStatus(item.status) && !links.has(item.certificateId)) unreplacedHosts.add(hostKey(item));
  }
  for (const item of items) {
    if (item.certificateId <= boundaryId) continue;
    const couldBeUnseenReissue = item.hostName !== '' && unreplacedHosts.has(hostKey(item));
    if (couldBeUnseenReissue && !knownSuccessors.has(item.certificateId)) deferred.add(item.certificateId);
  }
  return deferred;
}

function hostKey(item: ListItem): string {
  return `${item.hostName.toLowerCase()}\u0000${item.sslType.toLowerCase()}`;
}

/** A list item as the cache keeps it: status lower-cased, stamped with the sync that saw it. */
function toSnapshot(item: ListItem, syncedAt: string): CertificateSnapshot {
  return {
    certificateId: item.certificateId,
    hostName: item.hostName,
    sslType: item.sslType,
    status: normalizeStatus(item.status),
    purchaseDate: item.purchaseDate,
    expireDate: item.expireDate,
    activationExpireDate: item.activationExpireDate,
    isExpired: item.isExpired,
    lastSyncedAt: syncedAt,
  };
}
