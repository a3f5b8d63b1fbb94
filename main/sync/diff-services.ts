/**
 * The change list of one sync: what differs between the services before and after it.
 *
 * Lineages are matched through any certificate ID they share, so a reissue (101 → 205) is one
 * `reissued` change of the same service, not a removal plus an addition.
 */
import type { Service, ServiceChange } from '../domain/service.ts';

/** Changes from `previous` to `next`, in the order of `next`, removals last. */
export function diffServices(previous: readonly Service[], next: readonly Service[]): readonly ServiceChange[] {
  const previousById = new Map<number, Service>();
  for (const service of previous) {
    previousById.set(service.certificateId, service);
    for (const id of service.previousCertificateIds) previousById.set(id, service);
  }

  const matched = new Set<Service>();
  const changes: ServiceChange[] = [];
  for (const service of next) {
    const before = findPrevious(service, previousById);
    const { certificateId, hostName } = service;
    if (before === undefined) {
      changes.push({ kind: 'added', certificateId, hostName });
      if (service.needsActivation) changes.push({ kind: 'needs-activation', certificateId, hostName });
      continue;
    }
    matched.add(before);
    if (before.certificateId !== certificateId && service.previousCertificateIds.includes(before.certificateId)) {
      changes.push({
        kind: 'reissued',
        certificateId,
        hostName,
        fromCertificateId: before.certificateId,
        toCertificateId: certificateId,
      });
    }
    if (before.status !== service.status) {
      changes.push({ kind: 'status-changed', certificateId, hostName, from: before.status, to: service.status });
    }
    if (before.expireDate !== service.expireDate) {
      changes.push({
        kind: 'expire-date-changed',
        certificateId,
        hostName,
        from: before.expireDate,
        to: service.expireDate,
      });
    }
    if (before.dueDate !== service.dueDate) {
      changes.push({ kind: 'due-date-changed', certificateId, hostName, from: before.dueDate, to: service.dueDate });
    }
    if (service.needsActivation && !before.needsActivation) {
      changes.push({ kind: 'needs-activation', certificateId, hostName });
    }
  }
  for (const service of previous) {
    if (!matched.has(service)) {
      changes.push({ kind: 'removed', certificateId: service.certificateId, hostName: service.hostName });
    }
  }
  return changes;
}

/** The previous service sharing a certificate with `service`, newest certificate first. */
function findPrevious(service: Service, previousById: ReadonlyMap<number, Service>): Service | undefined {
  const direct = previousById.get(service.certificateId);
  if (direct !== undefined) return direct;
  const ids = service.previousCertificateIds;
  for (let index = ids.length - 1; index >= 0; index -= 1) {
    const found = previousById.get(ids[index] as number);
    if (found !== undefined) return found;
  }
  return undefined;
}
