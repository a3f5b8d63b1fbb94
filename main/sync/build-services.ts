/**
 * Turns the cached certificates and their `ReplacedBy` links into services (DESIGN.md §3).
 *
 * A service is one lineage 101 → 205 → 377, described by its newest certificate. Services are
 * derived, never stored, so `daysLeft` follows today and `dueDate` follows the offset setting.
 * One pass over the certificates plus one walk per lineage: O(n) for any account size.
 */
import { REPLACED_STATUS } from '../domain/certificate-status.ts';
import type { CertificateSnapshot, DueDateOffsetDays, ReissueState, Service } from '../domain/service.ts';
import type { EnvironmentCache } from '../store/types.ts';
import { addDays, epochDay } from './local-date.ts';

export { localToday } from './local-date.ts';

export interface BuildServicesOptions {
  /** Local calendar date `YYYY-MM-DD` that `daysLeft` counts from. */
  readonly today: string;
  readonly dueDateOffsetDays: DueDateOffsetDays;
  /**
   * Whether reissues submitted from this app and not yet seen by a sync shape the lineages
   * (default true). The sync turns it off to compare what Wvphost itself reported.
   */
  readonly includeLocalReissues?: boolean;
}

export interface BuiltServices {
  readonly services: readonly Service[];
  /** One sentence per lineage that could not be completed (a successor Wvphost did not list). */
  readonly warnings: readonly string[];
}

/** Statuses after which a reissue counts as settled (`reissued` rather than `pending`). */
const SETTLED_STATUSES: ReadonlySet<string> = new Set(['active', 'expired', 'cancelled', 'revoked']);
const NEEDS_ACTIVATION_STATUSES: ReadonlySet<string> = new Set(['newpurchase', 'newrenewal']);

interface Link {
  readonly to: number;
  /** From `localReissues`: known from our own reissue reply, not yet from a sync. */
  readonly local: boolean;
}

/** The services of a cached account (see `buildServicesWithWarnings` for the warnings too). */
export function buildServices(cache: EnvironmentCache, options: BuildServicesOptions): readonly Service[] {
  return buildServicesWithWarnings(cache, options).services;
}

/** The services of a cached account plus a warning per lineage whose successor is unknown. */
export function buildServicesWithWarnings(cache: EnvironmentCache, options: BuildServicesOptions): BuiltServices {
  const byId = new Map<number, CertificateSnapshot>();
  for (const certificate of cache.certificates) byId.set(certificate.certificateId, certificate);

  const links = new Map<number, Link>();
  for (const [from, to] of Object.entries(cache.replacedBy)) {
    const fromId = Number(from);
    if (byId.has(fromId) && fromId !== to) links.set(fromId, { to, local: false });
  }
  if (options.includeLocalReissues !== false) {
    for (const [from, to] of Object.entries(cache.localReissues)) {
      const fromId = Number(from);
      // A link Wvphost reported wins over the one our own reply announced.
      if (byId.has(fromId) && fromId !== to && !links.has(fromId)) links.set(fromId, { to, local: true });
    }
  }

  const isSuccessor = new Set<number>();
  for (const link of links.values()) if (byId.has(link.to)) isSuccessor.add(link.to);

  const todayDay = epochDay(options.today);
  const dates = new DateMemo(todayDay, options.dueDateOffsetDays);
  const visited = new Set<number>();
  const services: Service[] = [];
  const warnings: string[] = [];

  const walk = (start: CertificateSnapshot): void => {
    const ids: number[] = [start.certificateId];
    visited.add(start.certificateId);
    let newest = start;
    for (;;) {
      const link = links.get(newest.certificateId);
      if (link === undefined) {
        if (newest.status === REPLACED_STATUS) {
          warnings.push(
            `Certificate ${newest.certificateId}${hostSuffix(newest)} is marked replaced but its successor is not known yet; it is listed on its own until the next sync finds it.`,
          );
        }
        break;
      }
      const next = byId.get(link.to);
      if (next !== undefined && !visited.has(next.certificateId)) {
        visited.add(next.certificateId);
        ids.push(next.certificateId);
        newest = next;
        continue;
      }
      if (next === undefined && link.local) {
        // Our own reissue reply named the new certificate; Wvphost starts it as `purchased`
        // with the old one's host, type and dates (wvphost-api.md, reissue lifecycle).
        ids.push(link.to);
        newest = { ...newest, certificateId: link.to, status: 'purchased', isExpired: false };
        break;
      }
      warnings.push(
        next === undefined
          ? `Certificate ${newest.certificateId}${hostSuffix(newest)} was replaced by ${link.to}, which Wvphost did not list yet; it is listed on its own until a sync finds ${link.to}.`
          : `Certificate ${newest.certificateId}${hostSuffix(newest)} names ${link.to} as its successor, which already belongs to another lineage; it is listed on its own.`,
      );
      break;
    }
    services.push(toService(newest, ids, dates));
  };

  for (const certificate of cache.certificates) {
    if (!isSuccessor.has(certificate.certificateId) && !visited.has(certificate.certificateId)) walk(certificate);
  }
  // Only a link cycle (never produced by Wvphost) leaves certificates unvisited; nothing is dropped.
  for (const certificate of cache.certificates) {
    if (!visited.has(certificate.certificateId)) walk(certificate);
  }
  return { services, warnings };
}

/** Whether a lineage with this newest status and history is `none`, `pending` or `reissued`. */
function reissueStateOf(newestStatus: string, previousCount: number): ReissueState {
  const wasReissued = previousCount > 0 || newestStatus === REPLACED_STATUS;
  if (!wasReissued) return 'none';
  return SETTLED_STATUSES.has(newestStatus) ? 'reissued' : 'pending';
}

/**
 * Due date and days left per distinct expiry date.
 *
 * Thousands of certificates share a few hundred expiry dates; computing each once keeps a
 * 10,000-service build well under the time of a single store write.
 */
class DateMemo {
  readonly #known = new Map<string, { readonly dueDate: string | null; readonly daysLeft: number | null }>();

  constructor(
    private readonly todayDay: number | null,
    private readonly offsetDays: DueDateOffsetDays,
  ) {}

  of(expireDate: string | null): { readonly dueDate: string | null; readonly daysLeft: number | null } {
    if (expireDate === null) return NO_DATES;
    let dates = this.#known.get(expireDate);
    if (dates === undefined) {
      const expireDay = epochDay(expireDate);
      dates = {
        dueDate: addDays(expireDate, -this.offsetDays),
        daysLeft: expireDay === null || this.todayDay === null ? null : expireDay - this.todayDay,
      };
      this.#known.set(expireDate, dates);
    }
    return dates;
  }
}

const NO_DATES = { dueDate: null, daysLeft: null } as const;

function toService(newest: CertificateSnapshot, ids: readonly number[], dates: DateMemo): Service {
  const { dueDate, daysLeft } = dates.of(newest.expireDate);
  return {
    certificateId: newest.certificateId,
    previousCertificateIds: ids.slice(0, -1),
    hostName: newest.hostName,
    sslType: newest.sslType,
    status: newest.status,
    purchaseDate: newest.purchaseDate,
    expireDate: newest.expireDate,
    activationExpireDate: newest.activationExpireDate,
    dueDate,
    daysLeft,
    reissueState: reissueStateOf(newest.status, ids.length - 1),
    needsActivation: NEEDS_ACTIVATION_STATUSES.has(newest.status),
    lastSyncedAt: newest.lastSyncedAt,
  };
}

function hostSuffix(certificate: CertificateSnapshot): string {
  return certificate.hostName === '' ? '' : ` (${certificate.hostName})`;
}
