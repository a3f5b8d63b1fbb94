/**
 * Finds the service an action is about, in the local cache.
 *
 * Actions are judged against what the last sync (plus our own pending reissues) knows, so the
 * buttons and the CLI refuse the same things.
 */
import type { EnvironmentId, Service } from '../domain/service.ts';
import type { DataStore } from '../store/types.ts';
import { buildServices, localToday } from '../sync/build-services.ts';
import { nowOf, type ActionContext } from './action-context.ts';
import { actionBlockers, type ActionBlockers } from './action-blockers.ts';
import { ActionError } from './action-error.ts';

/**
 * The service whose newest certificate is `certificateId`.
 *
 * Throws `ActionError('not-found')` when no service has it, and `action-not-allowed` when it is
 * an older certificate of a lineage (actions apply to the newest one only).
 */
export function findService(store: DataStore, environment: EnvironmentId, certificateId: number, today: string): Service {
  const services = buildServices(store.cache.read(environment), {
    today,
    dueDateOffsetDays: store.settings.get().dueDateOffsetDays,
  });
  const service = services.find((candidate) => candidate.certificateId === certificateId);
  if (service !== undefined) {
    return service;
  }
  const lineage = services.find((candidate) => candidate.previousCertificateIds.includes(certificateId));
  if (lineage !== undefined) {
    throw new ActionError(
      'action-not-allowed',
      `Certificate ${certificateId} was replaced by ${lineage.certificateId}; act on ${lineage.certificateId}, the newest certificate of this service.`,
      { detail: String(lineage.certificateId) },
    );
  }
  throw new ActionError(
    'not-found',
    `Certificate ${certificateId} is not in the local list of the ${environment} environment. Run a sync, then try again.`,
  );
}

/**
 * The service of `certificateId` when the cached rules allow `action` on it today.
 *
 * Throws what `findService` throws, and `ActionError('action-not-allowed')` with the blocker's
 * sentence, before any request is sent.
 */
export function serviceAllowing(
  context: ActionContext & { readonly certificateId: number },
  action: keyof ActionBlockers,
): Service {
  const today = localToday(nowOf(context));
  const service = findService(context.store, context.environment, context.certificateId, today);
  const blocker = actionBlockers(service, today)[action];
  if (blocker !== null) {
    throw new ActionError('action-not-allowed', blocker, { detail: service.status });
  }
  return service;
}
