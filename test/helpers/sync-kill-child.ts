/**
 * Child process of the kill -9 test: syncs a large simulated account again and again, changing
 * the account between syncs, and announces on stdout when it is about to commit and when it did.
 *
 * Usage: node --import tsx test/helpers/sync-kill-child.ts <dataDir> <count>
 */
import { openDataStore } from '../../main/store/open-data-store.ts';
import { runSync } from '../../main/sync/sync-engine.ts';
import { GENEROUS_BUDGET, startTestSimulator, testClient } from './sync-harness.ts';

const [dataDir, countText] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: sync-kill-child.ts <dataDir> <count>');
const simulator = await startTestSimulator({ seed: 99, count: Number(countText ?? '3000') });
const store = openDataStore({ dataDir });
const api = testClient(simulator);
for (let round = 0; ; round += 1) {
  const expected = simulator.certificates().length;
  const summary = await runSync({
    api,
    store,
    environment: 'production',
    rateBudget: GENEROUS_BUDGET,
    onProgress: (progress) => {
      if (progress.phase === 'saving') process.stdout.write(`saving ${expected}\n`);
    },
  });
  if (!summary.ok) throw new Error(summary.error?.message);
  process.stdout.write(`committed ${store.cache.read('production').certificates.length}\n`);
  simulator.addCertificate({ hostName: `round${round}.example.com`, status: 'active' });
}
