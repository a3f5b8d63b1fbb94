/**
 * `reissue`, `activate`, `renew`, `approvers` and `resend-approval` run in-process through the
 * real program (runCli), against a real simulator, a real data folder and the real keychain.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../main/domain/service.ts';
import { openDataStore } from '../../main/store/open-data-store.ts';
import { buildServices, localToday } from '../../main/sync/build-services.ts';
import type { Simulator } from '../../sim/types.ts';
import { makeCsr } from '../fixtures/csr/make-csr.ts';
import { runCliCaptured, type CliRun } from '../helpers/cli-run.ts';
import { startSimStoreKeychain, type SimStoreKeychain } from '../helpers/sim-store-keychain.ts';
import { GENEROUS_BUDGET as GENEROUS } from '../helpers/test-client.ts';

const DAY_MS = 86_400_000;

let world: SimStoreKeychain;
let dir: string;
let dataDir: string;
let sim: Simulator;
const apiUser = `act${randomBytes(6).toString('hex')}`;
const used = new Set<number>();

function cli(...args: string[]): Promise<CliRun> {
  return runCliCaptured(['--data-dir', dataDir, '--env', 'sandbox', ...args]);
}

function services(): readonly Service[] {
  const store = openDataStore({ dataDir });
  return buildServices(store.cache.read('sandbox'), { today: localToday(), dueDateOffsetDays: 0 });
}

function pickActive(): Service {
  const found = services().find(
    (candidate) =>
      candidate.status === 'active' &&
      candidate.hostName !== '' &&
      candidate.daysLeft !== null &&
      candidate.daysLeft > 40 &&
      !used.has(candidate.certificateId),
  );
  if (found === undefined) throw new Error('no active certificate left');
  used.add(found.certificateId);
  return found;
}

async function csrFile(commonName: string, key: 'rsa:2048' | 'rsa:1024' = 'rsa:2048'): Promise<string> {
  const file = path.join(dir, `${randomBytes(4).toString('hex')}.csr`);
  await writeFile(file, await makeCsr(dir, { commonName, key }));
  return file;
}

beforeAll(async () => {
  const apiKey = `key-${randomBytes(16).toString('hex')}`;
  // The CLI builds its own keychain store; sharing gives it this test's keychain service.
  world = await startSimStoreKeychain({
    area: 'actions-cli',
    simulator: { count: 25, seed: 31, rateLimits: GENEROUS, credentials: { apiUser, apiKey, userName: apiUser, clientIp: '127.0.0.1' } },
    shareKeychainWithCli: true,
  });
  ({ dir, dataDir, sim } = world);
  const { store, secrets } = world;
  const current = store.settings.get();
  store.settings.update({
    activeEnvironment: 'sandbox',
    environments: {
      ...current.environments,
      sandbox: { baseUrl: sim.url, apiUser, userName: apiUser, clientIp: '127.0.0.1', rateBudget: GENEROUS },
    },
  });
  await secrets.setApiKey('sandbox', apiUser, apiKey);
  const synced = await cli('sync');
  expect(synced.stderr).toBe('');
  expect(synced.code).toBe(0);
});

afterAll(async () => {
  await world.dispose();
});

describe('reissue from the command line', () => {
  it('--http --json prints the new certificate ID and the validation file', async () => {
    const target = pickActive();
    const run = await cli('--json', 'reissue', String(target.certificateId), '--csr', await csrFile(target.hostName), '--http', '--server', 'nginx');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as {
      action: string;
      certificateId: number;
      newCertificateId: number;
      serverType: string;
      dcv: { method: string; approverEmail: string | null; instructions: { kind: string; fileName: string; fileContent: string }[] };
    };
    expect(printed.action).toBe('reissue');
    expect(printed.certificateId).toBe(target.certificateId);
    expect(printed.newCertificateId).toBe(sim.certificate(target.certificateId)?.replacedBy);
    expect(printed.serverType).toBe('nginx');
    expect(printed.dcv.method).toBe('http');
    expect(printed.dcv.instructions[0]?.fileName).toMatch(/\.txt$/);
    expect(printed.dcv.instructions[0]?.fileContent).toContain('comodoca.com');

    const lineage = services().find((candidate) => candidate.certificateId === printed.newCertificateId);
    expect(lineage?.reissueState).toBe('pending');
    expect(lineage?.previousCertificateIds).toContain(target.certificateId);
  });

  it('with an approver address from `approvers`, in words', async () => {
    const target = pickActive();
    const approvers = await cli('--json', 'approvers', String(target.certificateId));
    expect(approvers.code).toBe(0);
    const list = JSON.parse(approvers.stdout) as { domain: string; emails: string[] };
    const approverEmail = list.emails[0] ?? '';
    expect(approverEmail).toContain('@');

    const run = await cli('reissue', String(target.certificateId), '--csr', await csrFile(target.hostName), '--approver-email', approverEmail);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Reissued certificate ${target.certificateId}: the new certificate is `);
    expect(run.stdout).toContain(`approval email to ${approverEmail}`);
  });

  it('needs exactly one validation method (usage error, exit 2)', async () => {
    const target = pickActive();
    const file = await csrFile(target.hostName);
    sim.clearRequestLog();
    const none = await cli('reissue', String(target.certificateId), '--csr', file);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Choose exactly one validation method');
    const two = await cli('reissue', String(target.certificateId), '--csr', file, '--http', '--dns');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('several were given');
    const server = await cli('reissue', String(target.certificateId), '--csr', file, '--http', '--server', 'lighttpd');
    expect(server.code).toBe(2);
    expect(server.stderr).toContain('--server must be one of');
    const id = await cli('reissue', 'abc', '--csr', file, '--http');
    expect(id.code).toBe(2);
    expect(sim.requestCount()).toBe(0);
    used.delete(target.certificateId);
  });

  it('refuses a bad CSR with every reason and sends nothing (exit 1)', async () => {
    const target = pickActive();
    sim.clearRequestLog();
    const run = await cli('reissue', String(target.certificateId), '--csr', await csrFile('shop.example.org', 'rsa:1024'), '--dns');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The CSR was refused and nothing was sent to Wvphost:');
    expect(run.stderr).toContain(`The CSR is for shop.example.org, but this certificate is for ${target.hostName}.`);
    expect(run.stderr).toContain('RSA 1024');
    expect(sim.requestCount()).toBe(0);
    used.delete(target.certificateId);
  });

  it('a missing CSR file is a plain error', async () => {
    const run = await cli('reissue', '12345', '--csr', path.join(dir, 'missing.csr'), '--http');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Could not read the CSR file');
    expect(run.stderr).toContain('ENOENT');
  });
});

describe('renew, then activate, then resend', () => {
  it('walks the renewal flow', async () => {
    const host = 'cli-renew.example.com';
    const expiring = sim.addCertificate({
      hostName: host,
      status: 'active',
      sslType: 'PositiveSSL',
      purchaseDate: new Date(Date.now() - 350 * DAY_MS),
      expireDate: new Date(Date.now() + 10 * DAY_MS),
    });
    expect((await cli('sync')).code).toBe(0);

    const badYears = await cli('renew', String(expiring.certificateId), '--years', '9');
    expect(badYears.code).toBe(2);

    const renewed = await cli('--json', 'renew', String(expiring.certificateId), '--years', '2');
    expect(renewed.stderr).toBe('');
    expect(renewed.code).toBe(0);
    const renewal = JSON.parse(renewed.stdout) as { newCertificateId: number; years: number; status: string };
    expect(renewal.years).toBe(2);
    expect(renewal.status).toBe('newrenewal');
    expect(sim.certificate(renewal.newCertificateId)?.status).toBe('newrenewal');

    expect((await cli('sync')).code).toBe(0);
    const activated = await cli('activate', String(renewal.newCertificateId), '--csr', await csrFile(host), '--dns');
    expect(activated.stderr).toBe('');
    expect(activated.code).toBe(0);
    expect(activated.stdout).toContain(`Activated certificate ${renewal.newCertificateId}`);
    expect(activated.stdout).toMatch(/Host: +_[0-9a-f]{32}\.cli-renew\.example\.com/);
    expect(activated.stdout).toMatch(/Target: +\S+\.comodoca\.com/);
    expect(sim.certificate(renewal.newCertificateId)?.hostName).toBe(host);

    expect((await cli('sync')).code).toBe(0);
    const resent = await cli('resend-approval', String(renewal.newCertificateId));
    expect(resent.code).toBe(0);
    expect(resent.stdout).toContain('resend the approval email');

    const history = openDataStore({ dataDir }).history.actions('sandbox');
    expect(history.slice(0, 3).map((record) => record.action)).toEqual(['resend-approval', 'activate', 'renew']);
    expect(history.every((record) => record.by === apiUser)).toBe(true);
  });

  it('renewing a certificate far from expiry is refused with the date renewal opens', async () => {
    const target = pickActive();
    const run = await cli('renew', String(target.certificateId));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Renewal opens 30 days before expiry');
    used.delete(target.certificateId);
  });
});
