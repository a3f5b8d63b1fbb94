import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerType } from '../../preload/api.ts';
import { defaultCertificateFileName, exportCertificate } from '../../main/export/certificate-export.ts';
import { ExportError } from '../../main/export/export-error.ts';
import { openDataStore } from '../../main/store/open-data-store.ts';
import type { DataStore } from '../../main/store/types.ts';
import { runSync } from '../../main/sync/sync-engine.ts';
import { WvphostClient } from '../../main/wvphost/client.ts';
import { RateLimiter } from '../../main/wvphost/rate-limiter.ts';
import { startSimulator } from '../../sim/index.ts';
import type { SimCertificate, Simulator } from '../../sim/types.ts';
import { readZipEntries, unzipTest } from '../helpers/export-zip.ts';
import { GENEROUS_BUDGET as GENEROUS } from '../helpers/test-client.ts';


function client(baseUrl: string, sim: Simulator, maxRetries = 2): WvphostClient {
  return new WvphostClient({
    baseUrl,
    credentials: sim.credentials,
    limiter: new RateLimiter(GENEROUS),
    timeoutMs: 5_000,
    maxRetries,
    retryMinTimeoutMs: 1,
    retryMaxTimeoutMs: 5,
  });
}

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('exportCertificate against the simulator', () => {
  let sim: Simulator;
  let api: WvphostClient;
  let store: DataStore;
  let dataDir: string;
  let outDir: string;
  let rootFile: string;
  let actives: SimCertificate[];
  const written: string[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ count: 30, seed: 5, rateLimits: GENEROUS });
    api = client(sim.url, sim);
    dataDir = mkdtempSync(path.join(tmpdir(), 'export-cert-data-'));
    outDir = mkdtempSync(path.join(tmpdir(), 'export-cert-out-'));
    rootFile = path.join(outDir, 'sim-root.pem');
    writeFileSync(rootFile, sim.rootCaPem);
    store = openDataStore({ dataDir });
    const summary = await runSync({ api, store, environment: 'production', rateBudget: GENEROUS });
    expect(summary.ok).toBe(true);
    // A wildcard host, to check the STAR_ naming end to end.
    const wildcard = sim.addCertificate({ hostName: '*.wild.example.com', status: 'active', expireDate: new Date(Date.now() + 200 * 86_400_000) });
    actives = [...sim.certificates().filter((cert) => cert.status === 'active' && cert.hostName !== '').slice(0, 4), wildcard];
    expect(actives.length).toBeGreaterThanOrEqual(4);
  });

  afterAll(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  function outFile(name: string): string {
    const file = path.join(outDir, name);
    written.push(file);
    return file;
  }

  function verifyChain(crtFile: string, untrustedFile: string): void {
    expect(openssl('verify', '-CAfile', rootFile, '-untrusted', untrustedFile, crtFile).trim()).toBe(`${crtFile}: OK`);
  }

  async function unpack(zipFile: string): Promise<Map<string, Buffer>> {
    expect(unzipTest(zipFile)).toMatch(/No errors detected/);
    return readZipEntries(zipFile);
  }

  it.each(['apache', 'tomcat', 'cpanel', 'plesk', 'other'] as const)('%s: <CN>.zip with a leaf and a CA bundle that openssl verifies', async (serverType) => {
    const cert = actives[0]!;
    const stem = cert.hostName.replaceAll('.', '_');
    const file = outFile(defaultCertificateFileName(cert.hostName, serverType));
    expect(path.basename(file)).toBe(`${stem}.zip`);
    const result = await exportCertificate({ api, store, environment: 'production', certificateId: cert.certificateId, serverType, outPath: file, overwrite: true });
    expect(result).toEqual({ path: file, bytes: readFileSync(file).length, files: [`${stem}.crt`, `${stem}.ca-bundle`] });
    const entries = await unpack(file);
    expect([...entries.keys()]).toEqual([`${stem}.crt`, `${stem}.ca-bundle`]);
    const crt = path.join(outDir, `${serverType}.crt`);
    const bundle = path.join(outDir, `${serverType}.ca-bundle`);
    writeFileSync(crt, entries.get(`${stem}.crt`)!);
    writeFileSync(bundle, entries.get(`${stem}.ca-bundle`)!);
    verifyChain(crt, bundle);
    expect(openssl('x509', '-in', crt, '-noout', '-subject')).toContain(cert.hostName);
    expect(entries.get(`${stem}.ca-bundle`)!.toString('utf8')).toContain(sim.intermediateCaPem.trim());
  });

  it('nginx: adds <CN>.fullchain.crt, leaf then chain, which openssl verifies on its own', async () => {
    const cert = actives[1]!;
    const stem = cert.hostName.replaceAll('.', '_');
    const file = outFile(`${stem}.zip`);
    const result = await exportCertificate({ api, store, environment: 'production', certificateId: cert.certificateId, serverType: 'nginx', outPath: file, overwrite: false });
    expect(result.files).toEqual([`${stem}.crt`, `${stem}.ca-bundle`, `${stem}.fullchain.crt`]);
    const entries = await unpack(file);
    const leaf = entries.get(`${stem}.crt`)!.toString('utf8');
    const chain = entries.get(`${stem}.ca-bundle`)!.toString('utf8');
    const full = entries.get(`${stem}.fullchain.crt`)!.toString('utf8');
    expect(full).toBe(`${leaf}${chain}`);
    expect(full.match(/BEGIN CERTIFICATE/g)!.length).toBe(1 + chain.match(/BEGIN CERTIFICATE/g)!.length);
    const fullFile = path.join(outDir, 'nginx.fullchain.crt');
    writeFileSync(fullFile, full);
    verifyChain(fullFile, fullFile);
  });

  it('iis: a single <CN>.p7b that openssl pkcs7 reads, holding the leaf and the intermediate', async () => {
    const cert = actives[2]!;
    const stem = cert.hostName.replaceAll('.', '_');
    const file = outFile(defaultCertificateFileName(cert.hostName, 'iis'));
    expect(path.basename(file)).toBe(`${stem}.p7b`);
    const result = await exportCertificate({ api, store, environment: 'production', certificateId: cert.certificateId, serverType: 'iis', outPath: file, overwrite: false });
    expect(result.files).toEqual([`${stem}.p7b`]);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PKCS7-----\n/);
    const printed = openssl('pkcs7', '-print_certs', '-in', file);
    expect(printed).toContain(`subject=CN = ${cert.hostName}`);
    expect(printed.match(/BEGIN CERTIFICATE/g)!.length).toBeGreaterThanOrEqual(2);
    // The certificates inside form a chain to the simulator's root.
    const certsFile = path.join(outDir, 'iis-certs.pem');
    writeFileSync(certsFile, printed);
    const leafFile = path.join(outDir, 'iis-leaf.pem');
    writeFileSync(leafFile, openssl('x509', '-in', certsFile));
    expect(openssl('x509', '-in', leafFile, '-noout', '-subject')).toContain(cert.hostName);
    verifyChain(leafFile, certsFile);
  });

  it('names a wildcard certificate STAR_<domain>', async () => {
    const cert = actives[4]!;
    await runSync({ api, store, environment: 'production', rateBudget: GENEROUS });
    const file = outFile('wild.zip');
    const result = await exportCertificate({ api, store, environment: 'production', certificateId: cert.certificateId, serverType: 'apache', outPath: file, overwrite: false });
    expect(result.files).toEqual(['STAR_wild_example_com.crt', 'STAR_wild_example_com.ca-bundle']);
    expect(defaultCertificateFileName('*.wild.example.com', 'apache')).toBe('STAR_wild_example_com.zip');
  });

  it('caches fetched files: a second export asks Wvphost nothing, and both forms export offline after the simulator is gone', async () => {
    const cert = actives[3]!;
    const stem = cert.hostName.replaceAll('.', '_');
    await exportCertificate({ api, store, environment: 'production', certificateId: cert.certificateId, serverType: 'apache', outPath: outFile('cache-1.zip'), overwrite: false });
    expect(store.material.get('production', cert.certificateId, 'Individual')).not.toBeNull();
    sim.clearRequestLog();
    await exportCertificate({ api, store, environment: 'production', certificateId: cert.certificateId, serverType: 'other', outPath: outFile('cache-2.zip'), overwrite: false });
    expect(sim.requestCount('namecheap.ssl.getinfo')).toBe(0);

    // A fresh store on the same folder (a restart), with no client at all.
    const reopened = openDataStore({ dataDir });
    const offlineZip = outFile('offline.zip');
    await exportCertificate({ api: null, store: reopened, environment: 'production', certificateId: cert.certificateId, serverType: 'nginx', outPath: offlineZip, overwrite: false });
    const entries = await unpack(offlineZip);
    writeFileSync(path.join(outDir, 'offline.crt'), entries.get(`${stem}.crt`)!);
    writeFileSync(path.join(outDir, 'offline.fullchain.crt'), entries.get(`${stem}.fullchain.crt`)!);
    verifyChain(path.join(outDir, 'offline.crt'), path.join(outDir, 'offline.fullchain.crt'));
    // Fetched only as PEM files, yet exportable for IIS offline: the p7b is packed locally.
    const offlineP7b = outFile('offline.p7b');
    await exportCertificate({ api: null, store: reopened, environment: 'production', certificateId: cert.certificateId, serverType: 'iis', outPath: offlineP7b, overwrite: false });
    expect(openssl('pkcs7', '-print_certs', '-in', offlineP7b)).toContain(`subject=CN = ${cert.hostName}`);
    // And the IIS one fetched as PKCS#7 exports as PEM files offline.
    const iisCert = actives[2]!;
    const fromP7 = outFile('from-p7.zip');
    const result = await exportCertificate({ api: null, store: reopened, environment: 'production', certificateId: iisCert.certificateId, serverType: 'apache', outPath: fromP7, overwrite: false });
    const fromP7Entries = await unpack(fromP7);
    const iisStem = iisCert.hostName.replaceAll('.', '_');
    expect(result.files).toEqual([`${iisStem}.crt`, `${iisStem}.ca-bundle`]);
    writeFileSync(path.join(outDir, 'p7.crt'), fromP7Entries.get(`${iisStem}.crt`)!);
    writeFileSync(path.join(outDir, 'p7.ca-bundle'), fromP7Entries.get(`${iisStem}.ca-bundle`)!);
    verifyChain(path.join(outDir, 'p7.crt'), path.join(outDir, 'p7.ca-bundle'));
  });

  it('says a certificate that is not issued has no files, naming its status, and writes nothing', async () => {
    const pending = sim.certificates().find((cert) => cert.status === 'purchased' || cert.status === 'newpurchase');
    expect(pending).toBeDefined();
    const file = path.join(outDir, 'pending.zip');
    const attempt = exportCertificate({ api, store, environment: 'production', certificateId: pending!.certificateId, serverType: 'apache', outPath: file, overwrite: false });
    await expect(attempt).rejects.toBeInstanceOf(ExportError);
    await expect(attempt).rejects.toMatchObject({ code: 'no-material', message: expect.stringContaining(`its status is "${pending!.status}"`) });
    expect(existsSync(file)).toBe(false);
    // Offline, the cached status gives the same answer.
    await expect(
      exportCertificate({ api: null, store, environment: 'production', certificateId: pending!.certificateId, serverType: 'nginx', outPath: file, overwrite: false }),
    ).rejects.toMatchObject({ code: 'no-material', message: expect.stringContaining(pending!.status) });
  });

  it('says an unknown certificate is not in the account', async () => {
    await expect(
      exportCertificate({ api, store, environment: 'production', certificateId: 987_654, serverType: 'apache', outPath: path.join(outDir, 'unknown.zip'), overwrite: false }),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('987654') });
  });

  it('says an active certificate never fetched cannot be exported offline, or while Wvphost is unreachable', async () => {
    const neverFetched = sim.certificates().filter((cert) => cert.status === 'active' && cert.hostName !== '' && !store.material.has('production', cert.certificateId));
    const target = neverFetched[0]!;
    const file = path.join(outDir, 'never.zip');
    await expect(
      exportCertificate({ api: null, store, environment: 'production', certificateId: target.certificateId, serverType: 'apache', outPath: file, overwrite: false }),
    ).rejects.toMatchObject({ code: 'not-fetched-offline', message: expect.stringMatching(/never downloaded, and you are offline/) });
    // A client whose server is gone (a closed port on 127.0.0.1): the same answer, with the reason.
    const gone = await startSimulator({ count: 1, seed: 1, rateLimits: GENEROUS });
    const goneUrl = gone.url;
    await gone.close();
    await expect(
      exportCertificate({ api: client(goneUrl, sim, 0), store, environment: 'production', certificateId: target.certificateId, serverType: 'apache', outPath: file, overwrite: false }),
    ).rejects.toMatchObject({ code: 'not-fetched-offline', message: expect.stringContaining('cannot be reached') });
    expect(existsSync(file)).toBe(false);
  });

  it('refuses to replace an existing file unless allowed, without asking Wvphost first', async () => {
    const cert = sim.certificates().find((item) => item.status === 'active' && item.hostName !== '' && !store.material.has('production', item.certificateId))!;
    const file = path.join(outDir, 'exists.zip');
    writeFileSync(file, 'mine');
    sim.clearRequestLog();
    await expect(
      exportCertificate({ api, store, environment: 'production', certificateId: cert.certificateId, serverType: 'apache', outPath: file, overwrite: false }),
    ).rejects.toMatchObject({ code: 'exists' });
    expect(sim.requestCount()).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    await exportCertificate({ api, store, environment: 'production', certificateId: cert.certificateId, serverType: 'apache', outPath: file, overwrite: true });
    expect(unzipTest(file)).toMatch(/No errors detected/);
    expect(readdirSync(outDir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('never puts the API key in an exported file', async () => {
    const key = sim.credentials.apiKey;
    for (const file of written.filter((name) => existsSync(name))) {
      const bytes = readFileSync(file);
      expect(bytes.includes(key)).toBe(false);
      if (file.endsWith('.zip')) {
        for (const content of (await readZipEntries(file)).values()) expect(content.includes(key)).toBe(false);
      }
    }
    expect(written.length).toBeGreaterThan(5);
  });
});

describe.each(['apache', 'nginx', 'iis'] as const satisfies readonly ServerType[])('defaultCertificateFileName(%s)', (serverType) => {
  it('follows the <CN> convention', () => {
    const ext = serverType === 'iis' ? 'p7b' : 'zip';
    expect(defaultCertificateFileName('www.example.com', serverType)).toBe(`www_example_com.${ext}`);
  });
});
