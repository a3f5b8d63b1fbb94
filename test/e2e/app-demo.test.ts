/**
 * First run → Demo → sync → search, filter, sort → detail, keyboard only where it matters.
 *
 * The real app core and dispatcher behind `window.wvphost`, the Demo environment's simulator,
 * a real data dir and keychain, the built renderer in Chromium.
 */
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2eApp, waitForServiceCount, type E2eApp } from './helpers/app-harness.ts';
import { screenshotBothSchemes } from './helpers/screenshots.ts';
import { noticeMark, waitForNotice } from './helpers/notice-log.ts';
import type { BridgedPage } from './helpers/chromium-bridge.ts';

let app: E2eApp;
let bridged: BridgedPage;
let page: Page;

beforeAll(async () => {
  app = await startE2eApp();
  bridged = await app.open();
  page = bridged.page;
});

afterAll(async () => {
  await app?.close();
});

/** Back to the unfiltered table, so a failed test does not cascade into the next ones. */
async function resetView(): Promise<void> {
  if (await page.getByTestId('settings-view').isVisible()) await page.getByTestId('settings-close').click();
  await page.getByTestId('search').fill('');
  if (await page.getByTestId('clear-filters').isEnabled()) await page.getByTestId('clear-filters').click();
  await waitForServiceCount(page, /^\d+ services$/);
}

/** Host names of the rows currently rendered, top to bottom. */
async function visibleHosts(): Promise<string[]> {
  return page.getByTestId('service-row').locator('.col-hostName').allInnerTexts();
}

describe('first run with the Demo', () => {
  it('offers the Demo or signing in, then opens the Demo environment', async () => {
    await page.getByTestId('onboarding').waitFor();
    await expect(page.getByTestId('onboarding-demo').innerText()).resolves.toContain('works offline');
    await screenshotBothSchemes(page, 'onboarding');

    await page.getByTestId('onboarding-demo').click();
    await expect(page.getByTestId('environment-badge').innerText()).resolves.toMatch(/demo/i);
    await expect(page.getByTestId('last-sync').innerText()).resolves.toBe('Never synced');
    // The choice is persisted by the core: a reload lands in the workspace, not the onboarding.
    await page.reload();
    await page.getByTestId('environment-badge').waitFor();
  });

  it('syncs the demo account and fills the table and the summary', async () => {
    await page.getByTestId('sync-button').click();
    await waitForServiceCount(page, /^[1-9][\d,]* services$/);
    await page.getByTestId('sync-button').waitFor();
    const total = Number((await page.getByTestId('shown-count').innerText()).replace(/\D/g, ''));
    const listed = await app.handlers()['services:list']();
    expect(total).toBe(listed.services.length);
    expect(total).toBeGreaterThan(100);
    await expect.poll(() => page.getByTestId('last-sync').innerText()).toMatch(/Synced/);
    const hover = await page.getByTestId('last-sync').locator('time').getAttribute('title');
    expect(hover).toMatch(/\d{4}/);

    const active = listed.services.filter((service) => service.status === 'active').length;
    await expect(page.getByTestId('summary-active').locator('.summary-value').innerText()).resolves.toBe(
      String(active),
    );
    const awaiting = listed.services.filter((service) => service.needsActivation).length;
    await expect(page.getByTestId('summary-awaiting-activation').locator('.summary-value').innerText()).resolves.toBe(
      String(awaiting),
    );
    expect(bridged.problems).toEqual([]);
  });

  it('searches by host and by certificate ID', async () => {
    await resetView();
    const { services } = await app.handlers()['services:list']();
    const target = services.find((service) => service.hostName !== '' && service.status === 'active');
    expect(target).toBeDefined();
    if (target === undefined) return;

    await page.keyboard.press('Control+f');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('search');
    await page.keyboard.type(target.hostName);
    await waitForServiceCount(page, /^1 of /);
    await expect(visibleHosts()).resolves.toEqual([target.hostName]);

    await page.getByTestId('search').fill(String(target.certificateId));
    await waitForServiceCount(page, /^1 of /);
    await expect(page.getByTestId('service-row').first().getAttribute('data-certificate-id')).resolves.toBe(
      String(target.certificateId),
    );

    // Escape in the search box clears it.
    await page.getByTestId('search').press('Escape');
    await waitForServiceCount(page, /^\d+ services$/);

    // Nothing matches: the table says what hides the services and offers to clear it.
    await page.getByTestId('search').fill('no-such-host.invalid');
    await waitForServiceCount(page, /^0 of /);
    await expect(page.getByTestId('table-empty').innerText()).resolves.toContain(
      'No service matches “no-such-host.invalid”.',
    );
    await page.getByTestId('empty-clear-filters').click();
    await waitForServiceCount(page, /^\d+ services$/);
    await expect(page.getByTestId('search').inputValue()).resolves.toBe('');
  });

  it('filters by summary counts and by the filter controls', async () => {
    await resetView();
    const { services } = await app.handlers()['services:list']();
    const awaiting = services.filter((service) => service.needsActivation).length;
    await page.getByTestId('summary-awaiting-activation').click();
    await waitForServiceCount(page, new RegExp(`^${awaiting} of `));
    await expect(page.getByTestId('summary-awaiting-activation').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.getByTestId('filter-needs-activation').isChecked()).resolves.toBe(true);
    // Clicking the same count again removes the filter.
    await page.getByTestId('summary-awaiting-activation').click();
    await waitForServiceCount(page, /^\d+ services$/);

    const expiredCount = Number(await page.getByTestId('summary-expired').locator('.summary-value').innerText());
    await page.getByTestId('summary-expired').click();
    if (expiredCount > 0) {
      await waitForServiceCount(page, new RegExp(`^${expiredCount} of `));
      const classes = await page.getByTestId('service-row').evaluateAll((rows) => rows.map((row) => row.className));
      expect(classes.every((name) => name.includes('urgency-expired'))).toBe(true);
    }
    await page.getByTestId('clear-filters').click();

    const statusCount = services.filter((service) => service.status === 'active').length;
    await page.getByTestId('filter-status').selectOption('active');
    await waitForServiceCount(page, new RegExp(`^${statusCount} of `));
    await page.getByTestId('filter-status').selectOption('');
    await waitForServiceCount(page, /^\d+ services$/);
  });

  it('marks due-soon and expired rows', async () => {
    await resetView();
    await page.getByTestId('summary-due-soon').click();
    const dueSoon = Number(await page.getByTestId('summary-due-soon').locator('.summary-value').innerText());
    await waitForServiceCount(page, new RegExp(`^${dueSoon} of `));
    if (dueSoon > 0) {
      const classes = await page.getByTestId('service-row').evaluateAll((rows) => rows.map((row) => row.className));
      expect(classes.length).toBeGreaterThan(0);
      expect(classes.every((name) => name.includes('urgency-due-soon'))).toBe(true);
    }
    await page.getByTestId('summary-due-soon').click();
    await waitForServiceCount(page, /^\d+ services$/);
  });

  it('sorts by clicking a header and by keyboard', async () => {
    await resetView();
    await page.getByTestId('sort-hostName').click();
    await expect(page.locator('[role=columnheader].col-hostName').getAttribute('aria-sort')).resolves.toBe('ascending');
    const ascending = (await visibleHosts()).filter((host) => !host.startsWith('not issued'));
    expect(ascending).toEqual(
      [...ascending].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })),
    );

    await page.getByTestId('sort-hostName').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[role=columnheader].col-hostName').getAttribute('aria-sort')).resolves.toBe(
      'descending',
    );

    await page.getByTestId('sort-certificateId').focus();
    await page.keyboard.press('Space');
    await expect(page.locator('[role=columnheader].col-certificateId').getAttribute('aria-sort')).resolves.toBe(
      'ascending',
    );
    const ids = (
      await page
        .getByTestId('service-row')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-certificate-id')))
    ).map(Number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('moves the selection with the arrow keys and shows the detail panel', async () => {
    await resetView();
    await page.getByTestId('services-table').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const selected = page.locator('[data-testid=service-row][aria-selected=true]');
    const selectedId = Number(await selected.getAttribute('data-certificate-id'));
    const firstTwo = (
      await page
        .getByTestId('service-row')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-certificate-id')))
    ).map(Number);
    expect(selectedId).toBe(firstTwo[1]);

    const panel = page.getByTestId('detail-panel');
    await panel.waitFor();
    await expect(panel.getByTestId('lineage').innerText()).resolves.toContain(String(selectedId));
    // Enter moves focus into the panel.
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('detail-heading');

    // End jumps to the last row, which the virtualized table scrolls into view.
    await page.getByTestId('services-table').focus();
    await page.keyboard.press('End');
    const { services } = await app.handlers()['services:list']();
    const highest = Math.max(...services.map((service) => service.certificateId));
    // Sorted by ID ascending: the last row is the highest ID, rendered and selected.
    await page.locator(`[data-testid=service-row][data-certificate-id="${highest}"][aria-selected=true]`).waitFor();
  });

  it('shows a reissued lineage old → new with its history', async () => {
    await resetView();
    const { services } = await app.handlers()['services:list']();
    const reissued = services.find((service) => service.previousCertificateIds.length > 0);
    expect(reissued).toBeDefined();
    if (reissued === undefined) return;
    await page.getByTestId('search').fill(String(reissued.certificateId));
    await waitForServiceCount(page, /^1 of /);
    await page.getByTestId('service-row').first().click();
    const lineage = await page.getByTestId('lineage').locator('li .mono').allInnerTexts();
    expect(lineage.map(Number)).toEqual([...reissued.previousCertificateIds, reissued.certificateId]);
    await page.getByTestId('history').waitFor();
    await expect(page.getByTestId('history').innerText()).resolves.toMatch(/Added|Reissued/);
    await screenshotBothSchemes(page, 'services-detail');
  });

  it('obeys the application menu (menu:command events) and reaches every control with Tab', async () => {
    await resetView();
    app.relay.emit('menu:command', 'settings');
    await page.getByTestId('settings-view').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-view').waitFor({ state: 'detached' });
    app.relay.emit('menu:command', 'focus-search');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');

    // Tab order from the first control of the page: header, summary, filters, table, detail actions.
    await page.getByTestId('sync-button').focus();
    const reached: string[] = ['sync-button'];
    for (let step = 0; step < 40; step += 1) {
      await page.keyboard.press('Tab');
      const testId = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
      if (testId !== '') reached.push(testId);
    }
    for (const expected of [
      'sync-button',
      'export-report',
      'settings-button',
      'summary-active',
      'search',
      'filter-status',
      'services-table',
      'server-type',
      'action-download',
    ]) {
      expect(reached).toContain(expected);
    }
    expect(reached.indexOf('sync-button')).toBeLessThan(reached.indexOf('search'));
    expect(reached.indexOf('search')).toBeLessThan(reached.indexOf('services-table'));
    // Focus is visible: the focused control gets the focus outline.
    await page.getByTestId('search').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    const outline = await page.getByTestId('search').evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).toBe('solid');
  });

  it('downloads the certificate and exports what is shown', async () => {
    await resetView();
    const { services } = await app.handlers()['services:list']();
    const issued = services.find((service) => service.status === 'active' && service.hostName !== '');
    expect(issued).toBeDefined();
    const row = String(issued?.certificateId);
    await page.getByTestId('search').fill(row);
    await page.locator(`[data-testid=service-row][data-certificate-id="${row}"]`).click();
    await page.getByTestId('lineage').filter({ hasText: row }).waitFor();
    const download = page.getByTestId('action-download');
    await expect.poll(() => page.getByTestId('action-download-reason').count()).toBe(0);
    {
      await page.getByTestId('server-type').selectOption('apache');
      const since = await noticeMark(page);
      await download.click();
      await waitForNotice(page, 'Certificate saved to', { since, timeout: 10_000 });
      const saved = app.shell.savedPaths.at(-1) ?? '';
      expect(statSync(saved).size).toBeGreaterThan(0);
    }

    const beforeExport = await noticeMark(page);
    await page.keyboard.press('Control+e');
    await waitForNotice(page, 'Report of 1 service saved', { since: beforeExport, timeout: 10_000 });
    const report = app.shell.savedPaths.at(-1) ?? '';
    expect(report).toMatch(/\.zip$/);
    expect(statSync(report).size).toBeGreaterThan(0);
    await page.getByTestId('search').fill('');
    await waitForServiceCount(page, /^\d+ services$/);
    const dismiss = page.getByRole('button', { name: 'Dismiss message' });
    // Notices also close by themselves after a few seconds, so one may vanish between count and click.
    while ((await dismiss.count()) > 0) {
      const first = dismiss.first();
      await first.click({ timeout: 2_000 }).catch(() => undefined);
    }
    await screenshotBothSchemes(page, 'services');
    expect(bridged.problems).toEqual([]);
  });
});
