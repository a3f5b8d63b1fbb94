/**
 * The detail panel's data for one service: history, actions, offline material, action blockers.
 */
import type { ServiceDetail } from '../../preload/api.ts';
import type { EnvironmentId, Service, ServiceChange } from '../domain/service.ts';
import type { DataStore } from '../store/types.ts';
import { actionBlockers } from '../actions/action-blockers.ts';

/** Statuses for which Wvphost holds certificate files (wvphost-api.md §4 getInfo). */
const STATUSES_WITH_MATERIAL: ReadonlySet<string> = new Set(['active', 'replaced', 'expired']);

function touchesLineage(change: ServiceChange, ids: ReadonlySet<number>): boolean {
  if (ids.has(change.certificateId)) return true;
  return change.kind === 'reissued' && (ids.has(change.fromCertificateId) || ids.has(change.toCertificateId));
}

/** The service whose lineage holds `certificateId` (newest or a replaced one), or undefined. */
export function findInLineages(services: readonly Service[], certificateId: number): Service | undefined {
  return (
    services.find((service) => service.certificateId === certificateId) ??
    services.find((service) => service.previousCertificateIds.includes(certificateId))
  );
}

export function serviceDetail(store: DataStore, environment: EnvironmentId, service: Service, today: string): ServiceDetail {
  const ids: ReadonlySet<number> = new Set([service.certificateId, ...service.previousCertificateIds]);
  const changes = store.history
    .syncHistory(environment)
    .flatMap((record) => record.changes.filter((change) => touchesLineage(change, ids)).map((change) => ({ syncedAt: record.finishedAt, change })));
  const actions = store.history
    .actions(environment)
    .filter((action) => ids.has(action.certificateId) || (action.newCertificateId !== undefined && ids.has(action.newCertificateId)));
  const hasCachedMaterial = store.material.has(environment, service.certificateId);
  const blockers = actionBlockers(service, today);
  return {
    service,
    changes,
    actions,
    hasCachedMaterial,
    actionBlockers: {
      ...blockers,
      downloadCertificate:
        hasCachedMaterial || STATUSES_WITH_MATERIAL.has(service.status)
          ? null
          : `Certificate files exist only once the certificate is issued; this one is ${service.status || 'not issued yet'}.`,
    },
  };
}
