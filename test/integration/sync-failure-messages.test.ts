/**
 * A sync that cannot finish says why in words the user can act on, and leaves the cache as it was:
 * a wrong base URL, an answer that is not readable XML, a cancel, a full disk.
 */
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataStore } from '../../main/store/open-data-store.ts';
import { runSync } from '../../main/sync/sync-engine.ts';
import type { WvphostClient } from '../../main/wvphost/client.ts';
import type { Simulator } from '../../sim/types.ts';
import {
  cacheBytes,
  GENEROUS_BUDGET,
  interceptedApi,
  startTestSimulator,
  tempStores,
  testClient,
  type TempStore,
} from '../helpers/sync-harness.ts';
import { testClient as clientOf } from '../helpers/test-client.ts';
import { canMountTmpfs, mountTmpfs, unmountTmpfs } from '../helpers/tmpfs.ts';

const ENV = 'production';
const newStore = tempStores();

describe('sync failure messages, cache intact', () => {
  let simulator: Simulator;
  let html: Server;
  let htmlUrl: string;
  beforeAll(async () => {
    simulator = await startTestSimulator({ seed: 9, count: 120 });
    html = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<!doctype html><html><head><title>Welcome</title></head><body>It works!</body></html>');
    });
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await simulator.close();
    await new Promise<void>((resolve) => html.close(() => resolve()));
  });

  async function syncedStore(): Promise<TempStore> {
    const temp = newStore();
    const first = await runSync({
      api: testClient(simulator),
      store: temp.store,
      environment: ENV,
      rateBudget: GENEROUS_BUDGET,
    });
    expect(first.ok).toBe(true);
    return temp;
  }

  /** The simulator account's client, sent to another address (a wrong base URL). */
  function clientAt(baseUrl: string): WvphostClient {
    return clientOf(simulator, { baseUrl, timeoutMs: 5_000, maxRetries: 2, retryMaxTimeoutMs: 10 });
  }

  it('a wrong base URL (a web page answers): not-wvphost-endpoint naming the URL, cache untouched', async () => {
    const temp = await syncedStore();
    const before = cacheBytes(temp.dataDir);
    const summary = await runSync({
      api: clientAt(htmlUrl),
      store: temp.store,
      environment: ENV,
      rateBudget: GENEROUS_BUDGET,
    });
    expect(summary).toMatchObject({ ok: false, cancelled: false, error: { code: 'not-wvphost-endpoint' } });
    expect(summary.error?.message).toContain('127.0.0.1');
    expect(summary.error?.message).toMatch(/base URL/);
    expect(summary.error?.message).toMatch(/xml\.response/);
    expect(summary.error?.message).toContain('The cached services are unchanged.');
    expect(summary.services).toBeGreaterThan(0);
    expect(cacheBytes(temp.dataDir)).toEqual(before);
    expect(temp.store.history.syncHistory(ENV)[0]).toMatchObject({ outcome: 'failed', error: summary.error?.message });
  });

  it('an unreachable URL: unreachable, saying the connection was refused, cache untouched', async () => {
    const temp = await syncedStore();
    const before = cacheBytes(temp.dataDir);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const summary = await runSync({
      api: clientAt(`http://127.0.0.1:${port}/xml.response`),
      store: temp.store,
      environment: ENV,
      rateBudget: GENEROUS_BUDGET,
    });
    expect(summary).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect(summary.error?.message).toMatch(/connection was refused/);
    expect(cacheBytes(temp.dataDir)).toEqual(before);
  });

  it('garbage answers (malformed XML every time): malformed-response after the retries, cache untouched', async () => {
    const temp = await syncedStore();
    const before = cacheBytes(temp.dataDir);
    simulator.setFaults({ malformedRate: 1 });
    try {
      const summary = await runSync({
        api: clientAt(simulator.url),
        store: temp.store,
        environment: ENV,
        rateBudget: GENEROUS_BUDGET,
      });
      expect(summary).toMatchObject({ ok: false, error: { code: 'malformed-response' } });
      expect(summary.error?.message).toMatch(/could not be read/);
      expect(summary.error?.message).toMatch(/attempts were made/);
      expect(summary.error?.message).toContain('The cached services are unchanged.');
    } finally {
      simulator.setFaults({});
    }
    expect(cacheBytes(temp.dataDir)).toEqual(before);
  });

  it('a cancel in the middle: a cancelled result with its own sentence, cache untouched', async () => {
    const temp = await syncedStore();
    simulator.addCertificate({ hostName: 'cancel-meanwhile.example.com', status: 'active' });
    const before = cacheBytes(temp.dataDir);
    const controller = new AbortController();
    const summary = await runSync({
      api: interceptedApi(testClient(simulator), { afterListPage: () => controller.abort() }),
      store: temp.store,
      environment: ENV,
      rateBudget: GENEROUS_BUDGET,
      signal: controller.signal,
    });
    expect(summary).toMatchObject({
      ok: false,
      cancelled: true,
      error: { code: 'cancelled', message: 'The sync was cancelled; the cached services are unchanged.' },
    });
    expect(cacheBytes(temp.dataDir)).toEqual(before);
  });

  it.skipIf(!canMountTmpfs())(
    'a full disk at the commit: disk-full, the old cache intact and no temp file left (tmpfs)',
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-full-disk-'));
      mountTmpfs(dataDir, '1m');
      try {
        const store = openDataStore({ dataDir });
        const first = await runSync({
          api: testClient(simulator),
          store,
          environment: ENV,
          rateBudget: GENEROUS_BUDGET,
        });
        expect(first.ok).toBe(true);
        const before = cacheBytes(dataDir);
        expect(before).not.toBeNull();
        // Fill the rest of the disk.
        const filler = fs.openSync(path.join(dataDir, 'filler.bin'), 'w');
        const chunk = Buffer.alloc(4096, 1);
        try {
          for (;;) fs.writeSync(filler, chunk);
        } catch (error) {
          expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
        } finally {
          fs.closeSync(filler);
        }
        simulator.addCertificate({ hostName: 'after-disk-full.example.com', status: 'active' });

        const summary = await runSync({
          api: testClient(simulator),
          store,
          environment: ENV,
          rateBudget: GENEROUS_BUDGET,
        });
        expect(summary).toMatchObject({ ok: false, cancelled: false, error: { code: 'disk-full' } });
        expect(summary.error?.message).toMatch(/disk holding the data folder is full/);
        expect(summary.error?.message).toMatch(/Free some space/);
        expect(summary.services).toBe(first.services);
        expect(cacheBytes(dataDir)).toEqual(before);
        expect(fs.readdirSync(dataDir).filter((name) => name.includes('.tmp'))).toEqual([]);
        // A fresh process reads the old cache as it was.
        expect(openDataStore({ dataDir }).cache.read(ENV).certificates).toHaveLength(
          store.cache.read(ENV).certificates.length,
        );
      } finally {
        unmountTmpfs(dataDir);
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
