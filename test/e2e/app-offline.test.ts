/**
 * Offline: the app starts from its cache when Wvphost cannot be reached, says so, and stays usable.
 *
 * A sandbox account on a real simulator is synced "two days ago" (the core's clock), the
 * simulator is shut down, and the app restarts: the cached services, their details and the
 * report export all work; the stale banner, then the failed-sync banner, say what is going on.
 */
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSimulator } from '../../sim/index.ts';
import type { Simulator } from '../../sim/types.ts';
import { startE2eApp, waitForServiceCount, type E2eApp } from './helpers/app-harness.ts';
import { screenshotBothSchemes } from './helpers/screenshots.ts';
import { noticeMark, waitForNotice } from './helpers/notice-log.ts';
import type { BridgedPage } from './helpers/chromium-bridge.ts';

const DAY_MS = 86_400_000;
let app: E2eApp;
let sim: Simulator;
let bridged: BridgedPage;
let page: Page;
let clockOffsetMs = -2 * DAY_MS;
let cachedCount = 0;
const API_USER = 'e2eoffline';

beforeAll(async () => {
  sim = await startSimulator({
    count: 30,
    seed: 5,
    rateLimits: false,
    credentials: {
      apiUser: API_USER,
      apiKey: 'offline-0123456789abcdef0123456789',
      userName: API_USER,
      clientIp: '127.0.0.1',
    },
  });
  app = await startE2eApp({ now: () => new Date(Date.now() + clockOffsetMs) });
  const handlers = app.handlers();
  await handlers['environment:save']({
    environment: 'sandbox',
    baseUrl: sim.url,
    apiUser: sim.credentials.apiUser,
    userName: sim.credentials.userName,
    clientIp: sim.credentials.clientIp,
    rateBudget: '600/min,20000/h,200000/day',
    apiKey: sim.credentials.apiKey,
  });
  await handlers['environment:select']({ environment: 'sandbox' });
}, 120_000);

afterAll(async () => {
  await app?.secrets.deleteApiKey('sandbox', API_USER).catch(() => false);
  await app?.close();
  await sim?.close().catch(() => undefined);
});

describe('offline start from the cache', () => {
  it('syncs while online (two days ago)', async () => {
    const summary = await app.handlers()['sync:start']();
    if (!summary.ok) throw new Error(summary.error?.message ?? 'sync failed');
    cachedCount = summary.services;
    expect(cachedCount).toBeGreaterThan(20);
  });

  it('starts with Wvphost unreachable: cached services, a stale banner, details and export work', async () => {
    await sim.close();
    clockOffsetMs = 0;
    await app.restartCore();
    bridged = await app.open();
    page = bridged.page;
    await waitForServiceCount(page, `${cachedCount} services`);
    const banner = page.getByTestId('status-banner');
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toMatch(/out of date/i);
    await expect(banner.innerText()).resolves.toMatch(/2 days ago/);
    await expect(page.getByTestId('last-sync').innerText()).resolves.toMatch(/2 days ago/);

    await page.getByTestId('service-row').first().click();
    await page.getByTestId('lineage').waitFor();
    const since = await noticeMark(page);
    await page.getByTestId('export-report').click();
    await waitForNotice(page, /Report of \d+ services? saved/, { since });
    expect(statSync(app.shell.savedPaths.at(-1) ?? '').size).toBeGreaterThan(0);
    await screenshotBothSchemes(page, 'offline-stale');
  });

  it('a sync that cannot reach Wvphost fails with a reason; the banner says offline and the services stay', async () => {
    await page.getByTestId('sync-button').click();
    await page.getByTestId('sync-button').waitFor({ timeout: 90_000 });
    const banner = page.getByTestId('status-banner');
    await banner.filter({ hasText: /Offline/ }).waitFor();
    await expect(banner.innerText()).resolves.toMatch(/could not reach|127\.0\.0\.1/i);
    await expect(page.getByTestId('shown-count').innerText()).resolves.toBe(`${cachedCount} services`);
    const history = await app.handlers()['sync:history']();
    expect(history[0]?.outcome).toBe('failed');
    await screenshotBothSchemes(page, 'offline-failed');
    expect(bridged.problems).toEqual([]);
  }, 120_000);
});
