/**
 * How long the local CSR check takes (it runs on every paste in the reissue dialog), and how
 * many requests a refused CSR costs (none) versus an accepted reissue.
 *
 * Run: tsx bench/csr-check.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkCsrLocally } from '../main/csr/check-csr.ts';
import { makeCsr, tamperSignedPart } from '../test/fixtures/csr/make-csr.ts';

const ROUNDS = 200;

const dir = await mkdtemp(path.join(os.tmpdir(), 'wvp-bench-csr-'));
try {
  const samples = {
    'RSA 2048': await makeCsr(dir, { key: 'rsa:2048', sans: ['www.example.com', 'example.com'] }),
    'RSA 4096': await makeCsr(dir, { key: 'rsa:4096' }),
    'EC P-256': await makeCsr(dir, { key: 'ec:P-256' }),
    'bad signature': tamperSignedPart(await makeCsr(dir, { subjectPrefix: '/O=Acme' }), 'Acme'),
    unparsable: 'MIIB-not-a-csr',
  };
  console.log(`local CSR check, ${ROUNDS} rounds each:`);
  for (const [label, pem] of Object.entries(samples)) {
    // Warm-up, so the first sample does not pay for JIT compilation and module loading.
    for (let round = 0; round < 20; round += 1) await checkCsrLocally(pem, 'www.example.com');
    const started = performance.now();
    for (let round = 0; round < ROUNDS; round += 1) await checkCsrLocally(pem, 'www.example.com');
    const perCheckMs = (performance.now() - started) / ROUNDS;
    console.log(`  ${label.padEnd(14)} ${perCheckMs.toFixed(3)} ms per check (${Math.round(1000 / perCheckMs)} checks/s)`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
