import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimCertificate, Simulator } from '../../sim/types.ts';
import type { Xml } from './sim-support.ts';
import { FIXED_NOW, call, errorNumbers, makeCsr, makeSanCsr, send, startTestSimulator } from './sim-support.ts';

const DAY = 86_400_000;

function firstWith(sim: Simulator, predicate: (c: SimCertificate) => boolean): SimCertificate {
  const found = sim.certificates().find(predicate);
  if (!found) throw new Error('the seeded account lacks a certificate the test needs');
  return found;
}

function submission(
  certificateId: number,
  csr: string,
  extra: Record<string, string> = {},
): Record<string, string | number> {
  return {
    CertificateID: certificateId,
    csr,
    AdminEmailAddress: 'ops@example.org',
    WebServerType: 'apacheapachessl',
    ...extra,
  };
}

async function info(sim: Simulator, certificateId: number, extra: Record<string, string> = {}): Promise<Xml> {
  const envelope = await call(sim, { Command: 'namecheap.ssl.getInfo', CertificateID: certificateId, ...extra });
  expect(envelope['@Status']).toBe('OK');
  return envelope.CommandResponse.SSLGetInfoResult;
}

describe('simulator commands', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startTestSimulator({ count: 150, seed: 4 });
  });
  afterAll(async () => {
    await sim.close();
  });

  describe('getInfo', () => {
    it('reports every attribute and child of §4, statuses in getInfo style, without material unless asked', async () => {
      const active = firstWith(sim, (c) => c.status === 'active');
      const result = await info(sim, active.certificateId);
      expect(result['@Status']).toBe('Active');
      expect(result['@Type']).toBe(active.sslType);
      expect(result['@OrderId']).toBe(active.orderId);
      expect(result['@ReplacedBy']).toBe('0');
      expect(result['@SANSCount']).toBe('0');
      expect(result['@Years']).toMatch(/^\d$/);
      for (const name of ['StatusDescription', 'IssuedOn', 'Expires', 'ActivationExpireDate'])
        expect(result).toHaveProperty(`@${name}`);
      const [m, d, y] = (result['@Expires'] as string).split('/').map(Number);
      expect(new Date(y!, m! - 1, d!).getTime()).toBe(active.expireDate!.getTime());
      const details = result.CertificateDetails;
      expect(details.CommonName).toBe(active.hostName);
      expect(details.ApproverEmail).toBe(active.approverEmail);
      expect(details).toHaveProperty('CSR');
      expect(details).toHaveProperty('AdministratorName');
      expect(details).toHaveProperty('AdministratorEmail');
      expect(details.Certificates['@CertificateReturned']).toBe('false');
      expect(result.Provider.Name).toBe('COMODO');
      expect(result.Provider.OrderID).toMatch(/^\d+$/);
    });

    it('returns a PEM leaf and intermediate (Individual) or one p7b (PKCS7)', async () => {
      const active = firstWith(sim, (c) => c.status === 'active');
      const individual = await info(sim, active.certificateId, { Returncertificate: 'true', Returntype: 'Individual' });
      const certificates = individual.CertificateDetails.Certificates;
      expect(certificates['@CertificateReturned']).toBe('true');
      expect(certificates['@ReturnType']).toBe('Individual');
      expect(certificates.Certificate[0]).toMatch(/^-----BEGIN CERTIFICATE-----/);
      const intermediate = certificates.CaCertificates.Certificate[0];
      expect(intermediate['@Type']).toBe('INTERMEDIATE');
      expect(intermediate.Certificate[0]).toBe(sim.intermediateCaPem);
      const pkcs7 = await info(sim, active.certificateId, { returncertificate: 'TRUE', returntype: 'pkcs7' });
      expect(pkcs7.CertificateDetails.Certificates['@ReturnType']).toBe('PKCS7');
      expect(pkcs7.CertificateDetails.Certificates.Certificate[0]).toMatch(/^-----BEGIN PKCS7-----/);
      // The same leaf again (cached), not a new one.
      const again = await info(sim, active.certificateId, { Returncertificate: 'true', Returntype: 'Individual' });
      expect(again.CertificateDetails.Certificates.Certificate[0]).toBe(certificates.Certificate[0]);
    });

    it('has material for replaced and expired certificates, none for purchased or newpurchase', async () => {
      for (const status of ['replaced', 'expired']) {
        const c = firstWith(sim, (x) => x.status === status);
        const result = await info(sim, c.certificateId, { Returncertificate: 'true', Returntype: 'Individual' });
        expect(result.CertificateDetails.Certificates['@CertificateReturned']).toBe('true');
      }
      for (const status of ['purchased', 'newpurchase']) {
        const c = firstWith(sim, (x) => x.status === status);
        const result = await info(sim, c.certificateId, { Returncertificate: 'true', Returntype: 'Individual' });
        expect(result.CertificateDetails.Certificates['@CertificateReturned']).toBe('false');
        expect(result.CertificateDetails.Certificates.Certificate).toBeUndefined();
      }
      const awaiting = await info(sim, firstWith(sim, (x) => x.status === 'newpurchase').certificateId);
      expect(awaiting['@Status']).toBe('NewPurchase');
      expect(awaiting['@Expires']).toBe('');
    });

    it("rejects unknown ids (2011294), other accounts' ids (4011294) and a missing Returntype", async () => {
      expect(errorNumbers(await call(sim, { Command: 'namecheap.ssl.getInfo', CertificateID: 1 }))).toEqual([2011294]);
      expect(errorNumbers(await call(sim, { Command: 'namecheap.ssl.getInfo', CertificateID: 'abc' }))).toEqual([
        2011294,
      ]);
      expect(errorNumbers(await call(sim, { Command: 'namecheap.ssl.getInfo' }))).toEqual([2011294]);
      // An id between this account's ids belongs to another account: 4011294.
      const ids = new Set(sim.certificates().map((c) => c.certificateId));
      let foreign = sim.certificates()[0]!.certificateId + 1;
      while (ids.has(foreign)) foreign += 1;
      const envelope = await call(sim, { Command: 'namecheap.ssl.getInfo', CertificateID: foreign });
      expect(errorNumbers(envelope)).toEqual([4011294]);
      expect(envelope.Errors.Error[0]['#text']).toContain('does not belong to this account');
      const active = firstWith(sim, (c) => c.status === 'active');
      expect(
        errorNumbers(
          await call(sim, {
            Command: 'namecheap.ssl.getInfo',
            CertificateID: active.certificateId,
            Returncertificate: 'true',
          }),
        ),
      ).toEqual([2015182]);
    });
  });

  describe('reissue', () => {
    it('replaces an active certificate at once and answers the new ID; purchased → active by issuePending', async () => {
      const old = firstWith(
        sim,
        (c) => c.status === 'active' && !c.hostName.startsWith('*.') && c.certificateId % 2 === 0,
      );
      const envelope = await call(sim, {
        Command: 'namecheap.ssl.reissue',
        ...submission(old.certificateId, makeCsr(old.hostName, 'rsa'), {
          ApproverEmail: `admin@${old.hostName.replace(/^www\./, '')}`,
        }),
      });
      expect(envelope['@Status']).toBe('OK');
      const result = envelope.CommandResponse.SSLReissueResult;
      expect(result['@IsSuccess']).toBe('true');
      const newId = Number(result['@ID']);
      expect(newId).toBeGreaterThan(old.certificateId);
      expect(result.HttpDCValidation).toBeUndefined();

      const oldInfo = await info(sim, old.certificateId);
      expect(oldInfo['@Status']).toBe('Replaced');
      expect(Number(oldInfo['@ReplacedBy'])).toBe(newId);
      const list = await call(sim, { Command: 'namecheap.ssl.getList', SearchTerm: old.hostName, PageSize: 100 });
      const items: Xml[] = list.CommandResponse.SSLListResult.SSL;
      expect(items.find((i) => Number(i['@CertificateID']) === old.certificateId)['@Status']).toBe('replaced');
      expect(items.find((i) => Number(i['@CertificateID']) === old.certificateId)['@ReplacedBy']).toBe(String(newId));
      const fresh = items.find((i) => Number(i['@CertificateID']) === newId);
      expect(fresh['@Status']).toBe('PURCHASED');
      expect(fresh['@HostName']).toBe(old.hostName);
      expect(fresh['@SSLType']).toBe(old.sslType);
      expect(fresh['@ExpireDate']).not.toBe('');
      expect(sim.certificate(newId)!.expireDate!.getTime()).toBe(old.expireDate!.getTime());
      const newInfo = await info(sim, newId);
      expect(newInfo['@OrderId']).toBe(old.orderId);
      expect(newInfo.Provider.OrderID).toBe(oldInfo.Provider.OrderID);
      expect(newInfo.CertificateDetails.CSR).toContain('BEGIN CERTIFICATE REQUEST');

      // Only active certificates can be reissued: the replaced one now cannot.
      expect(
        errorNumbers(
          await call(sim, {
            Command: 'namecheap.ssl.reissue',
            ...submission(old.certificateId, makeCsr(old.hostName), { HTTPDCValidation: 'true' }),
          }),
        ),
      ).toEqual([2011331]);
      expect(sim.issuePending()).toBeGreaterThanOrEqual(1);
      expect((await info(sim, newId))['@Status']).toBe('Active');
      // A lineage can be reissued again: 101 → 205 → 377.
      const second = await call(sim, {
        Command: 'namecheap.ssl.reissue',
        ...submission(newId, makeCsr(old.hostName), { DNSDCValidation: 'true' }),
      });
      const dns = second.CommandResponse.SSLReissueResult.DNSDCValidation;
      expect(dns['@ValueAvailable']).toBe('true');
      expect(dns.DNS[0].HostName).toMatch(/^_[0-9a-f]{32}\./);
      expect(dns.DNS[0].Target).toMatch(/comodoca\.com$/);
      expect(sim.certificate(newId)!.replacedBy).toBe(Number(second.CommandResponse.SSLReissueResult['@ID']));
    });

    it('accepts a wildcard CSR for a wildcard host and answers an HTTP DCV block', async () => {
      const wildcard = firstWith(sim, (c) => c.status === 'active' && c.hostName.startsWith('*.'));
      const envelope = await call(sim, {
        Command: 'namecheap.ssl.reissue',
        ...submission(wildcard.certificateId, makeCsr(wildcard.hostName), { HTTPDCValidation: 'true' }),
      });
      expect(envelope['@Status']).toBe('OK');
      const http = envelope.CommandResponse.SSLReissueResult.HttpDCValidation;
      expect(http['@ValueAvailable']).toBe('true');
      expect(http.DNS[0]['@domain']).toBe(wildcard.hostName.slice(2));
      expect(http.DNS[0].FileName).toMatch(/^[0-9A-F]{32}\.txt$/);
      expect(http.DNS[0].FileContent).toContain('comodoca.com');
    });

    it("accepts a CSR whose CN or any DNS SAN names the host, as the app's local check does", async () => {
      const plain = sim
        .certificates()
        .filter((c) => c.status === 'active' && !c.hostName.startsWith('*.') && c.replacedBy === null);
      const [bySan, byNoCn, refused] = [plain[1], plain[2], plain[3]];
      if (!bySan || !byNoCn || !refused) throw new Error('the seeded account lacks active certificates');
      // CN names another host; the host is the second SAN.
      const sanEnvelope = await call(sim, {
        Command: 'namecheap.ssl.reissue',
        ...submission(
          bySan.certificateId,
          makeSanCsr('other.example.net', ['other.example.net', bySan.hostName.toUpperCase()]),
          {
            HTTPDCValidation: 'true',
          },
        ),
      });
      expect(sanEnvelope['@Status']).toBe('OK');
      expect(sim.certificate(bySan.certificateId)!.status).toBe('replaced');
      // No CN at all, only SANs.
      const noCnCsr = makeSanCsr(null, [byNoCn.hostName]);
      const noCnEnvelope = await call(sim, {
        Command: 'namecheap.ssl.reissue',
        ...submission(byNoCn.certificateId, noCnCsr, { DNSDCValidation: 'true' }),
      });
      expect(noCnEnvelope['@Status']).toBe('OK');
      // parseCSR judges a CN-less CSR by its first SAN, so the app's cross-check does not refuse it.
      const parsed = await call(sim, {
        Command: 'namecheap.ssl.parseCSR',
        csr: noCnCsr,
        CertificateType: 'PositiveSSL',
      });
      expect(parsed.CommandResponse.SSLParseCSRResult.CSRDetails.ValidTrueDomain).toBe('true');
      // Neither the CN nor any SAN names the host: still 2011166, naming what the CSR holds.
      const mismatch = await call(sim, {
        Command: 'namecheap.ssl.reissue',
        ...submission(refused.certificateId, makeSanCsr('a.example.net', ['a.example.net', 'b.example.net']), {
          HTTPDCValidation: 'true',
        }),
      });
      expect(errorNumbers(mismatch)).toEqual([2011166]);
      expect(JSON.stringify(mismatch.Errors)).toContain('b.example.net');
      expect(sim.certificate(refused.certificateId)!.status).toBe('active');
    });

    it('rejects a CSR for another host, garbage, an unknown id and a status that does not allow it', async () => {
      const active = sim.certificates().filter((c) => c.status === 'active' && !c.hostName.startsWith('*.'));
      const target = active[active.length - 1]!;
      const mismatch = await call(sim, {
        Command: 'namecheap.ssl.reissue',
        ...submission(target.certificateId, makeCsr('other.example.net'), { HTTPDCValidation: 'true' }),
      });
      expect(errorNumbers(mismatch)).toEqual([2011166]);
      const garbage = await call(sim, {
        Command: 'namecheap.ssl.reissue',
        ...submission(
          target.certificateId,
          '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----',
          { HTTPDCValidation: 'true' },
        ),
      });
      expect(errorNumbers(garbage)).toEqual([2011166]);
      const wildcardForPlain = await call(sim, {
        Command: 'namecheap.ssl.reissue',
        ...submission(target.certificateId, makeCsr(`*.${target.hostName}`), { HTTPDCValidation: 'true' }),
      });
      expect(errorNumbers(wildcardForPlain)).toEqual([2011166]);
      expect(
        errorNumbers(
          await call(sim, {
            Command: 'namecheap.ssl.reissue',
            ...submission(999, makeCsr('x.example.com'), { HTTPDCValidation: 'true' }),
          }),
        ),
      ).toEqual([2011294]);
      const cancelled = firstWith(sim, (c) => c.status === 'cancelled');
      expect(
        errorNumbers(
          await call(sim, {
            Command: 'namecheap.ssl.reissue',
            ...submission(cancelled.certificateId, makeCsr(cancelled.hostName), { HTTPDCValidation: 'true' }),
          }),
        ),
      ).toEqual([2011331]);
      // No DCV choice, or two of them.
      expect(
        errorNumbers(
          await call(sim, {
            Command: 'namecheap.ssl.reissue',
            ...submission(target.certificateId, makeCsr(target.hostName)),
          }),
        ),
      ).toEqual([2015182]);
      expect(
        errorNumbers(
          await call(sim, {
            Command: 'namecheap.ssl.reissue',
            ...submission(target.certificateId, makeCsr(target.hostName), {
              HTTPDCValidation: 'true',
              DNSDCValidation: 'true',
            }),
          }),
        ),
      ).toEqual([2015182]);
      expect(sim.certificate(target.certificateId)!.status).toBe('active');
    });
  });

  describe('activate', () => {
    it('activates a newpurchase with the CSR host; purchased → active after issueDelayMs', async () => {
      const delayed = await startTestSimulator({ count: 80, seed: 4, issueDelayMs: 60_000 });
      try {
        const awaiting = firstWith(delayed, (c) => c.status === 'newpurchase' && !/wildcard/i.test(c.sslType));
        const envelope = await call(delayed, {
          Command: 'namecheap.ssl.activate',
          ...submission(awaiting.certificateId, makeCsr('shop.newcustomer.com'), {
            ApproverEmail: 'admin@newcustomer.com',
          }),
        });
        expect(envelope['@Status']).toBe('OK');
        expect(envelope.CommandResponse.SSLActivateResult['@ID']).toBe(String(awaiting.certificateId));
        expect(envelope.CommandResponse.SSLActivateResult['@IsSuccess']).toBe('true');
        const purchased = await info(delayed, awaiting.certificateId);
        expect(purchased['@Status']).toBe('Purchased');
        expect(purchased.CertificateDetails.CommonName).toBe('shop.newcustomer.com');
        expect(purchased['@Expires']).not.toBe('');
        delayed.advanceClock(59_000);
        expect((await info(delayed, awaiting.certificateId))['@Status']).toBe('Purchased');
        delayed.advanceClock(2_000);
        expect((await info(delayed, awaiting.certificateId))['@Status']).toBe('Active');
        expect(
          errorNumbers(
            await call(delayed, {
              Command: 'namecheap.ssl.activate',
              ...submission(awaiting.certificateId, makeCsr('shop.newcustomer.com'), { HTTPDCValidation: 'true' }),
            }),
          ),
        ).toEqual([2011331]);
      } finally {
        await delayed.close();
      }
    });

    it('activates a newrenewal with a DNS DCV block and rejects a wildcard mismatch', async () => {
      const renewal = firstWith(sim, (c) => c.status === 'newrenewal');
      const wildcardType = /wildcard/i.test(renewal.sslType);
      const wrongHost = wildcardType ? 'plain.renewed.org' : '*.renewed.org';
      expect(
        errorNumbers(
          await call(sim, {
            Command: 'namecheap.ssl.activate',
            ...submission(renewal.certificateId, makeCsr(wrongHost), { DNSDCValidation: 'true' }),
          }),
        ),
      ).toEqual([2011166]);
      const host = wildcardType ? '*.renewed.org' : 'www.renewed.org';
      const envelope = await call(sim, {
        Command: 'namecheap.ssl.activate',
        ...submission(renewal.certificateId, makeCsr(host), { DNSDCValidation: 'true' }),
      });
      expect(envelope.CommandResponse.SSLActivateResult.DNSDCValidation.DNS[0]['@domain']).toBe(
        host.replace(/^\*\./, ''),
      );
      expect(sim.certificate(renewal.certificateId)!.hostName).toBe(host);
      expect(sim.certificate(renewal.certificateId)!.status).toBe('purchased');
    });

    it('activates with a CSR that has no common name, taking the host from its first DNS SAN', async () => {
      const awaiting = sim
        .certificates()
        .filter((c) => (c.status === 'newpurchase' || c.status === 'newrenewal') && !/wildcard/i.test(c.sslType));
      const target = awaiting[awaiting.length - 1];
      if (!target) throw new Error('the seeded account lacks a certificate awaiting activation');
      const envelope = await call(sim, {
        Command: 'namecheap.ssl.activate',
        ...submission(
          target.certificateId,
          makeSanCsr(null, ['san-only.activated.org', 'www.san-only.activated.org']),
          {
            HTTPDCValidation: 'true',
          },
        ),
      });
      expect(envelope['@Status']).toBe('OK');
      expect(sim.certificate(target.certificateId)!.hostName).toBe('san-only.activated.org');
      expect(sim.certificate(target.certificateId)!.status).toBe('purchased');
    });

    it('refuses an active certificate (2011331)', async () => {
      const active = firstWith(sim, (c) => c.status === 'active');
      expect(
        errorNumbers(
          await call(sim, {
            Command: 'namecheap.ssl.activate',
            ...submission(active.certificateId, makeCsr(active.hostName), { HTTPDCValidation: 'true' }),
          }),
        ),
      ).toEqual([2011331]);
    });
  });

  describe('renew', () => {
    it('renews an active certificate expiring within 30 days into a new newrenewal', async () => {
      const today = new Date(FIXED_NOW.getFullYear(), FIXED_NOW.getMonth(), FIXED_NOW.getDate()).getTime();
      const due = sim.addCertificate({
        hostName: 'due.example.com',
        sslType: 'PositiveSSL',
        status: 'active',
        expireDate: new Date(today + 20 * DAY),
      });
      const envelope = await call(sim, {
        Command: 'namecheap.ssl.renew',
        CertificateID: due.certificateId,
        Years: 2,
        SSLType: 'PositiveSSL',
      });
      expect(envelope['@Status']).toBe('OK');
      const result = envelope.CommandResponse.SSLRenewResult;
      const newId = Number(result['@CertificateID']);
      expect(newId).toBeGreaterThan(due.certificateId);
      expect(result['@Years']).toBe('2');
      expect(result['@OrderId']).toMatch(/^\d+$/);
      expect(result['@TransactionId']).toMatch(/^\d+$/);
      expect(Number(result['@ChargedAmount'])).toBeGreaterThan(0);
      const fresh = sim.certificate(newId)!;
      expect(fresh.status).toBe('newrenewal');
      expect(fresh.hostName).toBe('');
      expect(fresh.sslType).toBe('PositiveSSL');
      expect(sim.certificate(due.certificateId)!.status).toBe('active');
      expect(sim.certificate(due.certificateId)!.replacedBy).toBeNull();
      expect((await info(sim, newId))['@Status']).toBe('NewRenewal');
    });

    it('rejects Years out of range (2015167), a type mismatch (2011301), too early or wrong status (2011331)', async () => {
      const today = new Date(FIXED_NOW.getFullYear(), FIXED_NOW.getMonth(), FIXED_NOW.getDate()).getTime();
      const due = sim.addCertificate({
        hostName: 'due2.example.com',
        sslType: 'EssentialSSL',
        status: 'active',
        expireDate: new Date(today + 5 * DAY),
      });
      const renew = (extra: Record<string, string | number>): Promise<Xml> =>
        call(sim, { Command: 'namecheap.ssl.renew', CertificateID: due.certificateId, ...extra });
      expect(errorNumbers(await renew({ Years: 0, SSLType: 'EssentialSSL' }))).toEqual([2015167]);
      expect(errorNumbers(await renew({ Years: 6, SSLType: 'EssentialSSL' }))).toEqual([2015167]);
      expect(errorNumbers(await renew({ Years: 1, SSLType: 'PositiveSSL' }))).toEqual([2011301]);
      expect((await renew({ SSLType: 'essentialssl' }))['@Status']).toBe('OK');
      const later = sim.addCertificate({
        hostName: 'later.example.com',
        sslType: 'PositiveSSL',
        status: 'active',
        expireDate: new Date(today + 31 * DAY),
      });
      expect(
        errorNumbers(
          await call(sim, {
            Command: 'namecheap.ssl.renew',
            CertificateID: later.certificateId,
            SSLType: 'PositiveSSL',
          }),
        ),
      ).toEqual([2011331]);
      const expired = firstWith(sim, (c) => c.status === 'expired');
      expect(
        errorNumbers(
          await call(sim, {
            Command: 'namecheap.ssl.renew',
            CertificateID: expired.certificateId,
            SSLType: expired.sslType,
          }),
        ),
      ).toEqual([2011331]);
      expect(
        errorNumbers(await call(sim, { Command: 'namecheap.ssl.renew', CertificateID: 12, SSLType: 'PositiveSSL' })),
      ).toEqual([2011294]);
    });
  });

  describe('getApproverEmailList, parseCSR, resendApproverEmail', () => {
    it('lists domain and generic approver addresses; .noemail.test domains have none', async () => {
      const envelope = await call(sim, {
        Command: 'namecheap.ssl.getApproverEmailList',
        DomainName: 'www.example.org',
        CertificateType: 'PositiveSSL',
      });
      const result = envelope.CommandResponse.GetApproverEmailListResult;
      expect(result['@Domain']).toBe('example.org');
      expect(result.Domainemails.email.length).toBeGreaterThan(0);
      expect(result.Genericemails.email).toEqual(
        ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'].map((box) => `${box}@example.org`),
      );
      const empty = await call(sim, {
        Command: 'namecheap.ssl.getApproverEmailList',
        DomainName: 'shop.noemail.test',
        CertificateType: 'PositiveSSL',
      });
      const emptyResult = empty.CommandResponse.GetApproverEmailListResult;
      expect(emptyResult.Domainemails?.email ?? []).toEqual([]);
      expect(emptyResult.Genericemails?.email ?? []).toEqual([]);
    });

    it('parses a CSR (POST only) and rejects an invalid one with 2011166', async () => {
      const csr = makeCsr(
        '*.parsed.example.com',
        'ec',
        '/C=DE/ST=Berlin/L=Berlin/O=Example Org/OU=IT/emailAddress=it@example.com',
      );
      const envelope = await call(sim, {
        Command: 'namecheap.ssl.parseCSR',
        csr,
        CertificateType: 'PositiveSSL Wildcard',
      });
      expect(envelope['@Status']).toBe('OK');
      expect(envelope.CommandResponse.SSLParseCSRResult.CSRDetails).toEqual({
        CommonName: '*.parsed.example.com',
        DomainName: 'parsed.example.com',
        Country: 'DE',
        OrganisationUnit: 'IT',
        Organisation: 'Example Org',
        ValidTrueDomain: 'true',
        State: 'Berlin',
        Locality: 'Berlin',
        Email: 'it@example.com',
      });
      const viaGet = await call(
        sim,
        { Command: 'namecheap.ssl.parseCSR', csr, CertificateType: 'PositiveSSL' },
        { method: 'GET' },
      );
      expect(viaGet['@Status']).toBe('ERROR');
      expect(
        errorNumbers(
          await call(sim, { Command: 'namecheap.ssl.parseCSR', csr: 'not a csr', CertificateType: 'PositiveSSL' }),
        ),
      ).toEqual([2011166]);
      const tampered = csr.replace(
        /(\n[A-Za-z0-9+/]{10})[A-Za-z0-9+/]/,
        (_m, head: string) => `${head}${head.endsWith('A') ? 'B' : 'A'}`,
      );
      expect(tampered).not.toBe(csr);
      expect(
        errorNumbers(
          await call(sim, { Command: 'namecheap.ssl.parseCSR', csr: tampered, CertificateType: 'PositiveSSL' }),
        ),
      ).toEqual([2011166]);
    });

    it('resends the approver email only while a certificate awaits validation', async () => {
      const purchased = firstWith(sim, (c) => c.status === 'purchased');
      const envelope = await call(sim, {
        Command: 'namecheap.ssl.resendApproverEmail',
        CertificateID: purchased.certificateId,
      });
      expect(envelope.CommandResponse.SSLResendApproverEmailResult).toEqual({
        '@ID': String(purchased.certificateId),
        '@IsSuccess': 'true',
      });
      const active = firstWith(sim, (c) => c.status === 'active');
      expect(
        errorNumbers(
          await call(sim, { Command: 'namecheap.ssl.resendApproverEmail', CertificateID: active.certificateId }),
        ),
      ).toEqual([2011331]);
      expect(errorNumbers(await call(sim, { Command: 'namecheap.ssl.resendApproverEmail', CertificateID: 5 }))).toEqual(
        [2011294],
      );
    });
  });

  describe('GET works like POST (except parseCSR)', () => {
    it('answers getInfo, getApproverEmailList, resendApproverEmail, renew and reissue over GET', async () => {
      const today = new Date(FIXED_NOW.getFullYear(), FIXED_NOW.getMonth(), FIXED_NOW.getDate()).getTime();
      const active = sim.addCertificate({
        hostName: 'viaget.example.com',
        status: 'active',
        expireDate: new Date(today + 9 * DAY),
      });
      const get = { method: 'GET' as const };
      const infoReply = await call(sim, { command: 'namecheap.ssl.getinfo', certificateid: active.certificateId }, get);
      expect(infoReply.CommandResponse.SSLGetInfoResult['@Status']).toBe('Active');
      const approvers = await call(
        sim,
        {
          Command: 'namecheap.ssl.getApproverEmailList',
          DomainName: 'viaget.example.com',
          CertificateType: 'PositiveSSL',
        },
        get,
      );
      expect(approvers.CommandResponse.GetApproverEmailListResult.Genericemails.email).toContain(
        'admin@viaget.example.com',
      );
      const renewed = await call(
        sim,
        { Command: 'namecheap.ssl.renew', CertificateID: active.certificateId, SSLType: 'PositiveSSL' },
        get,
      );
      expect(renewed.CommandResponse.SSLRenewResult['@Years']).toBe('1');
      const reissued = await call(
        sim,
        {
          Command: 'namecheap.ssl.reissue',
          ...submission(active.certificateId, makeCsr('viaget.example.com'), { ApproverEmail: 'admin@example.com' }),
        },
        get,
      );
      const newId = Number(reissued.CommandResponse.SSLReissueResult['@ID']);
      const resent = await call(sim, { Command: 'namecheap.ssl.resendApproverEmail', CertificateID: newId }, get);
      expect(resent.CommandResponse.SSLResendApproverEmailResult['@IsSuccess']).toBe('true');
      expect(sim.requestLog.slice(-5).every((entry) => entry.method === 'GET' && entry.outcome === 'ok')).toBe(true);
    });
  });

  describe('simulated time', () => {
    it('advanceClock past the expiry day turns an active certificate expired', async () => {
      const timed = await startTestSimulator({ count: 10, seed: 4 });
      try {
        const today = new Date(FIXED_NOW.getFullYear(), FIXED_NOW.getMonth(), FIXED_NOW.getDate()).getTime();
        const soon = timed.addCertificate({
          hostName: 'soon.example.com',
          status: 'active',
          expireDate: new Date(today + 2 * DAY),
        });
        timed.advanceClock(2 * DAY);
        expect(timed.certificate(soon.certificateId)!.status).toBe('active');
        timed.advanceClock(DAY);
        expect(timed.certificate(soon.certificateId)!.status).toBe('expired');
        const list = await call(timed, { Command: 'namecheap.ssl.getList', SearchTerm: 'soon.example.com' });
        const item = list.CommandResponse.SSLListResult.SSL[0];
        expect(item['@Status']).toBe('expired');
        expect(item['@IsExpiredYN']).toBe('true');
      } finally {
        await timed.close();
      }
    });
  });

  describe('test helpers', () => {
    it('reissueExternally replaces an active certificate; addCertificate appends one with a larger id', async () => {
      const active = firstWith(sim, (c) => c.status === 'active');
      const fresh = sim.reissueExternally(active.certificateId);
      expect(sim.certificate(active.certificateId)!.status).toBe('replaced');
      expect(sim.certificate(active.certificateId)!.replacedBy).toBe(fresh.certificateId);
      expect(fresh.status).toBe('purchased');
      expect(() => sim.reissueExternally(active.certificateId)).toThrow(/only active/);
      const all = sim.certificates();
      const added = sim.addCertificate({ hostName: 'added.example.com' });
      expect(added.certificateId).toBeGreaterThan(all[all.length - 2]!.certificateId);
      const reply = await send(sim, { Command: 'namecheap.ssl.getInfo', CertificateID: added.certificateId });
      expect(reply.text).toContain('added.example.com');
    });
  });
});
