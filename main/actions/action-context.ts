/**
 * What every action needs: the connection, the store, and who is acting.
 */
import type { EnvironmentId } from '../domain/service.ts';
import type { DataStore } from '../store/types.ts';
import type { WvphostApi } from '../wvphost/types.ts';

export interface ActionContext {
  readonly api: WvphostApi;
  readonly store: DataStore;
  readonly environment: EnvironmentId;
  /** Recorded as `by` in the history. */
  readonly apiUser: string;
  /** The clock (tests pass a fixed one); default: the real clock. */
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
}

/** The context's clock reading (the real clock when none was given). */
export function nowOf(context: Pick<ActionContext, 'now'>): Date {
  return context.now === undefined ? new Date() : context.now();
}
