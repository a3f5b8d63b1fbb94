/**
 * The part of a sync's change list that is kept in the sync history.
 *
 * A first sync of a large account reports every service as `added` (thousands of entries) and
 * the history keeps 50 syncs, so storing every change would make the history file grow with the
 * account and slow every read of it. The history keeps at most `MAX_HISTORY_CHANGES` changes per
 * sync, preferring the kinds that tell something about a service (reissued, status changed, ...)
 * over `added`, and records how many there were; the sync's own summary (`sync --json`, the
 * app's result) always has the full list.
 */
import type { ServiceChange } from '../domain/service.ts';

/** Changes kept per sync in the history. */
export const MAX_HISTORY_CHANGES = 500;

export interface HistoryChanges {
  readonly changes: readonly ServiceChange[];
  /** Present only when changes were left out. */
  readonly changesTruncated?: true;
  readonly totalChanges?: number;
}

/** At most `limit` of `changes`, informative kinds first, in their original order. */
export function historyChanges(changes: readonly ServiceChange[], limit = MAX_HISTORY_CHANGES): HistoryChanges {
  if (changes.length <= limit) return { changes };
  const informative = changes.filter((change) => change.kind !== 'added').length;
  // Room left for `added` entries once every informative change is kept (none if they alone overflow).
  let addedRoom = Math.max(0, limit - informative);
  let informativeRoom = limit - addedRoom;
  const kept: ServiceChange[] = [];
  for (const change of changes) {
    if (change.kind === 'added') {
      if (addedRoom > 0) {
        kept.push(change);
        addedRoom -= 1;
      }
    } else if (informativeRoom > 0) {
      kept.push(change);
      informativeRoom -= 1;
    }
  }
  return { changes: kept, changesTruncated: true, totalChanges: changes.length };
}
