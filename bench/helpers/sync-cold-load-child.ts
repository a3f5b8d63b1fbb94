/**
 * Child of bench/sync.ts: measures a cold start's path from the data folder to the services list
 * (open the store, read and check the cache file, build every service) in a fresh process.
 *
 * Usage: tsx bench/helpers/sync-cold-load-child.ts <dataDir>; prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { openDataStore } from '../../main/store/open-data-store.ts';
import { buildServices, localToday } from '../../main/sync/build-services.ts';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: sync-cold-load-child.ts <dataDir>');
const started = performance.now();
const store = openDataStore({ dataDir });
const cache = store.cache.read('production');
const read = performance.now();
const services = buildServices(cache, {
  today: localToday(),
  dueDateOffsetDays: store.settings.get().dueDateOffsetDays,
});
const built = performance.now();
process.stdout.write(
  `${JSON.stringify({
    services: services.length,
    certificates: cache.certificates.length,
    readMs: read - started,
    buildMs: built - read,
    totalMs: built - started,
    rssMb: process.memoryUsage().rss / 1_048_576,
  })}\n`,
);
