/**
 * Signing in to Sandbox from the onboarding, the settings round-trip, and logout — real keychain.
 *
 * The API key goes in through the write-only field, lands in the OS keychain (gnome-keyring under
 * the test runner), never in the data folder, never back in the page; logout removes it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSimulator } from '../../sim/index.ts';
import type { Simulator } from '../../sim/types.ts';
import { startE2eApp, waitForServiceCount, type E2eApp } from './helpers/app-harness.ts';
import { screenshotBothSchemes } from './helpers/screenshots.ts';
import type { BridgedPage } from './helpers/chromium-bridge.ts';

let app: E2eApp;
let sim: Simulator;
let bridged: BridgedPage;
let page: Page;
const API_USER = 'e2esettings';
const API_KEY = `key-${Math.random().toString(36).slice(2)}-0123456789abcdef`;

beforeAll(async () => {
  sim = await startSimulator({
    count: 25,
    seed: 11,
    rateLimits: false,
    credentials: { apiUser: API_USER, apiKey: API_KEY, userName: API_USER, clientIp: '127.0.0.1' },
  });
  app = await startE2eApp();
  bridged = await app.open();
  page = bridged.page;
});

afterAll(async () => {
  await app?.secrets.deleteApiKey('sandbox', API_USER).catch(() => false);
  await app?.close();
  await sim?.close();
});

/** Every file of the data folder, read as text (to prove the key is in none of them). */
function dataFolderText(): string {
  return readdirSync(app.dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

async function fillSandboxForm(scope: ReturnType<Page['getByTestId']>): Promise<void> {
  await scope.getByTestId('env-base-url').fill(sim.url);
  await scope.getByTestId('env-api-user').fill(API_USER);
  await scope.getByTestId('env-user-name').fill(API_USER);
  await scope.getByTestId('env-client-ip').fill('127.0.0.1');
  await scope.getByTestId('env-rate-budget').fill('600/min,20000/h,200000/day');
  await scope.getByTestId('env-api-key').fill(API_KEY);
}

describe('settings round-trip with the real keychain', () => {
  it('signs in to Sandbox from the onboarding; the key goes to the keychain only', async () => {
    await page.getByTestId('onboarding').waitFor();
    await page.getByTestId('onboarding-sandbox').click();
    const form = page.getByTestId('env-form-sandbox');
    await expect(form.getByTestId('env-key-note').innerText()).resolves.toContain('OS keychain');
    await fillSandboxForm(form);
    await form.getByTestId('env-save').click();
    await page
      .getByTestId('environment-badge')
      .filter({ hasText: /sandbox/i })
      .waitFor();

    await expect(app.secrets.getApiKey('sandbox', API_USER)).resolves.toBe(API_KEY);
    expect(dataFolderText()).not.toContain(API_KEY);
    const state = await app.handlers()['app:getState']();
    expect(JSON.stringify(state)).not.toContain(API_KEY);

    await page.getByTestId('sync-button').click();
    await waitForServiceCount(page, /^2\d services$/);
  });

  it('after an app restart the key field is empty but says the key is saved; Test connection answers', async () => {
    await app.restartCore();
    await page.reload();
    await page
      .getByTestId('environment-badge')
      .filter({ hasText: /sandbox/i })
      .waitFor();
    await page.keyboard.press('Control+,');
    const form = page.getByTestId('env-form-sandbox');
    await form.waitFor();
    await expect(form.getByTestId('env-api-key').inputValue()).resolves.toBe('');
    await expect(form.getByTestId('env-key-note').innerText()).resolves.toMatch(/Saved in the OS keychain/);
    await expect(form.getByTestId('env-base-url').inputValue()).resolves.toBe(sim.url);
    await expect(form.getByTestId('env-api-user').inputValue()).resolves.toBe(API_USER);
    const html = await page.content();
    expect(html).not.toContain(API_KEY);

    await form.getByTestId('env-test').click();
    const message = form.getByTestId('env-message');
    await message.waitFor();
    await expect(message.innerText()).resolves.toMatch(new RegExp(`Connected to sandbox as ${API_USER}`));
    await screenshotBothSchemes(page, 'settings');
  });

  it('explains a ClientIp that Wvphost has not whitelisted', async () => {
    const form = page.getByTestId('env-form-sandbox');
    await form.getByTestId('env-client-ip').fill('198.51.100.23');
    await form.getByTestId('env-save').click();
    await form.getByTestId('env-message').filter({ hasText: 'saved' }).waitFor();
    await form.getByTestId('env-test').click();
    await form.getByTestId('env-message').filter({ hasText: '198.51.100.23' }).waitFor();
    await expect(form.getByTestId('env-message').getAttribute('role')).resolves.toBe('alert');
    // The key was kept (the field was left empty on Save).
    await expect(app.secrets.getApiKey('sandbox', API_USER)).resolves.toBe(API_KEY);
    await form.getByTestId('env-client-ip').fill('127.0.0.1');
    await form.getByTestId('env-save').click();
    await form.getByTestId('env-message').filter({ hasText: 'saved' }).waitFor();
  });

  it('saves preferences (offset, window, theme) and they survive a reload', async () => {
    await page.getByTestId('pref-offset').selectOption('15');
    await page.getByTestId('pref-window').fill('45');
    await page.getByTestId('pref-sync-time').fill('07:30');
    await page.getByTestId('pref-theme').selectOption('dark');
    await page.getByTestId('pref-save').click();
    await page.getByTestId('preferences-form').getByText('Preferences saved.').waitFor();
    // The theme is applied by an effect that may run a frame after the message shows: poll.
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');

    await page.reload();
    await page.getByTestId('settings-button').click();
    await expect(page.getByTestId('pref-offset').inputValue()).resolves.toBe('15');
    await expect(page.getByTestId('pref-window').inputValue()).resolves.toBe('45');
    await expect(page.getByTestId('pref-sync-time').inputValue()).resolves.toBe('07:30');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');

    // The offset moves every due date 15 days before expiry; the summary uses the 45-day window.
    await page.keyboard.press('Escape');
    await page.getByTestId('summary-due-soon').filter({ hasText: 'Due within 45 days' }).waitFor();
    const { services } = await app.handlers()['services:list']();
    const dated = services.find((service) => service.expireDate !== null && service.dueDate !== null);
    expect(dated).toBeDefined();
    const { expireDate, dueDate } = dated ?? { expireDate: null, dueDate: null };
    expect((Date.parse(expireDate ?? '') - Date.parse(dueDate ?? '')) / 86_400_000).toBe(15);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('pref-theme').selectOption('system');
    await page.getByTestId('pref-save').click();
    await page.getByTestId('preferences-form').getByText('Preferences saved.').waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'] ?? 'system')).toBe('system');
  });

  it('logs out: the key leaves the keychain and Test connection says to sign in', async () => {
    const form = page.getByTestId('env-form-sandbox');
    await form.getByTestId('env-logout').click();
    await form.getByTestId('env-message').filter({ hasText: 'Logged out' }).waitFor();
    await expect(app.secrets.getApiKey('sandbox', API_USER)).resolves.toBeNull();
    await expect(form.getByTestId('env-key-note').innerText()).resolves.not.toMatch(/Saved in the OS keychain/);
    await form.getByTestId('env-test').click();
    const message = form.getByTestId('env-message');
    await message.filter({ hasNotText: 'Logged out' }).waitFor();
    await expect(message.getAttribute('role')).resolves.toBe('alert');
    await expect(message.innerText()).resolves.toMatch(/key|sign in/i);
    expect(bridged.problems).toEqual([]);
  });
});
