/**
 * The actions against the real simulator over HTTP, a real store on disk and real openssl CSRs:
 * approver lists, reissue with each validation method, renewal then activation, resend, and
 * what a refusal leaves behind (nothing but a `failed` history entry).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionError } from '../../main/actions/action-error.ts';
import type { ActionContext } from '../../main/actions/action-context.ts';
import { listApproverEmails } from '../../main/actions/approver-emails.ts';
import { submitRenewal } from '../../main/actions/renew.ts';
import { resendApproval } from '../../main/actions/resend-approval.ts';
import { submitActivation, submitReissue } from '../../main/actions/submit-csr.ts';
import { checkCsr, crossCheckCsr } from '../../main/csr/cross-check-csr.ts';
import type { Service } from '../../main/domain/service.ts';
import { openDataStore } from '../../main/store/open-data-store.ts';
import type { DataStore } from '../../main/store/types.ts';
import { buildServices, localToday } from '../../main/sync/build-services.ts';
import { runSync } from '../../main/sync/sync-engine.ts';
import { WvphostClient } from '../../main/wvphost/client.ts';
import { WvphostError } from '../../main/wvphost/errors.ts';
import { RateLimiter } from '../../main/wvphost/rate-limiter.ts';
import { startSimulator } from '../../sim/index.ts';
import type { Simulator } from '../../sim/types.ts';
import { makeCsr, tamperSignedPart } from '../fixtures/csr/make-csr.ts';

const GENEROUS = { perMinute: 100_000, perHour: 1_000_000, perDay: 10_000_000 } as const;
const ENV = 'sandbox' as const;
const DAY_MS = 86_400_000;

let dir: string;
let sim: Simulator;
let api: WvphostClient;
let store: DataStore;
let context: ActionContext;
const used = new Set<number>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wvp-actions-'));
  sim = await startSimulator({ count: 30, seed: 23, rateLimits: GENEROUS });
  api = new WvphostClient({
    baseUrl: sim.url,
    credentials: sim.credentials,
    limiter: new RateLimiter(GENEROUS),
    timeoutMs: 10_000,
    maxRetries: 2,
    retryMinTimeoutMs: 2,
    retryMaxTimeoutMs: 20,
    throttleWaitMs: 5,
  });
  store = openDataStore({ dataDir: path.join(dir, 'data') });
  context = { api, store, environment: ENV, apiUser: sim.credentials.apiUser };
  await sync();
});

afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

async function sync(): Promise<void> {
  const summary = await runSync({ api, store, environment: ENV, rateBudget: GENEROUS });
  expect(summary.error).toBeUndefined();
  expect(summary.ok).toBe(true);
}

function services(): readonly Service[] {
  return buildServices(store.cache.read(ENV), { today: localToday(), dueDateOffsetDays: 0 });
}

function service(certificateId: number): Service {
  const found = services().find((candidate) => candidate.certificateId === certificateId);
  if (found === undefined) throw new Error(`no service ${certificateId}`);
  return found;
}

/** An active, reissuable certificate not used by another test. */
function pickActive(): Service {
  const found = services().find(
    (candidate) =>
      candidate.status === 'active' &&
      candidate.hostName !== '' &&
      !candidate.hostName.startsWith('*.') &&
      candidate.daysLeft !== null &&
      candidate.daysLeft > 40 &&
      !used.has(candidate.certificateId),
  );
  if (found === undefined) throw new Error('the seeded account has no more active certificates');
  used.add(found.certificateId);
  return found;
}

async function caught(promise: Promise<unknown>): Promise<ActionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ActionError) return error;
    throw error;
  }
  throw new Error('expected an ActionError, but the action succeeded');
}

describe('approver addresses', () => {
  it('flattens the domain and generic addresses without duplicates', async () => {
    const target = pickActive();
    const reply = await listApproverEmails({ api, domain: target.hostName, sslType: target.sslType });
    expect(reply.emails.length).toBeGreaterThan(1);
    expect(new Set(reply.emails.map((email) => email.toLowerCase())).size).toBe(reply.emails.length);
    expect(reply.emails).toContain(`admin@${reply.domain}`);
    used.delete(target.certificateId);
  });

  it('an empty list is an error that says what to do, and can be retried', async () => {
    const error = await caught(listApproverEmails({ api, domain: 'shop.noemail.test', sslType: 'PositiveSSL' }));
    expect(error.code).toBe('no-approver-emails');
    expect(error.message).toBe(
      'Wvphost returned no approver addresses for shop.noemail.test; use HTTP or DNS validation, or retry.',
    );
    expect(error.retryable).toBe(true);
  });

  it('a failing call is a typed error naming the domain', async () => {
    const broken = new WvphostClient({
      baseUrl: sim.url,
      credentials: { ...sim.credentials, apiKey: 'wrong-key-0000000000' },
      limiter: new RateLimiter(GENEROUS),
      maxRetries: 0,
    });
    const error = await caught(listApproverEmails({ api: broken, domain: 'www.example.com', sslType: 'PositiveSSL' }));
    expect(error.code).toBe('approver-list-failed');
    expect(error.detail).toBe('bad-credentials');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Could not get the approver addresses for www.example.com');
    expect(error.message).not.toContain('wrong-key');
  });
});

describe('reissue', () => {
  it('with email approval: records the new ID at once, in the cache and the history', async () => {
    const target = pickActive();
    const approvers = await listApproverEmails({ api, domain: target.hostName, sslType: target.sslType });
    const approverEmail = approvers.emails[0] ?? '';
    const csr = await makeCsr(dir, { commonName: target.hostName });
    const actionsBefore = store.history.actions(ENV).length;

    const outcome = await submitReissue({ ...context, certificateId: target.certificateId, csr, dcv: { kind: 'email', approverEmail }, serverType: 'apache' });

    expect(outcome.newCertificateId).toBeGreaterThan(target.certificateId);
    expect(outcome.dcv).toEqual([]);
    expect(store.cache.read(ENV).localReissues[String(target.certificateId)]).toBe(outcome.newCertificateId);
    const lineage = service(outcome.newCertificateId);
    expect(lineage.previousCertificateIds).toEqual([...target.previousCertificateIds, target.certificateId]);
    expect(lineage.reissueState).toBe('pending');
    expect(lineage.hostName).toBe(target.hostName);

    const actions = store.history.actions(ENV);
    expect(actions.length).toBe(actionsBefore + 1);
    expect(actions[0]).toMatchObject({
      by: sim.credentials.apiUser,
      action: 'reissue',
      certificateId: target.certificateId,
      newCertificateId: outcome.newCertificateId,
      result: 'ok',
    });
    expect(actions[0]?.detail).toContain(approverEmail);

    const old = sim.certificate(target.certificateId);
    expect(old?.status).toBe('replaced');
    expect(old?.replacedBy).toBe(outcome.newCertificateId);
    const fresh = sim.certificate(outcome.newCertificateId);
    expect(fresh?.approverEmail).toBe(approverEmail);
    expect(fresh?.csr.trim()).toBe(csr.trim());
  });

  it('with HTTP validation returns the file name and content', async () => {
    const target = pickActive();
    const csr = await makeCsr(dir, { commonName: target.hostName, key: 'ec:P-256' });
    const outcome = await submitReissue({ ...context, certificateId: target.certificateId, csr, dcv: { kind: 'http' }, serverType: 'nginx' });
    expect(outcome.dcv).toHaveLength(1);
    const step = outcome.dcv[0];
    expect(step?.kind).toBe('http');
    if (step?.kind !== 'http') return;
    expect(step.fileName).toMatch(/^[0-9A-F]{32}\.txt$/);
    expect(step.fileContent).toContain('comodoca.com');
    expect(step.domain).toBe(target.hostName.replace(/^\*\./, ''));
    expect(outcome.record.detail).toContain('HTTP file validation');
    expect(outcome.record.detail).toContain('nginx (other)');
  });

  it('with DNS validation returns the CNAME host and target', async () => {
    const target = pickActive();
    const csr = await makeCsr(dir, { commonName: target.hostName });
    const outcome = await submitReissue({ ...context, certificateId: target.certificateId, csr, dcv: { kind: 'dns' }, serverType: 'iis' });
    const step = outcome.dcv[0];
    expect(step?.kind).toBe('dns');
    if (step?.kind !== 'dns') return;
    expect(step.hostName.endsWith(`.${step.domain}`)).toBe(true);
    expect(step.target).toMatch(/\.comodoca\.com$/);
  });

  it('a CSR naming the host only in a SAN (other CN, or no CN) passes the local check, parseCSR and the reissue', async () => {
    for (const commonName of ['other-name.example.net', null]) {
      const target = pickActive();
      const csr = await makeCsr(dir, { commonName, sans: ['other-name.example.net', target.hostName], key: 'ec:P-256' });
      const outcome = await submitReissue({
        ...context,
        certificateId: target.certificateId,
        csr,
        dcv: { kind: 'http' },
        serverType: 'apache',
        crossCheck: true,
      });
      expect(outcome.record.result).toBe('ok');
      expect(outcome.newCertificateId).toBeGreaterThan(target.certificateId);
      expect(sim.certificate(target.certificateId)?.replacedBy).toBe(outcome.newCertificateId);
    }
  });

  it('a bad CSR sends no request and changes nothing', async () => {
    const target = pickActive();
    const cacheBefore = store.cache.read(ENV);
    const actionsBefore = store.history.actions(ENV);
    const wrongDomain = await makeCsr(dir, { commonName: 'shop.example.org' });
    const weak = await makeCsr(dir, { commonName: target.hostName, key: 'rsa:1024' });
    const tampered = tamperSignedPart(await makeCsr(dir, { commonName: target.hostName, subjectPrefix: '/O=Acme' }), 'Acme');
    sim.clearRequestLog();
    for (const [csr, code] of [
      [wrongDomain, 'domain-mismatch'],
      [weak, 'weak-key'],
      [tampered, 'bad-signature'],
      ['not a csr', 'unparsable'],
    ] as const) {
      const error = await caught(
        submitReissue({ ...context, certificateId: target.certificateId, csr, dcv: { kind: 'http' }, serverType: 'apache' }),
      );
      expect(error.code).toBe('csr-rejected');
      expect(error.csrCheck?.problems.map((problem) => problem.code)).toEqual([code]);
      expect(error.message).toContain('nothing was sent to Wvphost');
    }
    expect(sim.requestCount()).toBe(0);
    expect(store.cache.read(ENV)).toEqual(cacheBefore);
    expect(store.history.actions(ENV)).toEqual(actionsBefore);
    used.delete(target.certificateId);
  });

  it('a status that does not allow it is refused locally with the reason, without a request', async () => {
    const awaiting = services().find((candidate) => candidate.needsActivation);
    expect(awaiting).toBeDefined();
    if (awaiting === undefined) return;
    sim.clearRequestLog();
    const error = await caught(
      submitReissue({ ...context, certificateId: awaiting.certificateId, csr: await makeCsr(dir), dcv: { kind: 'http' }, serverType: 'apache' }),
    );
    expect(error.code).toBe('action-not-allowed');
    expect(error.message).toContain(`Only active certificates can be reissued; this one is "${awaiting.status}"`);
    expect(sim.requestCount()).toBe(0);
  });

  it("Wvphost's 2011331 is explained, and only a 'failed' record is kept", async () => {
    const target = pickActive();
    // Cancelled at Wvphost since the last sync: the cache still says active.
    const simCertificate = sim.certificate(target.certificateId);
    if (simCertificate === undefined) throw new Error('missing in the simulator');
    simCertificate.status = 'cancelled';
    const cacheBefore = store.cache.read(ENV);
    const actionsBefore = store.history.actions(ENV);
    const csr = await makeCsr(dir, { commonName: target.hostName });

    const error = await caught(
      submitReissue({ ...context, certificateId: target.certificateId, csr, dcv: { kind: 'http' }, serverType: 'apache' }),
    );
    expect(error.code).toBe('status-not-allowed');
    expect(error.message).toBe("Wvphost says the certificate's status (active) does not allow a reissue; sync to refresh its status.");

    expect(store.cache.read(ENV)).toEqual(cacheBefore);
    const actions = store.history.actions(ENV);
    expect(actions.length).toBe(actionsBefore.length + 1);
    expect(actions.slice(1)).toEqual(actionsBefore);
    expect(actions[0]).toMatchObject({ action: 'reissue', certificateId: target.certificateId, result: 'failed', detail: error.message });
    expect(actions[0]?.newCertificateId).toBeUndefined();
  });

  it('a transport failure keeps its own message and leaves only a failed record', async () => {
    const target = pickActive();
    const cacheBefore = store.cache.read(ENV);
    const actionsBefore = store.history.actions(ENV);
    sim.setFaults({ http503Rate: 1, commands: ['namecheap.ssl.reissue'] });
    try {
      const csr = await makeCsr(dir, { commonName: target.hostName });
      let failure: unknown;
      try {
        await submitReissue({ ...context, certificateId: target.certificateId, csr, dcv: { kind: 'dns' }, serverType: 'apache' });
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(WvphostError);
      expect((failure as WvphostError).kind).toBe('transient');
      expect(store.cache.read(ENV)).toEqual(cacheBefore);
      const actions = store.history.actions(ENV);
      expect(actions.slice(1)).toEqual(actionsBefore);
      expect(actions[0]).toMatchObject({ action: 'reissue', result: 'failed', detail: (failure as Error).message });
    } finally {
      sim.setFaults({});
    }
    expect(sim.certificate(target.certificateId)?.status).toBe('active');
  });

  it('a reissue Wvphost accepted still returns its DCV steps when the cache cannot be written', async () => {
    const target = pickActive();
    // The disk fills up between Wvphost's reply and our write (injected: root ignores file modes).
    const fullDisk: DataStore = {
      ...store,
      cache: {
        read: (environment) => store.cache.read(environment),
        commit: () => {
          throw new Error('ENOSPC: no space left on device');
        },
      },
    };
    const csr = await makeCsr(dir, { commonName: target.hostName });
    const outcome = await submitReissue({ ...context, store: fullDisk, certificateId: target.certificateId, csr, dcv: { kind: 'http' }, serverType: 'apache' });
    expect(outcome.dcv[0]?.kind).toBe('http');
    expect(outcome.warnings[0]).toContain('could not be saved in the local list (ENOSPC');
    expect(store.cache.read(ENV).localReissues[String(target.certificateId)]).toBeUndefined();
    expect(store.history.actions(ENV)[0]).toMatchObject({ result: 'ok', newCertificateId: outcome.newCertificateId });

    // The next sync learns the link from Wvphost's ReplacedBy.
    await sync();
    expect(service(outcome.newCertificateId).previousCertificateIds).toContain(target.certificateId);
  });

  it('settles after issuance and the next sync: the lineage shows old → new as reissued', async () => {
    const target = pickActive();
    const csr = await makeCsr(dir, { commonName: target.hostName });
    const outcome = await submitReissue({ ...context, certificateId: target.certificateId, csr, dcv: { kind: 'http' }, serverType: 'apache' });
    expect(service(outcome.newCertificateId).reissueState).toBe('pending');

    expect(sim.issuePending()).toBeGreaterThan(0);
    await sync();

    const settled = service(outcome.newCertificateId);
    expect(settled.status).toBe('active');
    expect(settled.previousCertificateIds).toContain(target.certificateId);
    expect(settled.reissueState).toBe('reissued');
    expect(services().some((candidate) => candidate.certificateId === target.certificateId)).toBe(false);
    expect(store.cache.read(ENV).replacedBy[String(target.certificateId)]).toBe(outcome.newCertificateId);
  });
});

describe('renewal, activation and resend', () => {
  it('renews a certificate near expiry, then activates the new one with a CSR, then resends its approval', async () => {
    const host = 'renewme.example.com';
    const expiring = sim.addCertificate({
      hostName: host,
      sslType: 'PositiveSSL',
      status: 'active',
      purchaseDate: new Date(Date.now() - 340 * DAY_MS),
      expireDate: new Date(Date.now() + 20 * DAY_MS),
    });
    await sync();
    expect(service(expiring.certificateId).daysLeft).toBeLessThanOrEqual(30);

    const renewal = await submitRenewal({ ...context, certificateId: expiring.certificateId, years: 2 });
    expect(renewal.years).toBe(2);
    expect(Number(renewal.chargedAmount)).toBeGreaterThan(0);
    expect(sim.certificate(renewal.newCertificateId)?.status).toBe('newrenewal');
    expect(store.history.actions(ENV)[0]).toMatchObject({
      action: 'renew',
      certificateId: expiring.certificateId,
      newCertificateId: renewal.newCertificateId,
      result: 'ok',
    });

    await sync();
    const awaiting = service(renewal.newCertificateId);
    expect(awaiting.needsActivation).toBe(true);
    expect(awaiting.hostName).toBe('');

    const csr = await makeCsr(dir, { commonName: host, key: 'ec:P-384' });
    const activation = await submitActivation({ ...context, certificateId: renewal.newCertificateId, csr, dcv: { kind: 'email', approverEmail: `admin@example.com` }, serverType: 'cpanel' });
    expect(activation.newCertificateId).toBe(renewal.newCertificateId);
    expect(sim.certificate(renewal.newCertificateId)?.status).toBe('purchased');
    expect(sim.certificate(renewal.newCertificateId)?.hostName).toBe(host);
    expect(store.history.actions(ENV)[0]).toMatchObject({ action: 'activate', certificateId: renewal.newCertificateId, result: 'ok' });

    await sync();
    const activated = service(renewal.newCertificateId);
    expect(activated.status).toBe('purchased');
    expect(activated.hostName).toBe(host);
    expect(activated.needsActivation).toBe(false);

    sim.clearRequestLog();
    const record = await resendApproval({ ...context, certificateId: renewal.newCertificateId });
    expect(record).toMatchObject({ action: 'resend-approval', result: 'ok', certificateId: renewal.newCertificateId });
    expect(sim.requestCount('namecheap.ssl.resendapproveremail')).toBe(1);

    sim.issuePending();
    await sync();
    expect(service(renewal.newCertificateId).status).toBe('active');
  });

  it('refuses a renewal outside the window and bad years without a request', async () => {
    const target = pickActive();
    sim.clearRequestLog();
    const early = await caught(submitRenewal({ ...context, certificateId: target.certificateId }));
    expect(early.code).toBe('action-not-allowed');
    expect(early.message).toContain('Renewal opens 30 days before expiry');
    const years = await caught(submitRenewal({ ...context, certificateId: target.certificateId, years: 6 }));
    expect(years.code).toBe('invalid-years');
    expect(sim.requestCount()).toBe(0);
    used.delete(target.certificateId);
  });

  it('refuses activation with a wildcard CSR for a single-host type, before any request', async () => {
    const fresh = sim.addCertificate({ status: 'newpurchase', sslType: 'PositiveSSL' });
    await sync();
    sim.clearRequestLog();
    const error = await caught(
      submitActivation({ ...context, certificateId: fresh.certificateId, csr: await makeCsr(dir, { commonName: '*.example.net' }), dcv: { kind: 'dns' }, serverType: 'apache' }),
    );
    expect(error.code).toBe('csr-rejected');
    expect(error.message).toContain('is not a wildcard certificate');
    expect(sim.requestCount()).toBe(0);
  });

  it('an unknown certificate asks for a sync', async () => {
    const error = await caught(resendApproval({ ...context, certificateId: 999_999_999 }));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('Run a sync');
  });
});

describe('CSR check with Wvphost parseCSR', () => {
  it('adds Wvphost’s view after the local checks pass', async () => {
    const target = pickActive();
    const result = await checkCsr({ api, csrPem: await makeCsr(dir, { commonName: target.hostName }), expectedHost: target.hostName, sslType: target.sslType });
    expect(result.ok).toBe(true);
    expect(result.remote).toEqual({ commonName: target.hostName, validTrueDomain: true });
    used.delete(target.certificateId);
  });

  it("Wvphost's refusal (2011166) becomes an api-rejected problem", async () => {
    const tampered = tamperSignedPart(await makeCsr(dir, { commonName: 'www.example.com', subjectPrefix: '/O=Acme' }), 'Acme');
    const local = { ok: true, commonName: 'www.example.com', subjectAltNames: [], keyDescription: 'RSA 2048', subject: {}, problems: [], remote: null };
    const result = await crossCheckCsr(api, tampered, 'PositiveSSL', local);
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.code)).toEqual(['api-rejected']);
    expect(result.problems[0]?.message).toContain('Wvphost refused the CSR');
    expect(result.remote).toBeNull();
  });

  it('a domain Wvphost does not consider valid is an api-rejected problem', async () => {
    const result = await checkCsr({ api, csrPem: await makeCsr(dir, { commonName: 'intranet' }), expectedHost: '', sslType: 'PositiveSSL' });
    expect(result.remote).toEqual({ commonName: 'intranet', validTrueDomain: false });
    expect(result.problems.map((problem) => problem.code)).toEqual(['api-rejected']);
    expect(result.problems[0]?.message).toContain('does not accept intranet as a valid domain');
  });

  it('does not ask Wvphost about a CSR that failed locally', async () => {
    sim.clearRequestLog();
    const result = await checkCsr({ api, csrPem: await makeCsr(dir, { key: 'rsa:1024' }), expectedHost: 'www.example.com', sslType: 'PositiveSSL' });
    expect(result.ok).toBe(false);
    expect(result.remote).toBeNull();
    expect(sim.requestCount()).toBe(0);
  });
});
