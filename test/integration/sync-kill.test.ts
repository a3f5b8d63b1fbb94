import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDataStore } from '../../main/store/open-data-store.ts';
import { tempStores } from '../helpers/sync-harness.ts';

const CHILD = fileURLToPath(new URL('../helpers/sync-kill-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const newStore = tempStores('wvphost-kill-');

/**
 * Runs the child until a cache exists and it announced `saving` a given number of times, then kills it with SIGKILL after `delayMs`; returns every count it announced.
 */
interface KillOutcome {
  /** Every certificate count the child announced (saving or committed). */
  readonly announced: Set<number>;
  /** The kill landed between `saving` and `committed`: while the new cache was built and written. */
  readonly duringSave: boolean;
}

function runAndKill(dataDir: string, savesBeforeKill: number, delayMs: number): Promise<KillOutcome> {
  const hadCache = fs.existsSync(path.join(dataDir, 'cache-production.json'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, '2000'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const announced = new Set<number>();
    let saves = 0;
    let committed = 0;
    let buffer = '';
    let stderr = '';
    let killing = false;
    let lastWord = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [word, count] = line.split(' ');
        announced.add(Number(count));
        if (word === 'committed') committed += 1;
        if (word === 'saving') saves += 1;
        lastWord = word ?? '';
        if (!killing && (committed >= 1 || hadCache) && saves >= savesBeforeKill) {
          killing = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.on('exit', (code, signal) => {
      // stdout is fully read before 'exit' is reported for a killed child with piped output.
      if (signal === 'SIGKILL') resolve({ announced, duringSave: lastWord === 'saving' });
      else reject(new Error(`child ended on its own (code ${String(code)}): ${stderr}`));
    });
  });
}

describe('kill -9 during a sync', () => {
  it('always leaves the old or the new cache, never a broken one', { timeout: 120_000 }, async () => {
    const temp = newStore();
    const file = path.join(temp.dataDir, 'cache-production.json');
    // Kill right at the commit announcement and at a spread of moments around it.
    const plan: readonly [number, number][] = [
      [2, 0],
      [1, 6],
      [1, 25],
      [2, 90],
    ];
    let killsDuringSave = 0;
    for (const [saves, delay] of plan) {
      const before = fs.existsSync(file)
        ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { certificates: unknown[] }).certificates.length
        : null;
      const { announced, duringSave } = await runAndKill(temp.dataDir, saves, delay);
      if (duringSave) killsDuringSave += 1;
      // The old cache (what the file held before this child) is as good an outcome as a new one.
      if (before !== null) announced.add(before);
      const text = fs.readFileSync(file, 'utf8');
      const parsed = JSON.parse(text) as { certificates: unknown[]; lastSuccessfulSyncAt: string | null };
      expect(announced.has(parsed.certificates.length)).toBe(true);
      expect(parsed.lastSuccessfulSyncAt).not.toBeNull();
      // The store opens it as a healthy cache (a damaged one would be set aside with a warning).
      const store = openDataStore({ dataDir: temp.dataDir });
      const cache = store.cache.read('production');
      expect(store.openingWarnings).toEqual([]);
      expect(cache.certificates).toHaveLength(parsed.certificates.length);
    }
    // Some kills landed in the save phase (new cache built and written), not only while reading.
    expect(killsDuringSave).toBeGreaterThan(0);
  });
});
