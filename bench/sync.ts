/**
 * Sync benchmark (issue 4): requests per sync against the lower bound, local work, cold load,
 * memory, and wall time against the rate-budget floor. Every figure is measured in this run.
 *
 * Run: `tsx bench/sync.ts` (about 40 s on 2 cores).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { RateBudget } from '../main/domain/service.ts';
import { openDataStore } from '../main/store/open-data-store.ts';
import { runSync } from '../main/sync/sync-engine.ts';
import { WvphostClient } from '../main/wvphost/client.ts';
import { RateLimiter } from '../main/wvphost/rate-limiter.ts';
import { getListSchema } from '../main/wvphost/response-schemas.ts';
import type { CertificateInfo, ListItem, ListPage, WvphostApi } from '../main/wvphost/types.ts';
import { readEnvelope } from '../main/wvphost/xml-envelope.ts';
import { startSimulator } from '../sim/index.ts';
import type { Simulator } from '../sim/types.ts';

const UNLIMITED: RateBudget = { perMinute: 10_000_000, perHour: 100_000_000, perDay: 1_000_000_000 };
const COUNT = 10_000;
const LOCAL_GOAL_MS = 1000;
const COLD_GOAL_MS = 300;
const WALL_GOAL_RATIO = 1.2;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const results: string[] = [];
function report(line: string): void {
  results.push(line);
  console.log(line);
}
const fmt = (value: number, digits = 1): string => value.toFixed(digits);

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function client(simulator: Simulator, limiter: RateLimiter): WvphostClient {
  return new WvphostClient({
    baseUrl: simulator.url,
    credentials: simulator.credentials,
    limiter,
    retryMinTimeoutMs: 5,
    retryMaxTimeoutMs: 50,
    throttleWaitMs: 50,
  });
}

function lowerBound(simulator: Simulator, knownLinks: number): number {
  const certificates = simulator.certificates();
  const replaced = certificates.filter((certificate) => certificate.status === 'replaced').length;
  return Math.max(1, Math.ceil(certificates.length / 100)) + replaced - knownLinks;
}

/** 1. Requests per sync ÷ lower bound, on a full (first) and an unchanged (second) sync. */
async function requestRatios(): Promise<string> {
  const simulator = await startSimulator({ count: COUNT, seed: 42, rateLimits: false, issueDelayMs: null });
  const dataDir = tempDir('wvphost-bench-sync-');
  try {
    const store = openDataStore({ dataDir });
    const api = client(simulator, new RateLimiter(UNLIMITED));
    const fullBound = lowerBound(simulator, 0);
    const full = await runSync({ api, store, environment: 'production', rateBudget: UNLIMITED, concurrency: 4 });
    const links = Object.keys(store.cache.read('production').replacedBy).length;
    const unchangedBound = lowerBound(simulator, links);
    const unchanged = await runSync({ api, store, environment: 'production', rateBudget: UNLIMITED, concurrency: 4 });
    if (!full.ok || !unchanged.ok) throw new Error(full.error?.message ?? unchanged.error?.message);
    report(`account: ${COUNT} certificates → ${full.services} services (${links} replaced certificates)`);
    report(
      `requests, full sync:      ${full.requests} / lower bound ${fullBound} = ratio ${fmt(full.requests / fullBound, 2)} (goal 1.00)`,
    );
    report(
      `requests, unchanged sync: ${unchanged.requests} / lower bound ${unchangedBound} = ratio ${fmt(unchanged.requests / unchangedBound, 2)} (goal 1.00)`,
    );
    return dataDir;
  } finally {
    await simulator.close();
  }
}

/** An in-memory account served instantly: the sync's own work with no HTTP at all. */
function memoryApi(items: readonly ListItem[], links: ReadonlyMap<number, number>): WvphostApi & { sent: number } {
  const api = {
    sent: 0,
    get requestsSent() {
      return api.sent;
    },
    getListPage: (params: { page?: number; pageSize?: number }): Promise<ListPage> => {
      api.sent += 1;
      const page = params.page ?? 1;
      const size = params.pageSize ?? 100;
      return Promise.resolve({
        items: items.slice((page - 1) * size, page * size),
        totalItems: items.length,
        currentPage: page,
        pageSize: size,
      });
    },
    getInfo: (certificateId: number): Promise<CertificateInfo> => {
      api.sent += 1;
      return Promise.resolve({ certificateId, replacedBy: links.get(certificateId) ?? null } as CertificateInfo);
    },
  };
  return api as unknown as WvphostApi & { sent: number };
}

/** 2. Local work for 10,000: parse the pages, build lineages, diff, one store write. */
async function localWork(): Promise<void> {
  const simulator = await startSimulator({ count: COUNT, seed: 42, rateLimits: false, issueDelayMs: null });
  const bodies: string[] = [];
  try {
    for (let page = 1; page <= COUNT / 100; page += 1) {
      const body = new URLSearchParams({
        ...simulator.credentials,
        Command: 'namecheap.ssl.getList',
        PageSize: '100',
        Page: String(page),
      });
      bodies.push(await (await fetch(simulator.url, { method: 'POST', body })).text());
    }
  } finally {
    await simulator.close();
  }
  // What the client does with each body: read the envelope, validate and map the list.
  const parseCpu = process.cpuUsage();
  const parseStart = performance.now();
  const items: ListItem[] = [];
  for (const body of bodies) {
    const reading = readEnvelope(body, 'text/xml');
    if (reading.kind !== 'envelope') throw new Error('unreadable page');
    const parsed = getListSchema.parse(reading.envelope.commandResponse) as ListPage;
    items.push(...parsed.items);
  }
  const parseMs = performance.now() - parseStart;
  const parseCpuMs = cpuMs(process.cpuUsage(parseCpu));

  // A reissue chain on every 5th certificate, so lineages and the diff have work to do.
  const links = new Map<number, number>();
  const withLineages = items.map((item, index) => {
    const next = items[index + 1];
    if (index % 5 === 0 && next !== undefined) {
      links.set(item.certificateId, next.certificateId);
      return { ...item, status: 'replaced' };
    }
    return item;
  });
  const dataDir = tempDir('wvphost-bench-local-');
  try {
    const store = openDataStore({ dataDir });
    // Warm-up on another environment (JIT), then measure a first and an unchanged sync.
    await runSync({ api: memoryApi(withLineages, links), store, environment: 'sandbox', rateBudget: UNLIMITED });
    const before = process.memoryUsage().heapUsed;
    /** One production sync of the same account, with its wall and CPU time. */
    const timedSync = async () => {
      const cpuStart = process.cpuUsage();
      const wallStart = performance.now();
      const summary = await runSync({
        api: memoryApi(withLineages, links),
        store,
        environment: 'production',
        rateBudget: UNLIMITED,
      });
      return { summary, ms: performance.now() - wallStart, cpuMs: cpuMs(process.cpuUsage(cpuStart)) };
    };
    const { summary: first, ms: firstMs, cpuMs: firstCpuMs } = await timedSync();
    const { summary: second, ms: secondMs, cpuMs: secondCpuMs } = await timedSync();
    const heapMb = (process.memoryUsage().heapUsed - before) / 1_048_576;
    if (!first.ok || !second.ok) throw new Error('memory sync failed');
    const bytes = fs.statSync(path.join(dataDir, 'cache-production.json')).size;
    report(
      `parse ${COUNT} list items (100 pages, envelope + schema): ${fmt(parseMs)} ms wall, ${fmt(parseCpuMs)} ms CPU`,
    );
    report(
      `sync local work, first sync (lineages, diff of ${first.changes.length} changes, one ${fmt(bytes / 1_048_576, 2)} MB write): ${fmt(firstMs)} ms wall, ${fmt(firstCpuMs)} ms CPU`,
    );
    report(`sync local work, unchanged sync: ${fmt(secondMs)} ms wall, ${fmt(secondCpuMs)} ms CPU`);
    const total = parseMs + Math.max(firstMs, secondMs);
    const totalCpu = parseCpuMs + Math.max(firstCpuMs, secondCpuMs);
    report(
      `local work for ${COUNT} (parse + build + diff + write): ${fmt(total)} ms wall (ratio ${fmt(total / LOCAL_GOAL_MS, 2)}), ${fmt(totalCpu)} ms CPU (ratio ${fmt(totalCpu / LOCAL_GOAL_MS, 2)}) / goal ${LOCAL_GOAL_MS} ms (goal < 1; wall time grows with the load of the machine)`,
    );
    report(
      `memory: heap growth during two 10,000 syncs ${fmt(heapMb)} MB; process rss ${fmt(process.memoryUsage().rss / 1_048_576)} MB`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** 3. Cold load of the 10,000 cache in a fresh process. */
function coldLoad(dataDir: string): void {
  const child = path.join(ROOT, 'bench', 'helpers', 'sync-cold-load-child.ts');
  const runs: { totalMs: number; readMs: number; buildMs: number; services: number; rssMb: number }[] = [];
  for (let run = 0; run < 3; run += 1) {
    const output = execFileSync(process.execPath, ['--import', 'tsx', child, dataDir], { cwd: ROOT, encoding: 'utf8' });
    runs.push(JSON.parse(output.trim()) as (typeof runs)[number]);
  }
  const best = runs.reduce((a, b) => (a.totalMs <= b.totalMs ? a : b));
  const worst = runs.reduce((a, b) => (a.totalMs >= b.totalMs ? a : b));
  report(
    `cold load of ${best.services} services (fresh process: open store, read ${COUNT} certificates, build services): best ${fmt(best.totalMs)} ms (read ${fmt(best.readMs)} + build ${fmt(best.buildMs)}), worst ${fmt(worst.totalMs)} ms / goal ${COLD_GOAL_MS} ms = ratio ${fmt(worst.totalMs / COLD_GOAL_MS, 2)} (goal < 1); child rss ${fmt(best.rssMb)} MB`,
  );
}

/** 4. Wall time ÷ rate-budget floor, with 50–200 ms latency per request. */
async function wallRatio(): Promise<void> {
  // A scaled budget: 20 requests per 2 s window (600/min), so the budget, not the latency, is the
  // bottleneck and the run stays short. The simulator enforces 600/min itself and would throttle.
  const windows = { minuteMs: 2_000, hourMs: 3_600_000, dayMs: 86_400_000 };
  const budget: RateBudget = { perMinute: 20, perHour: 1_000_000, perDay: 10_000_000 };
  const allowedPerSecond = budget.perMinute / (windows.minuteMs / 1000);
  const simulator = await startSimulator({
    count: 1_200,
    seed: 8,
    rateLimits: { perMinute: 600, perHour: 100_000, perDay: 1_000_000 },
    issueDelayMs: null,
    faults: { latencyMs: [50, 200] },
  });
  const dataDir = tempDir('wvphost-bench-wall-');
  try {
    const limiter = new RateLimiter(budget, undefined, { windows });
    const store = openDataStore({ dataDir });
    const started = performance.now();
    const summary = await runSync({
      api: client(simulator, limiter),
      store,
      environment: 'production',
      rateBudget: budget,
    });
    const wallS = (performance.now() - started) / 1000;
    if (!summary.ok) throw new Error(summary.error?.message);
    const floorS = summary.requests / allowedPerSecond;
    const exactFloorS = new RateLimiter(budget, undefined, { windows }).estimateWaitMs(summary.requests) / 1000;
    const throttled = simulator.requestLog.filter((entry) => entry.outcome !== 'ok').length;
    report(
      `wall time, ${summary.requests} requests at ${allowedPerSecond}/s with 50–200 ms latency: ${fmt(wallS, 2)} s / floor ${fmt(floorS, 2)} s (requests ÷ allowed rate) = ratio ${fmt(wallS / floorS, 2)} (goal ≤ ${WALL_GOAL_RATIO}); vs the limiter's exact floor ${fmt(exactFloorS, 2)} s = ${fmt(wallS / exactFloorS, 2)}; server throttles/faults: ${throttled}`,
    );
  } finally {
    await simulator.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `tsx bench/sync.ts [local|wall]` runs one part only; no argument runs them all. */
async function main(): Promise<void> {
  const only = process.argv[2];
  console.log('bench/sync.ts — sync engine figures (issue 4)');
  if (only === undefined) {
    const dataDir = await requestRatios();
    try {
      coldLoad(dataDir);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (only === undefined || only === 'local') await localWork();
  if (only === undefined || only === 'wall') await wallRatio();
}

await main();
