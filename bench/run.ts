/**
 * Runs every benchmark (bench/*.ts except this one) in sequence, each in its own process, and
 * prints all their figures, then a summary of which ran and how long each took.
 *
 * Run: `npm run bench` (or `tsx bench/run.ts`). Exit 1 when a benchmark failed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const SELF = path.basename(fileURLToPath(import.meta.url));

const scripts = fs
  .readdirSync(BENCH_DIR)
  .filter((name) => name.endsWith('.ts') && name !== SELF)
  .sort();

const outcomes: { readonly name: string; readonly seconds: number; readonly ok: boolean }[] = [];
for (const name of scripts) {
  console.log(`\n=== bench/${name} ===`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, name)], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const seconds = (performance.now() - started) / 1000;
  const ok = result.status === 0;
  if (!ok) console.log(`bench/${name} FAILED (exit ${String(result.status ?? result.signal)})`);
  outcomes.push({ name, seconds, ok });
}

console.log('\n=== summary ===');
for (const outcome of outcomes)
  console.log(`${outcome.ok ? 'ok    ' : 'FAILED'} bench/${outcome.name} (${outcome.seconds.toFixed(1)} s)`);
process.exitCode = outcomes.every((outcome) => outcome.ok) ? 0 : 1;
