import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimCertificate, Simulator } from '../../sim/types.ts';
import type { WvphostClient } from '../../main/wvphost/client.ts';
import type { ListItem } from '../../main/wvphost/types.ts';
import { makeCsr, startTestSimulator, testClient } from './wvphost-test-support.ts';

function isoDate(date: Date | null): string | null {
  if (date === null) return null;
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function findCertificate(
  sim: Simulator,
  predicate: (certificate: SimCertificate) => boolean,
  what: string,
): SimCertificate {
  const found = sim.certificates().find(predicate);
  if (found === undefined) throw new Error(`the seeded simulator account has no ${what}`);
  return found;
}

function isWildcardType(sslType: string): boolean {
  return /wildcard/i.test(sslType);
}

function openssl(args: readonly string[], input: string): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

describe('WvphostClient against the simulator: every command', () => {
  let sim: Simulator;
  let client: WvphostClient;

  beforeAll(async () => {
    sim = await startTestSimulator({ count: 40, seed: 11 });
    client = testClient(sim);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('getListPage reads one page with paging, converted dates and statuses as sent', async () => {
    const page = await client.getListPage({ page: 1, pageSize: 10 });
    const all = sim.certificates();
    expect(page.totalItems).toBe(all.length);
    expect(page.currentPage).toBe(1);
    expect(page.pageSize).toBe(10);
    expect(page.items).toHaveLength(10);
    for (const item of page.items) {
      const source = sim.certificate(item.certificateId);
      expect(source).toBeDefined();
      if (source === undefined) continue;
      expect(item.hostName).toBe(source.hostName);
      expect(item.sslType).toBe(source.sslType);
      expect(item.status.toLowerCase()).toBe(source.status.toLowerCase());
      expect(item.purchaseDate).toBe(isoDate(source.purchaseDate));
      expect(item.expireDate).toBe(isoDate(source.expireDate));
      expect(item.activationExpireDate).toBe(isoDate(source.activationExpireDate));
    }
  });

  it('getListPage passes ListType, SearchTerm, SortBy and gets PageSize clamped', async () => {
    const active = await client.getListPage({ listType: 'Active', pageSize: 100 });
    const expectedActive = sim.certificates().filter((certificate) => certificate.status === 'active');
    expect(active.items.map((item) => item.certificateId).sort((a, b) => a - b)).toEqual(
      expectedActive.map((certificate) => certificate.certificateId).sort((a, b) => a - b),
    );
    const host = findCertificate(sim, (certificate) => certificate.hostName.length > 6, 'host').hostName;
    const searched = await client.getListPage({ searchTerm: host, pageSize: 100 });
    expect(searched.items.length).toBeGreaterThan(0);
    expect(searched.items.every((item) => item.hostName.toLowerCase().includes(host.toLowerCase()))).toBe(true);
    const sorted = await client.getListPage({ sortBy: 'EXPIREDATETIME_DESC', pageSize: 100 });
    const dates = sorted.items.map((item) => item.expireDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const clamped = await client.getListPage({ pageSize: 5 });
    expect(clamped.pageSize).toBe(10);
  });

  it('getList reads every page with PageSize 100 and reports progress', async () => {
    const big = await startTestSimulator({ count: 230, seed: 3 });
    try {
      const bigClient = testClient(big);
      const progress: { page: number; totalPages: number; items: number }[] = [];
      const items = await bigClient.getList({}, { onPage: (entry) => progress.push(entry) });
      const expectedIds = big
        .certificates()
        .map((certificate) => certificate.certificateId)
        .sort((a, b) => a - b);
      expect(items.map((item) => item.certificateId).sort((a, b) => a - b)).toEqual(expectedIds);
      const pages = Math.ceil(expectedIds.length / 100);
      expect(progress.map((entry) => entry.page)).toEqual(Array.from({ length: pages }, (_, index) => index + 1));
      expect(progress.at(-1)).toEqual({ page: pages, totalPages: pages, items: expectedIds.length });
      expect(big.requestCount('namecheap.ssl.getlist')).toBe(pages);
      expect(bigClient.requestsSent).toBe(pages);
    } finally {
      await big.close();
    }
  });

  it('getInfo returns details and Individual material that openssl accepts', async () => {
    const active = findCertificate(
      sim,
      (c) => c.status === 'active' && c.hostName !== '' && !c.hostName.startsWith('*.'),
      'active certificate',
    );
    const info = await client.getInfo(active.certificateId, { returnCertificate: 'Individual' });
    expect(info.certificateId).toBe(active.certificateId);
    expect(info.status.toLowerCase()).toBe('active');
    expect(info.sslType).toBe(active.sslType);
    expect(info.expires).toBe(isoDate(active.expireDate));
    expect(info.replacedBy).toBeNull();
    expect(info.commonName).toBe(active.hostName);
    expect(info.provider.name).toBe('COMODO');
    expect(info.material?.returnType).toBe('Individual');
    const leaf = info.material?.certificate ?? '';
    expect(leaf).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(openssl(['x509', '-noout', '-subject'], leaf)).toContain(active.hostName);
    expect(info.material?.caCertificates).toEqual([sim.intermediateCaPem.trim()]);
  });

  it('getInfo returns PKCS7 material that openssl pkcs7 accepts, and none for a new purchase', async () => {
    const active = findCertificate(sim, (c) => c.status === 'active' && c.hostName !== '', 'active certificate');
    const info = await client.getInfo(active.certificateId, { returnCertificate: 'PKCS7' });
    expect(info.material?.returnType).toBe('PKCS7');
    expect(info.material?.caCertificates).toEqual([]);
    const certificates = openssl(['pkcs7', '-print_certs', '-noout'], info.material?.certificate ?? '');
    expect(certificates).toContain(active.hostName.replace(/^\*\./, ''));

    const fresh = findCertificate(sim, (c) => c.status === 'newpurchase', 'newpurchase certificate');
    const pending = await client.getInfo(fresh.certificateId, { returnCertificate: 'Individual' });
    expect(pending.status.toLowerCase()).toBe('newpurchase');
    expect(pending.material).toBeNull();
    const withoutMaterial = await client.getInfo(active.certificateId);
    expect(withoutMaterial.material).toBeNull();
  });

  it('reissue returns the NEW certificate ID with HTTP validation, and the old one is replaced', async () => {
    const active = findCertificate(
      sim,
      (c) => c.status === 'active' && c.hostName !== '' && !c.hostName.startsWith('*.') && !isWildcardType(c.sslType),
      'active certificate',
    );
    const result = await client.reissue({
      certificateId: active.certificateId,
      csr: makeCsr(active.hostName),
      adminEmailAddress: 'it@example.com',
      webServerType: 'apacheapachessl',
      dcv: { kind: 'http' },
    });
    expect(result.isSuccess).toBe(true);
    expect(result.certificateId).not.toBe(active.certificateId);
    expect(result.dcv).toHaveLength(1);
    expect(result.dcv[0]).toMatchObject({ kind: 'http', domain: active.hostName });
    const old = await client.getInfo(active.certificateId);
    expect(old.status.toLowerCase()).toBe('replaced');
    expect(old.replacedBy).toBe(result.certificateId);
    const fresh = await client.getInfo(result.certificateId);
    expect(fresh.status.toLowerCase()).toBe('purchased');
    const listed: readonly ListItem[] = await client.getList();
    expect(listed.find((item) => item.certificateId === result.certificateId)?.hostName).toBe(active.hostName);
  });

  it('activate submits a CSR for a new purchase and returns DNS validation', async () => {
    const fresh = findCertificate(
      sim,
      (c) => c.status === 'newpurchase' && !isWildcardType(c.sslType),
      'newpurchase certificate',
    );
    const result = await client.activate({
      certificateId: fresh.certificateId,
      csr: makeCsr('shop.activate-test.example'),
      adminEmailAddress: 'it@example.com',
      webServerType: 'other',
      dcv: { kind: 'dns' },
    });
    expect(result).toMatchObject({ certificateId: fresh.certificateId, isSuccess: true });
    expect(result.dcv).toHaveLength(1);
    const dns = result.dcv[0];
    expect(dns?.kind).toBe('dns');
    if (dns?.kind === 'dns') {
      expect(dns.domain).toBe('shop.activate-test.example');
      expect(dns.hostName).toMatch(/^_[0-9a-f]+\.shop\.activate-test\.example$/);
      expect(dns.target).toMatch(/comodoca\.com$/);
    }
    expect((await client.getInfo(fresh.certificateId)).status.toLowerCase()).toBe('purchased');
  });

  it('activate with an approver e-mail returns no validation block', async () => {
    const fresh = sim.addCertificate({ status: 'newpurchase', sslType: 'PositiveSSL', hostName: '', expireDate: null });
    const result = await client.activate({
      certificateId: fresh.certificateId,
      csr: makeCsr('mail.approver-test.example'),
      adminEmailAddress: 'it@example.com',
      webServerType: 'iis5',
      dcv: { kind: 'email', approverEmail: 'admin@approver-test.example' },
    });
    expect(result).toEqual({ certificateId: fresh.certificateId, isSuccess: true, dcv: [] });
  });

  it('renew orders a new newrenewal certificate for one expiring within 30 days', async () => {
    const soon = new Date();
    soon.setDate(soon.getDate() + 10);
    const expiring = sim.addCertificate({
      hostName: 'renew-me.example.com',
      sslType: 'PositiveSSL',
      status: 'active',
      expireDate: soon,
    });
    const result = await client.renew({ certificateId: expiring.certificateId, years: 2, sslType: 'PositiveSSL' });
    expect(result.years).toBe(2);
    expect(result.certificateId).not.toBe(expiring.certificateId);
    expect(result.orderId).not.toBe('');
    expect(Number(result.chargedAmount)).toBeGreaterThan(0);
    const renewed = await client.getInfo(result.certificateId);
    expect(renewed.status.toLowerCase()).toBe('newrenewal');
  });

  it('getApproverEmailList reads domain and generic addresses (ManualEmails absent)', async () => {
    const list = await client.getApproverEmailList('www.example.org', 'PositiveSSL');
    expect(list.domain).toBe('example.org');
    expect(list.domainEmails).toEqual(['registrant@example.org']);
    expect(list.genericEmails).toEqual(
      ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'].map((box) => `${box}@example.org`),
    );
    expect(list.manualEmails).toEqual([]);
    const empty = await client.getApproverEmailList('site.noemail.test', 'PositiveSSL');
    expect(empty.domainEmails).toEqual([]);
    expect(empty.genericEmails).toEqual([]);
  });

  it('parseCsr reads the subject of a real CSR', async () => {
    const details = await client.parseCsr(makeCsr('www.parse-me.example'), 'PositiveSSL');
    expect(details).toMatchObject({
      commonName: 'www.parse-me.example',
      domainName: 'parse-me.example',
      country: 'DE',
      organisation: 'Example Org',
      validTrueDomain: true,
    });
  });

  it('resendApproverEmail confirms for a certificate awaiting validation', async () => {
    const pending = findCertificate(sim, (c) => c.status === 'purchased', 'purchased certificate');
    const result = await client.resendApproverEmail(pending.certificateId);
    expect(result).toEqual({ certificateId: pending.certificateId, isSuccess: true });
  });

  it('sends every command as a form POST with credentials in the body only', async () => {
    const before = sim.requestLog.length;
    await client.getListPage({ pageSize: 10 });
    const entry = sim.requestLog[before];
    expect(entry?.method).toBe('POST');
    expect(entry?.command).toBe('namecheap.ssl.getlist');
    expect(entry?.apiUser).toBe(sim.credentials.apiUser);
    expect(sim.requestLog.every((logged) => logged.method === 'POST')).toBe(true);
  });
});
