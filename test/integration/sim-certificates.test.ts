import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimCertificate, Simulator } from '../../sim/types.ts';
import type { Xml } from './sim-support.ts';
import { call, makeCsr, startTestSimulator, tempDir } from './sim-support.ts';

function openssl(args: readonly string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Jun 15 12:00:00 2027 GMT` → local calendar date parts of the simulator's date. */
function opensslDay(date: Date): RegExp {
  return new RegExp(`${MONTHS[date.getMonth()]}\\s+${date.getDate()} \\d\\d:\\d\\d:\\d\\d ${date.getFullYear()} GMT`);
}

async function material(sim: Simulator, certificateId: number, returnType: 'Individual' | 'PKCS7'): Promise<Xml> {
  const envelope = await call(sim, {
    Command: 'namecheap.ssl.getInfo',
    CertificateID: certificateId,
    Returncertificate: 'true',
    Returntype: returnType,
  });
  expect(envelope['@Status']).toBe('OK');
  return envelope.CommandResponse.SSLGetInfoResult.CertificateDetails.Certificates;
}

describe('simulator certificate material accepted by openssl', () => {
  let sim: Simulator;
  let dir: { path: string; remove: () => void };
  let rootFile: string;
  let intermediateFile: string;

  beforeAll(async () => {
    // The real clock: openssl verify checks validity against the current time.
    sim = await startTestSimulator({ count: 120, seed: 8, now: () => new Date() });
    dir = tempDir();
    rootFile = join(dir.path, 'root.pem');
    intermediateFile = join(dir.path, 'intermediate.pem');
    writeFileSync(rootFile, sim.rootCaPem);
    writeFileSync(intermediateFile, sim.intermediateCaPem);
  });
  afterAll(async () => {
    await sim.close();
    dir.remove();
  });

  function pick(predicate: (c: SimCertificate) => boolean): SimCertificate {
    const found = sim.certificates().find(predicate);
    if (!found) throw new Error('the seeded account lacks a certificate the test needs');
    return found;
  }

  it('issues a leaf with the host as CN and SAN, notAfter on the expiry day, verifying against root + intermediate', async () => {
    const active = pick((c) => c.status === 'active' && !c.hostName.startsWith('*.'));
    const certificates = await material(sim, active.certificateId, 'Individual');
    const leafFile = join(dir.path, 'leaf.pem');
    writeFileSync(leafFile, certificates.Certificate[0]);
    const text = openssl(['x509', '-in', leafFile, '-noout', '-subject', '-dates', '-ext', 'subjectAltName']);
    expect(text).toContain(`subject=CN = ${active.hostName}`);
    expect(text).toContain(`DNS:${active.hostName}`);
    expect(text).toMatch(new RegExp(`notAfter=${opensslDay(active.expireDate!).source}`));
    expect(openssl(['verify', '-CAfile', rootFile, '-untrusted', intermediateFile, leafFile]).trim()).toBe(
      `${leafFile}: OK`,
    );
    // The intermediate from the reply is the simulator's and is a CA.
    const intermediateFromReply = join(dir.path, 'intermediate-reply.pem');
    writeFileSync(intermediateFromReply, certificates.CaCertificates.Certificate[0].Certificate[0]);
    expect(openssl(['x509', '-in', intermediateFromReply, '-noout', '-ext', 'basicConstraints'])).toContain('CA:TRUE');
    expect(openssl(['verify', '-CAfile', rootFile, intermediateFromReply]).trim()).toBe(`${intermediateFromReply}: OK`);
  });

  it('issues wildcard and IDN (punycode) leaves', async () => {
    for (const predicate of [
      (c: SimCertificate) => c.hostName.startsWith('*.'),
      (c: SimCertificate) => /(^|\.)xn--/.test(c.hostName),
    ]) {
      const certificate = pick((c) => c.status === 'active' && predicate(c));
      const leafFile = join(dir.path, `leaf-${certificate.certificateId}.pem`);
      writeFileSync(leafFile, (await material(sim, certificate.certificateId, 'Individual')).Certificate[0]);
      expect(openssl(['x509', '-in', leafFile, '-noout', '-subject'])).toContain(`CN = ${certificate.hostName}`);
      expect(openssl(['verify', '-CAfile', rootFile, '-untrusted', intermediateFile, leafFile]).trim()).toBe(
        `${leafFile}: OK`,
      );
    }
  });

  it('returns a real PKCS#7 holding the leaf and the intermediate', async () => {
    const active = pick((c) => c.status === 'active');
    const p7bFile = join(dir.path, 'bundle.p7b');
    writeFileSync(p7bFile, (await material(sim, active.certificateId, 'PKCS7')).Certificate[0]);
    const printed = openssl(['pkcs7', '-in', p7bFile, '-print_certs', '-noout']);
    expect(printed).toContain(`subject=CN = ${active.hostName}`);
    expect(printed).toContain('subject=CN = Wvphost Simulator Test Intermediate CA');
    const chainFile = join(dir.path, 'bundle-certs.pem');
    writeFileSync(chainFile, openssl(['pkcs7', '-in', p7bFile, '-print_certs']));
    expect(openssl(['verify', '-CAfile', rootFile, '-untrusted', chainFile, chainFile]).trim()).toContain('OK');
  });

  it('gives a reissued certificate, once issued, its own leaf for the same host and expiry', async () => {
    const active = pick((c) => c.status === 'active' && !c.hostName.startsWith('*.') && c.certificateId % 5 === 1);
    const reissue = await call(sim, {
      Command: 'namecheap.ssl.reissue',
      CertificateID: active.certificateId,
      csr: makeCsr(active.hostName, 'rsa'),
      AdminEmailAddress: 'ops@example.org',
      WebServerType: 'other',
      HTTPDCValidation: 'true',
    });
    const newId = Number(reissue.CommandResponse.SSLReissueResult['@ID']);
    expect((await material(sim, newId, 'Individual'))['@CertificateReturned']).toBe('false');
    sim.issuePending();
    const fresh = join(dir.path, 'reissued.pem');
    const old = join(dir.path, 'replaced.pem');
    writeFileSync(fresh, (await material(sim, newId, 'Individual')).Certificate[0]);
    writeFileSync(old, (await material(sim, active.certificateId, 'Individual')).Certificate[0]);
    const freshText = openssl(['x509', '-in', fresh, '-noout', '-subject', '-enddate', '-serial']);
    const oldText = openssl(['x509', '-in', old, '-noout', '-subject', '-enddate', '-serial']);
    expect(freshText.split('\n')[0]).toBe(oldText.split('\n')[0]);
    expect(freshText.split('\n')[1]).toBe(oldText.split('\n')[1]);
    expect(freshText.split('\n')[2]).not.toBe(oldText.split('\n')[2]);
    expect(openssl(['verify', '-CAfile', rootFile, '-untrusted', intermediateFile, fresh]).trim()).toBe(`${fresh}: OK`);
  });
});
