/**
 * Appends one entry to the action history of an environment.
 */
import type { ActionRecord } from '../domain/service.ts';
import type { ActionContext } from './action-context.ts';

/** Records `entry` as done now by the context's API user; returns what was stored. */
export function recordAction(
  context: ActionContext,
  entry: Omit<ActionRecord, 'at' | 'by'>,
): ActionRecord {
  const record: ActionRecord = { at: (context.now ?? (() => new Date()))().toISOString(), by: context.apiUser, ...entry };
  context.store.history.appendAction(context.environment, record);
  return record;
}
