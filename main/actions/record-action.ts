/**
 * Appends one entry to the action history of an environment.
 */
import type { ActionRecord } from '../domain/service.ts';
import { nowOf, type ActionContext } from './action-context.ts';

/** Records `entry` as done now by the context's API user; returns what was stored. */
export function recordAction(
  context: ActionContext,
  entry: Omit<ActionRecord, 'at' | 'by'>,
): ActionRecord {
  const record: ActionRecord = { at: nowOf(context).toISOString(), by: context.apiUser, ...entry };
  context.store.history.appendAction(context.environment, record);
  return record;
}

/** Records a failed attempt with the error's sentence as its detail; returns the error, to throw. */
export function recordFailure<E extends Error>(
  context: ActionContext,
  action: ActionRecord['action'],
  certificateId: number,
  error: E,
): E {
  recordAction(context, { action, certificateId, result: 'failed', detail: error.message });
  return error;
}
