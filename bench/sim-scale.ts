/**
 * Simulator scale benchmark: start-up with 10,000 certificates, getList pages (default order and
 * sorted), a full 100-page walk, and getInfo with certificate material (leaf made lazily).
 *
 * Run: `tsx bench/sim-scale.ts`. Prints figures measured in this run.
 */
import { startSimulator } from '../sim/index.ts';
import type { Simulator } from '../sim/types.ts';

async function post(sim: Simulator, params: Record<string, string>): Promise<string> {
  const { apiUser, apiKey, userName, clientIp } = sim.credentials;
  const body = new URLSearchParams({
    ApiUser: apiUser,
    ApiKey: apiKey,
    UserName: userName,
    ClientIp: clientIp,
    ...params,
  });
  const response = await fetch(sim.url, { method: 'POST', body });
  const text = await response.text();
  if (!text.includes('Status="OK"')) throw new Error(`unexpected reply: ${text.slice(0, 300)}`);
  return text;
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const count = 10_000;
  let started = performance.now();
  const sim = await startSimulator({ count, seed: 1, rateLimits: false });
  const startup = performance.now() - started;
  try {
    // Warm-up (JIT, connection).
    await post(sim, { Command: 'namecheap.ssl.getList', PageSize: '100' });

    started = performance.now();
    const pages = Math.ceil(count / 100);
    for (let page = 1; page <= pages; page += 1)
      await post(sim, { Command: 'namecheap.ssl.getList', PageSize: '100', Page: String(page) });
    const walk = performance.now() - started;

    started = performance.now();
    for (let i = 0; i < 20; i += 1)
      await post(sim, { Command: 'namecheap.ssl.getList', PageSize: '100', Page: '50', SortBy: 'EXPIREDATETIME_DESC' });
    const sorted = (performance.now() - started) / 20;

    started = performance.now();
    for (let i = 0; i < 20; i += 1)
      await post(sim, { Command: 'namecheap.ssl.getList', PageSize: '100', SearchTerm: 'acme' });
    const search = (performance.now() - started) / 20;

    const active = sim
      .certificates()
      .filter((c) => c.status === 'active')
      .slice(0, 200);
    /** Mean time of one getInfo with the certificate for each of `active`, in `returnType`. */
    const getInfoEach = async (returnType: 'Individual' | 'PKCS7'): Promise<number> => {
      const begun = performance.now();
      for (const certificate of active) {
        await post(sim, {
          Command: 'namecheap.ssl.getInfo',
          CertificateID: String(certificate.certificateId),
          Returncertificate: 'true',
          Returntype: returnType,
        });
      }
      return (performance.now() - begun) / active.length;
    };
    // Order matters: the first pass makes each leaf, the second finds it cached.
    const firstMaterial = await getInfoEach('Individual');
    const cachedMaterial = await getInfoEach('PKCS7');

    console.log(`sim-scale (${count} certificates)`);
    console.log(`  start-up (seed + CA + listen):        ${ms(startup)}`);
    console.log(`  full getList walk (${pages} pages of 100): ${ms(walk)}  (${ms(walk / pages)} per page)`);
    console.log(`  sorted getList page (EXPIREDATETIME):  ${ms(sorted)}`);
    console.log(`  SearchTerm getList page:               ${ms(search)}`);
    console.log(`  getInfo + new leaf (Individual):       ${ms(firstMaterial)} per request`);
    console.log(`  getInfo PKCS7 (leaf cached):          ${ms(cachedMaterial)} per request`);
    console.log(`  ratio new-leaf/PKCS7-cached:          ${(firstMaterial / cachedMaterial).toFixed(2)}`);
  } finally {
    await sim.close();
  }
}

await main();
