/**
 * Store benchmark: one commit and the cold load of a 10,000-certificate cache.
 *
 * Goal (issue 4): cold load of a 10,000-service cache under 300 ms. Prints figures and the ratio
 * to the goal measured in this run; `tsx bench/store-cold-load.ts`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { CertificateSnapshot } from '../main/domain/service.ts';
import { openDataStore } from '../main/store/open-data-store.ts';

const COUNT = 10_000;
const GOAL_MS = 300;
const ROUNDS = 5;

function certificate(certificateId: number): CertificateSnapshot {
  return {
    certificateId,
    hostName: `www.customer-${certificateId}.example.com`,
    sslType: certificateId % 3 === 0 ? 'PositiveSSL Wildcard' : 'PositiveSSL',
    status: certificateId % 11 === 0 ? 'replaced' : 'active',
    purchaseDate: '2025-03-14',
    expireDate: '2026-03-14',
    activationExpireDate: null,
    isExpired: false,
    lastSyncedAt: '2025-11-26T08:00:00.000Z',
  };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wvp-bench-store-'));
try {
  const replacedBy: Record<string, number> = {};
  for (let id = 11; id <= COUNT; id += 11) replacedBy[String(id)] = id + 1;
  const cache = {
    certificates: Array.from({ length: COUNT }, (_, index) => certificate(index + 1)),
    replacedBy,
    localReissues: {},
    lastSuccessfulSyncAt: '2025-11-26T08:00:00.000Z',
  };

  const writer = openDataStore({ dataDir });
  const commitStart = performance.now();
  writer.cache.commit('production', cache);
  const commitMs = performance.now() - commitStart;
  const bytes = fs.statSync(path.join(dataDir, 'cache-production.json')).size;

  const loads: number[] = [];
  const opens: number[] = [];
  let heapDelta = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    const store = openDataStore({ dataDir });
    opens.push(performance.now() - start);
    const read = store.cache.read('production');
    loads.push(performance.now() - start);
    heapDelta = process.memoryUsage().heapUsed - heapBefore;
    if (read.certificates.length !== COUNT) throw new Error('cache lost certificates');
  }
  const first = loads[0] ?? 0;
  const median = [...loads].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? 0;
  console.log(`store: ${COUNT} certificates, cache file ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`store: one atomic commit ${commitMs.toFixed(1)} ms`);
  console.log(`store: of which opening settings.json (conf + ajv + migrations) first ${(opens[0] ?? 0).toFixed(1)} ms`);
  console.log(`store: cold load (open + read) first ${first.toFixed(1)} ms, median of ${ROUNDS} ${median.toFixed(1)} ms`);
  console.log(`store: cold load / goal (${GOAL_MS} ms) = ${(first / GOAL_MS).toFixed(2)} (first), ${(median / GOAL_MS).toFixed(2)} (median)`);
  // A fresh process: module loading (conf, ajv) and the first ajv setup included.
  const modulePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../main/store/open-data-store.ts');
  const probe = path.join(dataDir, 'probe.mts');
  fs.writeFileSync(
    probe,
    `const start = performance.now();
const { openDataStore } = await import(${JSON.stringify(modulePath)});
const imported = performance.now();
const count = openDataStore({ dataDir: ${JSON.stringify(dataDir)} }).cache.read('production').certificates.length;
process.stdout.write(JSON.stringify({ importMs: imported - start, loadMs: performance.now() - imported, count }));
`,
  );
  const fresh = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', probe], { encoding: 'utf8' })) as { importMs: number; loadMs: number; count: number };
  if (fresh.count !== COUNT) throw new Error('fresh process lost certificates');
  console.log(`store: fresh process: open + read ${fresh.loadMs.toFixed(1)} ms (/ goal = ${(fresh.loadMs / GOAL_MS).toFixed(2)}), plus module import ${fresh.importMs.toFixed(1)} ms`);
  console.log(`store: heap after load +${(heapDelta / 1024 / 1024).toFixed(1)} MiB (approx.)`);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
