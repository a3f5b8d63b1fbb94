/**
 * Syncing through faults, the progress shown meanwhile, and Cancel leaving the cache untouched.
 *
 * The Demo environment's simulator gets latency and transient failures (`setFaults`); the real
 * client retries them, the real sync engine reports progress, the renderer shows it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoSimulator } from '../../main/environments/demo-simulator.ts';
import type { Simulator } from '../../sim/types.ts';
import { startE2eApp, waitForServiceCount, type E2eApp } from './helpers/app-harness.ts';
import { screenshotBothSchemes } from './helpers/screenshots.ts';
import { noticeMark, waitForNotice } from './helpers/notice-log.ts';
import type { BridgedPage } from './helpers/chromium-bridge.ts';

let app: E2eApp;
let bridged: BridgedPage;
let page: Page;
let sim: Simulator;

beforeAll(async () => {
  app = await startE2eApp();
  await app.handlers()['environment:select']({ environment: 'demo' });
  sim = await demoSimulator();
  bridged = await app.open();
  page = bridged.page;
  await page.getByTestId('sync-button').waitFor();
});

afterAll(async () => {
  await app?.close();
});

/**
 * The channels the page invoked since `mark` (an earlier `app.invocations.length`).
 *
 * Events are delivered first and a round trip through the page follows, so every call the page
 * made in reaction has reached the core before the list is read.
 */
async function invokedSince(mark: number): Promise<string[]> {
  await app.relay.flush();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  return app.invocations.slice(mark);
}

/** Top of the reserved header slot: must not move when the progress appears. */
async function tableTop(): Promise<number> {
  return page.getByTestId('services-table').evaluate((element) => element.getBoundingClientRect().top);
}

describe('sync with faults and cancel', () => {
  it('retries transient failures, shows phase, pages, requests and time left, and finishes', async () => {
    sim.setFaults({ latencyMs: [120, 200], http503Rate: 0.25, unhandledErrorRate: 0.1 });
    const topBefore = await tableTop();
    const since = await noticeMark(page);
    const calls = app.invocations.length;
    await page.getByTestId('sync-button').click();
    const progress = page.getByTestId('sync-progress');
    await progress.filter({ hasText: /[1-9]\d* requests? used/ }).waitFor();
    const text = await progress.innerText();
    expect(text).toMatch(/Reading certificates|Following reissues|Saving/);
    expect(text).toMatch(/page \d+/);
    // No layout jump: the progress lives in a slot reserved in the header.
    expect(await tableTop()).toBe(topBefore);
    await expect(page.getByTestId('cancel-sync').isVisible()).resolves.toBe(true);
    await screenshotBothSchemes(page, 'sync-progress');

    await page.getByTestId('sync-button').waitFor({ timeout: 60_000 });
    await waitForServiceCount(page, /^[1-9][\d,]* services$/);
    const { services } = await app.handlers()['services:list']();
    expect(services.length).toBeGreaterThan(100);
    const faulted = sim.requestLog.filter((entry) => entry.outcome !== 'ok').length;
    expect(faulted).toBeGreaterThan(0);
    await waitForNotice(page, /Sync finished: \d+ services/, { since });
    await expect(page.getByTestId('status-banner').count()).resolves.toBe(0);
    // One reload of the services per sync that changed them (not one per event and reply).
    await waitForServiceCount(page, `${services.length} services`);
    expect((await invokedSince(calls)).filter((channel) => channel === 'services:list')).toEqual(['services:list']);
  });

  it('cancels a slow sync and keeps the cached services exactly as they were', async () => {
    const cacheFile = () => readFileSync(join(app.dataDir, ...cachePathOf()));
    const before = cacheFile();
    const shownBefore = await page.getByTestId('shown-count').innerText();
    sim.setFaults({ latencyMs: [700, 900] });
    const since = await noticeMark(page);
    const calls = app.invocations.length;
    await page.keyboard.press('Control+r');
    await page.getByTestId('sync-progress').waitFor();
    await page.getByTestId('cancel-sync').click();
    await page.getByTestId('sync-button').waitFor({ timeout: 30_000 });
    await waitForNotice(page, 'Sync cancelled', { since });
    await expect(page.getByTestId('shown-count').innerText()).resolves.toBe(shownBefore);
    expect(cacheFile().equals(before)).toBe(true);
    // Nothing changed, so nothing is reloaded.
    expect(await invokedSince(calls)).not.toContain('services:list');
    const history = await app.handlers()['sync:history']();
    expect(history[0]?.outcome).toBe('cancelled');
    // A cancelled sync is not a failure: no offline banner.
    await expect(page.getByTestId('status-banner').count()).resolves.toBe(0);
    sim.setFaults({});
    expect(bridged.problems).toEqual([]);
  });
});

/** The demo cache file, relative to the data dir (the store's layout). */
function cachePathOf(): string[] {
  return ['cache-demo.json'];
}
