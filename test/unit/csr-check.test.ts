import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCsrLocally } from '../../main/csr/check-csr.ts';
import { csrNameCoversHost, normalizeHost } from '../../main/csr/host-match.ts';
import { readCsrText } from '../../main/csr/read-csr-text.ts';
import { makeCsr, pemToDer, tamperSignedPart } from '../fixtures/csr/make-csr.ts';

let dir: string;
let rsa2048: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wvp-csr-check-'));
  rsa2048 = await makeCsr(dir, {
    commonName: 'www.example.com',
    sans: ['www.example.com', 'example.com'],
    subjectPrefix: '/C=US/ST=California/L=Los Angeles/O=Acme Inc/OU=IT/emailAddress=it@example.com',
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function codes(result: { problems: readonly { code: string }[] }): string[] {
  return result.problems.map((problem) => problem.code);
}

describe('checkCsrLocally with real openssl CSRs', () => {
  it('accepts an RSA 2048 CSR for the host and reports what it found', async () => {
    const result = await checkCsrLocally(rsa2048, 'www.example.com');
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.commonName).toBe('www.example.com');
    expect(result.subjectAltNames).toEqual(['www.example.com', 'example.com']);
    expect(result.keyDescription).toBe('RSA 2048');
    expect(result.subject).toEqual({
      C: 'US',
      ST: 'California',
      L: 'Los Angeles',
      O: 'Acme Inc',
      OU: 'IT',
      emailAddress: 'it@example.com',
    });
    expect(result.remote).toBeNull();
  });

  it('matches the host case-insensitively and with a trailing dot', async () => {
    expect((await checkCsrLocally(rsa2048, 'WWW.Example.COM')).ok).toBe(true);
    expect((await checkCsrLocally(rsa2048, 'www.example.com.')).ok).toBe(true);
  });

  it('accepts the CSR with CRLF line ends, indentation, without PEM lines, and the NEW CERTIFICATE REQUEST label', async () => {
    const crlf = `\r\n  ${rsa2048.replace(/\n/g, '\r\n')}  \r\n`;
    expect((await checkCsrLocally(crlf, 'www.example.com')).ok).toBe(true);
    const bare = pemToDer(rsa2048).toString('base64');
    expect((await checkCsrLocally(bare, 'www.example.com')).ok).toBe(true);
    const legacy = rsa2048.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST');
    expect((await checkCsrLocally(legacy, 'www.example.com')).ok).toBe(true);
    expect(readCsrText(crlf).pem).toBe(readCsrText(rsa2048).pem);
  });

  it('accepts a match in the SANs only', async () => {
    const csr = await makeCsr(dir, { commonName: 'example.com', sans: ['example.com', 'shop.example.com'] });
    const result = await checkCsrLocally(csr, 'shop.example.com');
    expect(result.ok).toBe(true);
    expect(result.commonName).toBe('example.com');
    expect(result.subjectAltNames).toContain('shop.example.com');
  });

  it('accepts a CSR without a common name when a SAN matches', async () => {
    const csr = await makeCsr(dir, { commonName: null, sans: ['api.example.com'] });
    const result = await checkCsrLocally(csr, 'api.example.com');
    expect(result.ok).toBe(true);
    expect(result.commonName).toBeNull();
    expect(result.subject).toEqual({ O: 'Example Org' });
  });

  it('refuses a CSR for another domain, naming both', async () => {
    const csr = await makeCsr(dir, { commonName: 'shop.example.org' });
    const result = await checkCsrLocally(csr, 'www.example.com');
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual(['domain-mismatch']);
    expect(result.problems[0]?.message).toContain(
      'The CSR is for shop.example.org, but this certificate is for www.example.com.',
    );
  });

  it('RSA 1024 is a weak key', async () => {
    const csr = await makeCsr(dir, { key: 'rsa:1024', commonName: 'www.example.com' });
    const result = await checkCsrLocally(csr, 'www.example.com');
    expect(result.ok).toBe(false);
    expect(result.keyDescription).toBe('RSA 1024');
    expect(codes(result)).toEqual(['weak-key']);
    expect(result.problems[0]?.message).toMatch(/RSA 1024.*too weak.*2048/);
  });

  it('accepts EC P-256 and EC P-384', async () => {
    const p256 = await checkCsrLocally(await makeCsr(dir, { key: 'ec:P-256' }), 'www.example.com');
    expect(p256.ok).toBe(true);
    expect(p256.keyDescription).toBe('EC P-256');
    const p384 = await checkCsrLocally(await makeCsr(dir, { key: 'ec:P-384' }), 'www.example.com');
    expect(p384.ok).toBe(true);
    expect(p384.keyDescription).toBe('EC P-384');
  });

  it('refuses EC P-521 and Ed25519 as unsupported keys', async () => {
    const p521 = await checkCsrLocally(await makeCsr(dir, { key: 'ec:P-521' }), 'www.example.com');
    expect(p521.keyDescription).toBe('EC P-521');
    expect(codes(p521)).toEqual(['unsupported-key']);
    const ed = await checkCsrLocally(await makeCsr(dir, { key: 'ed25519' }), 'www.example.com');
    expect(ed.keyDescription).toBe('Ed25519');
    expect(codes(ed)).toEqual(['unsupported-key']);
  });

  it('wildcard certificates need the same wildcard in the CSR', async () => {
    const wildcard = await makeCsr(dir, { commonName: '*.example.com' });
    expect((await checkCsrLocally(wildcard, '*.example.com')).ok).toBe(true);
    expect((await checkCsrLocally(wildcard, '*.EXAMPLE.com')).ok).toBe(true);

    const plain = await makeCsr(dir, { commonName: 'www.example.com' });
    const result = await checkCsrLocally(plain, '*.example.com');
    expect(codes(result)).toEqual(['domain-mismatch']);
    expect(result.problems[0]?.message).toContain('wildcard *.example.com');
  });

  it('a wildcard CSR does not stand for a single host, nor for another base domain', async () => {
    const wildcard = await makeCsr(dir, { commonName: '*.example.com' });
    expect(codes(await checkCsrLocally(wildcard, 'shop.example.com'))).toEqual(['domain-mismatch']);
    expect(codes(await checkCsrLocally(wildcard, 'shop.example.org'))).toEqual(['domain-mismatch']);
    expect(codes(await checkCsrLocally(wildcard, 'a.b.example.com'))).toEqual(['domain-mismatch']);
    expect(codes(await checkCsrLocally(wildcard, '*.other.example.com'))).toEqual(['domain-mismatch']);
  });

  it('compares internationalised names in punycode', async () => {
    const punycode = await makeCsr(dir, { commonName: 'xn--bcher-kva.example' });
    expect((await checkCsrLocally(punycode, 'bücher.example')).ok).toBe(true);
    expect((await checkCsrLocally(punycode, 'BÜCHER.example')).ok).toBe(true);
    expect(normalizeHost('*.Bücher.example')).toBe('*.xn--bcher-kva.example');
  });

  it('skips the name check when the certificate has no host yet (newpurchase / newrenewal)', async () => {
    const csr = await makeCsr(dir, { commonName: 'anything.example.net' });
    const result = await checkCsrLocally(csr, '');
    expect(result.ok).toBe(true);
    expect(result.commonName).toBe('anything.example.net');
  });

  it('without a host (activation), a wildcard SSL type needs a wildcard common name and vice versa', async () => {
    const wildcard = await makeCsr(dir, { commonName: '*.example.net' });
    const plain = await makeCsr(dir, { commonName: 'shop.example.net' });
    expect((await checkCsrLocally(wildcard, '', { sslType: 'PositiveSSL Wildcard' })).ok).toBe(true);
    expect((await checkCsrLocally(plain, '', { sslType: 'PositiveSSL' })).ok).toBe(true);
    const wrongPlain = await checkCsrLocally(plain, '', { sslType: 'PositiveSSL Wildcard' });
    expect(codes(wrongPlain)).toEqual(['domain-mismatch']);
    expect(wrongPlain.problems[0]?.message).toContain('must be a wildcard');
    const wrongWildcard = await checkCsrLocally(wildcard, '', { sslType: 'PositiveSSL' });
    expect(wrongWildcard.problems[0]?.message).toContain('is not a wildcard certificate');
  });

  it('a corrupted PEM (one base64 character flipped) does not parse', async () => {
    // The first character carries the outer SEQUENCE tag: flipping it breaks the structure.
    const lines = rsa2048.split('\n');
    const body = lines[1] ?? '';
    expect(body.startsWith('MII')).toBe(true);
    const corrupted = [lines[0], `Q${body.slice(1)}`, ...lines.slice(2)].join('\n');
    const result = await checkCsrLocally(corrupted, 'www.example.com');
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual(['unparsable']);
    expect(result.commonName).toBeNull();
    expect(result.keyDescription).toBeNull();
  });

  it('a CSR changed inside its signed part parses but fails signature verification', async () => {
    const tampered = tamperSignedPart(rsa2048, 'Acme Inc');
    const result = await checkCsrLocally(tampered, 'www.example.com');
    expect(result.commonName).toBe('www.example.com');
    expect(result.subject.O).not.toBe('Acme Inc');
    expect(codes(result)).toEqual(['bad-signature']);
    expect(result.problems[0]?.message).toContain('signature does not verify');
  });

  it('reports every problem at once', async () => {
    const csr = await makeCsr(dir, { key: 'rsa:1024', commonName: 'shop.example.org' });
    const tampered = tamperSignedPart(csr, 'shop');
    const result = await checkCsrLocally(tampered, 'www.example.com');
    expect(codes(result)).toEqual(['bad-signature', 'domain-mismatch', 'weak-key']);
  });

  it('explains text that is not a CSR at all', async () => {
    const empty = await checkCsrLocally('   \n', 'www.example.com');
    expect(codes(empty)).toEqual(['unparsable']);
    expect(empty.problems[0]?.message).toContain('empty');

    const key = await checkCsrLocally('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----', 'www.example.com');
    expect(key.problems[0]?.message).toContain('private key');

    const cut = await checkCsrLocally(rsa2048.split('-----END')[0] ?? '', 'www.example.com');
    expect(cut.problems[0]?.message).toContain('cut off');

    const junk = await checkCsrLocally('hello world!', 'www.example.com');
    expect(junk.problems[0]?.message).toContain('not base64');
  });
});

describe('csrNameCoversHost', () => {
  it('follows the wildcard rules', () => {
    expect(csrNameCoversHost('www.example.com', 'www.example.com')).toBe(true);
    expect(csrNameCoversHost('*.example.com', 'www.example.com')).toBe(false);
    expect(csrNameCoversHost('*.example.com', 'example.com')).toBe(false);
    expect(csrNameCoversHost('www.example.com', '*.example.com')).toBe(false);
    expect(csrNameCoversHost('*.example.com', '*.example.com')).toBe(true);
    expect(csrNameCoversHost('', 'www.example.com')).toBe(false);
  });
});
