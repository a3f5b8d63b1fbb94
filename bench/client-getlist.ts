/**
 * API client benchmark: the cost of the client itself (parse + validate) against the HTTP round
 * trip, for a full getList of 5,000 certificates read from the simulator.
 *
 * Run: `tsx bench/client-getlist.ts`. Prints figures and ratios measured in this run.
 */
import { startSimulator } from '../sim/index.ts';
import { WvphostClient } from '../main/wvphost/client.ts';
import { RateLimiter } from '../main/wvphost/rate-limiter.ts';
import { getListSchema } from '../main/wvphost/response-schemas.ts';
import { readEnvelope } from '../main/wvphost/xml-envelope.ts';

const UNLIMITED = { perMinute: 1_000_000, perHour: 10_000_000, perDay: 100_000_000 };

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

async function rawPage(url: string, credentials: Record<string, string>, page: number): Promise<string> {
  const body = new URLSearchParams({
    ...credentials,
    Command: 'namecheap.ssl.getList',
    PageSize: '100',
    Page: String(page),
  });
  const response = await fetch(url, { method: 'POST', body });
  return response.text();
}

async function main(): Promise<void> {
  const count = 5000;
  const sim = await startSimulator({ count, seed: 1, rateLimits: false });
  try {
    const client = new WvphostClient({
      baseUrl: sim.url,
      credentials: sim.credentials,
      limiter: new RateLimiter(UNLIMITED),
    });
    await client.getListPage({ pageSize: 100 }); // warm-up (JIT, connection)

    let started = performance.now();
    const items = await client.getList();
    const fullList = performance.now() - started;

    const credentials = {
      ApiUser: sim.credentials.apiUser,
      ApiKey: sim.credentials.apiKey,
      UserName: sim.credentials.userName,
      ClientIp: sim.credentials.clientIp,
    };
    started = performance.now();
    const pages = Math.ceil(count / 100);
    const bodies: string[] = [];
    for (let page = 1; page <= pages; page++) bodies.push(await rawPage(sim.url, credentials, page));
    const rawWalk = performance.now() - started;

    const rounds = 5;
    started = performance.now();
    for (let round = 0; round < rounds; round++) {
      for (const body of bodies) {
        const reading = readEnvelope(body, 'text/xml');
        if (reading.kind !== 'envelope') throw new Error('unexpected body');
        getListSchema.parse(reading.envelope.commandResponse);
      }
    }
    const parsePerPage = (performance.now() - started) / (rounds * bodies.length);

    const limiter = new RateLimiter({ perMinute: 20, perHour: 700, perDay: 8000 });
    started = performance.now();
    for (let index = 0; index < 100_000; index++) limiter.estimateWaitMs(50);
    const estimate = (performance.now() - started) / 100_000;

    console.log(`client getList of ${items.length} certificates (${pages} pages of 100): ${ms(fullList)}`);
    console.log(`same pages fetched raw with fetch(), no parsing: ${ms(rawWalk)}`);
    console.log(`client overhead ratio (client / raw): ${(fullList / rawWalk).toFixed(2)}`);
    console.log(
      `parse + validate one 100-item page: ${ms(parsePerPage)} (${(100 / parsePerPage).toFixed(0)} items/ms)`,
    );
    console.log(`limiter estimateWaitMs(50): ${(estimate * 1000).toFixed(2)} µs`);
  } finally {
    await sim.close();
  }
}

await main();
