/**
 * Builds the renderer once per source version and returns the folder to serve.
 *
 * Test files run in parallel processes; they share one build through a folder named after a hash
 * of the renderer's sources, claimed with an atomic `mkdir` lock, so a run builds at most once and
 * an unchanged renderer is not rebuilt at all.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const repoRoot = resolve(import.meta.dirname, '../../..');
const rendererRoot = join(repoRoot, 'renderer');

function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else files.push(path);
  }
  return files.sort();
}

const BUILD_FLAVOUR = 'production';

/** Hash of everything the bundle is made from (renderer sources and the contract it imports). */
function sourceHash(): string {
  const hash = createHash('sha256');
  // Part of the key, so folders built before builds were always production are never reused.
  hash.update(BUILD_FLAVOUR);
  const inputs = [...listFiles(rendererRoot), join(repoRoot, 'preload/api.ts'), join(repoRoot, 'package-lock.json')];
  for (const file of inputs) {
    hash.update(file.slice(repoRoot.length));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Removes builds of older renderer versions (a day old or more) so temp space does not pile up. */
function pruneOldBuilds(keep: string): void {
  for (const entry of readdirSync(tmpdir())) {
    const path = join(tmpdir(), entry);
    if (!entry.startsWith('wvphost-e2e-renderer-') || path === keep) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process pruned it first.
    }
  }
}

/** Returns the folder holding the built renderer (index.html + assets). */
export async function buildRenderer(): Promise<string> {
  const base = join(tmpdir(), `wvphost-e2e-renderer-${sourceHash()}`);
  const outDir = join(base, 'dist');
  const done = join(base, 'done');
  const lock = join(base, 'lock');
  mkdirSync(base, { recursive: true });
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (existsSync(done)) return outDir;
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building; a lock older than 2 minutes is from a crashed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // It vanished meanwhile: fine.
      }
      await sleep(250);
      continue;
    }
    try {
      const { build } = await import('vite');
      // Vitest sets NODE_ENV=test, and Vite follows NODE_ENV: the bundle would carry React's
      // development build (578 kB instead of 351 kB, slower, and warned about as a chunk over
      // 500 kB). Tests and the UI benchmark must run what ships, so build for production.
      const nodeEnv = process.env['NODE_ENV'];
      process.env['NODE_ENV'] = BUILD_FLAVOUR;
      try {
        await build({
          configFile: join(rendererRoot, 'vite.config.ts'),
          mode: BUILD_FLAVOUR,
          logLevel: 'warn',
          build: { outDir, emptyOutDir: true },
        });
      } finally {
        if (nodeEnv === undefined) delete process.env['NODE_ENV'];
        else process.env['NODE_ENV'] = nodeEnv;
      }
      mkdirSync(done);
      pruneOldBuilds(base);
      return outDir;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  throw new Error('Timed out waiting for another process to build the renderer.');
}
