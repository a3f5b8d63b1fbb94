/**
 * Reissue and renewal activation from the UI (issue 7), each settled by the next sync.
 *
 * Real CSRs from `openssl req`, the Demo environment's simulator (its clock is advanced to issue
 * the submitted certificates), the real core behind `window.wvphost`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Service } from '../../preload/api.ts';
import { demoSimulator } from '../../main/environments/demo-simulator.ts';
import type { Simulator } from '../../sim/types.ts';
import { makeCsr } from '../fixtures/csr/make-csr.ts';
import { startE2eApp, waitForServiceCount, type E2eApp } from './helpers/app-harness.ts';
import { screenshotBothSchemes } from './helpers/screenshots.ts';
import { noticeMark, waitForNotice } from './helpers/notice-log.ts';
import type { BridgedPage } from './helpers/chromium-bridge.ts';

let app: E2eApp;
let bridged: BridgedPage;
let page: Page;
let sim: Simulator;
let csrDir: string;
const used = new Set<number>();

beforeAll(async () => {
  csrDir = await mkdtemp(join(tmpdir(), 'wvphost-e2e-csr-'));
  app = await startE2eApp();
  const handlers = app.handlers();
  await handlers['environment:select']({ environment: 'demo' });
  sim = await demoSimulator();
  // A domain the simulator offers no approver address for (wvphost-api.md: `.noemail.test`).
  sim.addCertificate({ hostName: 'shop.noemail.test', sslType: 'PositiveSSL', status: 'active' });
  // Activated and awaiting validation: its approval email can be sent again.
  sim.addCertificate({ hostName: 'resend.example.com', sslType: 'PositiveSSL', status: 'purchased' });
  const first = await handlers['sync:start']();
  expect(first.ok).toBe(true);
  bridged = await app.open();
  page = bridged.page;
  await waitForServiceCount(page, /^[1-9][\d,]* services$/);
});

afterAll(async () => {
  await app?.close();
  if (csrDir !== undefined) await rm(csrDir, { recursive: true, force: true });
});

async function services(): Promise<readonly Service[]> {
  return (await app.handlers()['services:list']()).services;
}

/** An unused active, plain-host service (not reissued, not due for renewal). */
async function pickActive(predicate: (service: Service) => boolean = () => true): Promise<Service> {
  const found = (await services()).find(
    (service) =>
      service.status === 'active' &&
      service.reissueState === 'none' &&
      service.hostName !== '' &&
      !service.hostName.startsWith('*.') &&
      !service.hostName.endsWith('.noemail.test') &&
      !used.has(service.certificateId) &&
      predicate(service),
  );
  if (found === undefined) throw new Error('The demo account has no suitable service for this test.');
  used.add(found.certificateId);
  return found;
}

async function selectService(certificateId: number): Promise<void> {
  await page.getByTestId('search').fill(String(certificateId));
  const row = page.locator(`[data-testid=service-row][data-certificate-id="${certificateId}"]`);
  await row.click();
  await page.getByTestId('detail-panel').getByRole('heading', { level: 2 }).waitFor();
}

async function rowOf(certificateId: number) {
  await page.getByTestId('search').fill(String(certificateId));
  const row = page.locator(`[data-testid=service-row][data-certificate-id="${certificateId}"]`);
  await row.waitFor();
  return row;
}

async function syncFromUi(): Promise<void> {
  await page.getByTestId('search').fill('');
  await page.getByTestId('sync-button').click();
  await page.getByTestId('cancel-sync').waitFor({ state: 'detached' });
  await page.getByTestId('sync-button').waitFor();
}

/** Wvphost issues what was submitted (its clock passes the issue delay); the next sync shows it active. */
async function issuedAfterNextSync(certificateId: number) {
  sim.advanceClock(61_000);
  await syncFromUi();
  const row = await rowOf(certificateId);
  await expect(row.locator('.col-status').innerText()).resolves.toBe('active');
  return row;
}

async function checkCsr(csr: string): Promise<void> {
  await page.getByTestId('csr-text').fill(csr);
  await page.getByTestId('csr-check').click();
  await page.getByTestId('csr-check-result').waitFor();
}

/** Submits the dialog and waits for the outcome; a refused submission fails with main's sentence. */
async function submitDialog(): Promise<void> {
  await page.getByTestId('csr-submit').click();
  const outcome = page.getByTestId('csr-submitted').or(page.getByTestId('csr-submit-error'));
  await outcome.waitFor();
  if (await page.getByTestId('csr-submit-error').isVisible()) {
    throw new Error(`Submission refused: ${await page.getByTestId('csr-submit-error').innerText()}`);
  }
}

describe('reissue and activation in the app', () => {
  // First: the certificate awaits validation only until a later test advances Wvphost's clock.
  it('resends the approval email and lists it in the history at once, without reloading the services', async () => {
    const service = (await services()).find((candidate) => candidate.hostName === 'resend.example.com');
    expect(service?.status).toBe('purchased');
    if (service === undefined) return;
    await selectService(service.certificateId);
    const since = await noticeMark(page);
    const calls = app.invocations.length;
    await page.getByTestId('action-resend').click();
    await waitForNotice(page, `Approval email sent again for certificate ${service.certificateId}.`, { since });
    await page.getByTestId('history').filter({ hasText: 'Approval email resent' }).waitFor();
    // Only this service's history changed: its detail is read again, the 10,000-row list is not.
    expect(app.invocations.slice(calls)).not.toContain('services:list');
  });

  it('refuses a CSR for another domain or with a weak key, in plain words, before any request', async () => {
    const service = await pickActive();
    await selectService(service.certificateId);
    await page.getByTestId('action-reissue').click();
    const before = sim.requestCount('namecheap.ssl.reissue');
    await checkCsr(await makeCsr(csrDir, { commonName: 'someone-else.example.org', key: 'rsa:1024' }));
    const problems = await page.getByTestId('csr-problems').locator('li').allInnerTexts();
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.join(' ')).toMatch(/someone-else\.example\.org/);
    expect(problems.join(' ')).toMatch(/1024/);
    await expect(page.getByTestId('csr-submit').isDisabled()).resolves.toBe(true);
    await screenshotBothSchemes(page, 'csr-check-problems');
    await page.keyboard.press('Escape');
    await page.getByTestId('csr-dialog').waitFor({ state: 'detached' });
    expect(sim.requestCount('namecheap.ssl.reissue')).toBe(before);
    used.delete(service.certificateId);
  });

  it('says so, with a Retry, when Wvphost offers no approver address', async () => {
    const service = (await services()).find((candidate) => candidate.hostName === 'shop.noemail.test');
    expect(service).toBeDefined();
    if (service === undefined) return;
    await selectService(service.certificateId);
    await page.getByTestId('action-reissue').click();
    const problem = page.getByTestId('approvers-problem');
    await problem.waitFor();
    // Main's sentence as it is: which domain, and what to do instead.
    await expect(problem.innerText()).resolves.toMatch(/shop\.noemail\.test/);
    await expect(problem.innerText()).resolves.toMatch(/HTTP or DNS/i);
    const calls = sim.requestCount('namecheap.ssl.getapproveremaillist');
    await page.getByTestId('approvers-retry').click();
    await expect.poll(() => sim.requestCount('namecheap.ssl.getapproveremaillist')).toBeGreaterThan(calls);
    await problem.waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('csr-dialog').waitFor({ state: 'detached' });
  });

  it('reissues with email approval: new ID pending at once, settled by the next sync', async () => {
    const service = await pickActive();
    await selectService(service.certificateId);
    await page.getByTestId('action-reissue').click();
    await checkCsr(await makeCsr(csrDir, { commonName: service.hostName }));
    await expect(page.getByTestId('csr-check-result').innerText()).resolves.toMatch(/fine/);
    await expect(page.getByTestId('csr-check-result').innerText()).resolves.toContain('RSA 2048');
    const approver = page.getByTestId('approver-email');
    await approver.waitFor();
    const options = await approver.locator('option').allInnerTexts();
    expect(options.length).toBeGreaterThan(0);
    const email = options.find((option) => option.startsWith('admin@')) ?? options[0] ?? '';
    await approver.selectOption(email);
    await submitDialog();
    const newId = Number(await page.getByTestId('new-certificate-id').innerText());
    expect(newId).toBeGreaterThan(service.certificateId);
    await expect(page.getByTestId('csr-submitted').innerText()).resolves.toContain(email);
    expect(sim.certificate(newId)?.approverEmail).toBe(email);
    await page.getByTestId('csr-done').click();

    // At once: the table shows the new ID with the reissue pending, and the lineage old → new.
    const row = await rowOf(newId);
    await expect(row.locator('.col-reissueState').innerText()).resolves.toBe('pending');
    await expect(page.getByTestId('lineage').locator('li .mono').allInnerTexts()).resolves.toEqual([
      String(service.certificateId),
      String(newId),
    ]);
    await expect(page.getByTestId('history').innerText()).resolves.toMatch(/Reissue → \d+ by wvpdemo/);

    // Wvphost issues it; the next sync settles the state.
    const settled = await issuedAfterNextSync(newId);
    await expect(settled.locator('.col-reissueState').innerText()).resolves.toBe('reissued');
  });

  it('reissues with HTTP validation and shows the file to publish, with copy buttons', async () => {
    const service = await pickActive();
    await selectService(service.certificateId);
    await page.getByTestId('action-reissue').click();
    // "Open CSR file…" goes through the shell's open dialog (scripted here).
    app.shell.csrFiles.push(await makeCsr(csrDir, { commonName: service.hostName, key: 'ec:P-256' }));
    await page.getByTestId('csr-open-file').click();
    await page.getByTestId('csr-check-result').waitFor();
    await expect(page.getByTestId('csr-check-result').innerText()).resolves.toContain('EC P-256');
    await page.getByTestId('dcv-http').check();
    await page.getByTestId('csr-server-type').selectOption('apache');
    await submitDialog();
    const instructions = page.getByTestId('dcv-http-instructions');
    await instructions.waitFor();
    const fileName = await page.getByTestId('dcv-file-name').innerText();
    const fileContent = await page.getByTestId('dcv-file-content').innerText();
    expect(fileName).toMatch(/\.txt$/);
    expect(fileContent.trim()).not.toBe('');
    await expect(instructions.innerText()).resolves.toContain(service.hostName);
    await instructions.getByRole('button', { name: 'Copy File content' }).click();
    await instructions.getByRole('button', { name: 'Copy File content' }).filter({ hasText: 'Copied' }).waitFor();
    expect(app.shell.clipboard.at(-1)).toBe(fileContent);
    await screenshotBothSchemes(page, 'reissue-http-dcv');
    const newId = Number(await page.getByTestId('new-certificate-id').innerText());
    await page.getByTestId('csr-done').click();
    await expect((await rowOf(newId)).locator('.col-reissueState').innerText()).resolves.toBe('pending');

    const settled = await issuedAfterNextSync(newId);
    await expect(settled.locator('.col-reissueState').innerText()).resolves.toBe('reissued');
  });

  it('renews a certificate due soon, lists the renewal as awaiting activation, and activates it', async () => {
    const service = await pickActive(
      (candidate) => candidate.daysLeft !== null && candidate.daysLeft >= 0 && candidate.daysLeft <= 30,
    );
    await selectService(service.certificateId);
    await page.getByTestId('action-renew').click();
    await page.getByTestId('renew-years').selectOption('2');
    await page.getByTestId('renew-submit').click();
    await page.getByTestId('renew-result').waitFor();
    const renewalId = Number(await page.getByTestId('renew-result').locator('strong').first().innerText());
    expect(sim.certificate(renewalId)?.status).toBe('newrenewal');
    await page.getByTestId('renew-done').click();

    const awaitingBefore = Number(
      await page.getByTestId('summary-awaiting-activation').locator('.summary-value').innerText(),
    );
    await syncFromUi();
    await expect
      .poll(async () =>
        Number(await page.getByTestId('summary-awaiting-activation').locator('.summary-value').innerText()),
      )
      .toBe(awaitingBefore + 1);
    const renewalRow = await rowOf(renewalId);
    await expect(renewalRow.locator('.col-status').innerText()).resolves.toBe('newrenewal');

    await renewalRow.click();
    await page.getByTestId('action-activate').click();
    await checkCsr(await makeCsr(csrDir, { commonName: service.hostName }));
    await page.getByTestId('dcv-dns').check();
    await submitDialog();
    await page.getByTestId('dcv-dns-instructions').waitFor();
    await expect(page.getByTestId('dcv-cname-host').innerText()).resolves.not.toBe('');
    await expect(page.getByTestId('dcv-cname-target').innerText()).resolves.not.toBe('');
    await expect(page.getByTestId('new-certificate-id').innerText()).resolves.toBe(String(renewalId));
    await page.getByTestId('csr-done').click();

    const activated = await issuedAfterNextSync(renewalId);
    await expect(activated.locator('.col-hostName').innerText()).resolves.toBe(service.hostName);
    expect(bridged.problems).toEqual([]);
  });
});
