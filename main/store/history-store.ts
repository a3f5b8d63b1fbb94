import type { ActionRecord, EnvironmentId, SyncRecord } from '../domain/service.ts';
import { ConfFile, perEnvironment } from './conf-file.ts';
import type { HistoryFile } from './file-formats.ts';
import { MAX_ACTION_HISTORY, MAX_SYNC_HISTORY, historyConfigName, wholeFileOptions } from './store-options.ts';
import type { HistoryStore } from './types.ts';

interface History {
  readonly syncs: readonly SyncRecord[];
  readonly actions: readonly ActionRecord[];
}

const EMPTY_HISTORY: History = { syncs: [], actions: [] };

/**
 * history-<env>.json through conf: the last 50 syncs and 500 actions, newest first.
 *
 * Kept apart from the cache so that recording a failed sync never touches the cached services.
 */
export class ConfHistoryStore implements HistoryStore {
  private readonly file: (environment: EnvironmentId) => ConfFile<History>;

  constructor(dataDir: string, warnings: string[]) {
    this.file = perEnvironment(
      (environment) =>
        new ConfFile<History>({
          dataDir,
          confOptions: wholeFileOptions(historyConfigName(environment)),
          readThroughConf: false,
          normalize: normalizeHistory,
          empty: () => EMPTY_HISTORY,
          consequence: `the ${environment} history starts empty`,
          warnings,
        }),
    );
  }

  syncHistory(environment: EnvironmentId): readonly SyncRecord[] {
    return this.file(environment).read().syncs;
  }

  appendSync(environment: EnvironmentId, record: SyncRecord): void {
    const history = this.file(environment).read();
    this.write(environment, { syncs: [record, ...history.syncs].slice(0, MAX_SYNC_HISTORY), actions: history.actions });
  }

  actions(environment: EnvironmentId): readonly ActionRecord[] {
    return this.file(environment).read().actions;
  }

  appendAction(environment: EnvironmentId, record: ActionRecord): void {
    const history = this.file(environment).read();
    this.write(environment, { syncs: history.syncs, actions: [record, ...history.actions].slice(0, MAX_ACTION_HISTORY) });
  }

  private write(environment: EnvironmentId, history: History): void {
    const file: HistoryFile = { formatVersion: 1, syncs: [...history.syncs], actions: [...history.actions] };
    this.file(environment).write(file as unknown as History & Record<string, unknown>);
  }
}

/** A cheap structural check: both lists present as lists of records. */
function normalizeHistory(raw: Record<string, unknown>): History {
  const syncs = raw['syncs'] ?? [];
  const actions = raw['actions'] ?? [];
  if (!Array.isArray(syncs) || !syncs.every((record) => typeof record === 'object' && record !== null && 'startedAt' in record)) {
    throw new Error('unexpected content: syncs is not a list of sync records');
  }
  if (!Array.isArray(actions) || !actions.every((record) => typeof record === 'object' && record !== null && 'action' in record)) {
    throw new Error('unexpected content: actions is not a list of action records');
  }
  return { syncs: syncs as SyncRecord[], actions: actions as ActionRecord[] };
}
