import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../sim/types.ts';
import { WvphostClient } from '../../main/wvphost/client.ts';
import { RateLimiter } from '../../main/wvphost/rate-limiter.ts';
import { GENEROUS, expectWvphostError, startTestSimulator, testClient } from './wvphost-test-support.ts';

const CREDENTIALS = {
  apiUser: 'transport',
  apiKey: 'transport-secret-key-123456',
  userName: 'transport',
  clientIp: '127.0.0.1',
};

function clientAt(baseUrl: string, options: { timeoutMs?: number; maxRetries?: number } = {}): WvphostClient {
  return new WvphostClient({
    baseUrl,
    credentials: CREDENTIALS,
    limiter: new RateLimiter(GENEROUS),
    retryMinTimeoutMs: 2,
    retryMaxTimeoutMs: 10,
    timeoutMs: options.timeoutMs ?? 5000,
    maxRetries: options.maxRetries ?? 3,
  });
}

interface Received {
  readonly url: string;
  readonly contentType: string;
  readonly body: string;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => resolve(body));
  });
}

function waitFor(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (condition()) resolve();
      else setTimeout(check, 10);
    };
    check();
  });
}

describe('WvphostClient transport failures', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startTestSimulator({ count: 10, seed: 13 });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.clearRequestLog();
  });

  it('cancellation mid-request rejects at once as cancelled, before the server answers', async () => {
    sim.setFaults({ latencyMs: [3000, 3000] });
    try {
      const client = testClient(sim);
      const controller = new AbortController();
      const call = client.getListPage({}, { signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 100));
      controller.abort();
      const error = await expectWvphostError(call, 'cancelled');
      expect(error.message).toBe(
        'The request for the certificate list (getList) was cancelled before Wvphost answered.',
      );
      // The simulator logs a request only once it answers: it had not answered yet.
      expect(sim.requestLog.filter((entry) => entry.command === 'namecheap.ssl.getlist')).toHaveLength(0);
    } finally {
      sim.setFaults({});
    }
  });

  // The client is between attempts, waiting (on a 60 s pause the test never sits out): a retry
  // backoff after a 503, or the pause Wvphost asks for after a throttle error.
  it.each([
    { pause: 'a retry backoff', faults: { http503Rate: 1 }, overrides: { retryMinTimeoutMs: 60_000, retryMaxTimeoutMs: 60_000 } },
    { pause: 'a throttle pause', faults: { throttle500000Rate: 1 }, overrides: { throttleWaitMs: 60_000 } },
  ])('cancellation during $pause rejects as cancelled without another attempt', async ({ faults, overrides }) => {
    sim.setFaults({ ...faults, commands: ['namecheap.ssl.getinfo'] });
    try {
      const client = testClient(sim, overrides);
      const controller = new AbortController();
      const call = client.getInfo(1, { signal: controller.signal });
      await waitFor(() => sim.requestCount('namecheap.ssl.getinfo') === 1); // answered: now waiting
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
      await expectWvphostError(call, 'cancelled');
      expect(client.requestsSent).toBe(1);
    } finally {
      sim.setFaults({});
    }
  });

  it('an already cancelled signal sends nothing', async () => {
    const client = testClient(sim);
    await expectWvphostError(client.getList({}, { signal: AbortSignal.abort() }), 'cancelled');
    expect(client.requestsSent).toBe(0);
  });

  it('a closed port → unreachable, not retried, naming the endpoint', async () => {
    const server = createServer();
    const host = await listen(server);
    await stop(server);
    const client = clientAt(`http://${host}/xml.response`);
    const error = await expectWvphostError(client.getListPage({}), 'unreachable');
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.message).toContain(`http://${host}/xml.response`);
    expect(error.message).toMatch(/refused.*Check the base URL/);
    expect(client.requestsSent).toBe(1);
  });

  it('a host name that does not resolve → unreachable', async () => {
    const client = clientAt('http://wvphost-nonexistent.invalid/xml.response');
    const error = await expectWvphostError(client.getListPage({}), 'unreachable');
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(error.code);
    expect(error.message).toMatch(/could not be resolved/);
  });

  describe('a server that is not Wvphost', () => {
    let server: Server;
    let host: string;
    const received: Received[] = [];

    beforeAll(async () => {
      server = createServer((request: IncomingMessage, response: ServerResponse) => {
        void readBody(request).then((body) => {
          received.push({ url: request.url ?? '', contentType: request.headers['content-type'] ?? '', body });
          const path = (request.url ?? '').split('?')[0];
          if (path === '/html')
            response
              .writeHead(200, { 'Content-Type': 'text/html' })
              .end('<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>');
          else if (path === '/json') response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
          else if (path === '/other-xml')
            response
              .writeHead(200, { 'Content-Type': 'application/xml' })
              .end('<?xml version="1.0"?><feed><entry /></feed>');
          else if (path === '/redirect') response.writeHead(302, { Location: '/html' }).end();
          else if (path === '/echo-status' || path === '/echo-type') {
            // A broken proxy that echoes the request's API key into an unreadable envelope.
            const key = new URLSearchParams(body).get('ApiKey') ?? '';
            response
              .writeHead(200, { 'Content-Type': 'text/xml' })
              .end(
                path === '/echo-status'
                  ? `<ApiResponse Status="${key}"><Server>S</Server></ApiResponse>`
                  : `<ApiResponse Status="OK"><CommandResponse Type="${key}" /><Server>S</Server></ApiResponse>`,
              );
          } else if (path === '/hang')
            return; // never answers
          else response.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body>Not Found</body></html>');
        });
      });
      host = await listen(server);
    });
    afterAll(async () => {
      await stop(server);
    });

    it('an HTML page → not-wvphost-endpoint, not retried', async () => {
      const client = clientAt(`http://${host}/html`);
      const error = await expectWvphostError(client.getListPage({}), 'not-wvphost-endpoint');
      expect(error.message).toMatch(/did not answer like the Wvphost API \(it sent an HTML page\)/);
      expect(error.message).toMatch(/\/xml\.response/);
      expect(client.requestsSent).toBe(1);
    });

    it('a 404, JSON or other XML → not-wvphost-endpoint', async () => {
      for (const path of ['missing', 'json', 'other-xml']) {
        await expectWvphostError(clientAt(`http://${host}/${path}`).getInfo(1), 'not-wvphost-endpoint');
      }
    });

    it('a redirect is not followed, so the credentials never reach another address', async () => {
      const before = received.length;
      const error = await expectWvphostError(
        clientAt(`http://${host}/redirect`).getListPage({}),
        'not-wvphost-endpoint',
      );
      expect(error.httpStatus).toBe(302);
      expect(received.length - before).toBe(1);
    });

    it('credentials travel only in the form-encoded POST body, never in the URL or a message', async () => {
      const before = received.length;
      const error = await expectWvphostError(
        clientAt(`http://${host}/html`).getListPage({ page: 2 }),
        'not-wvphost-endpoint',
      );
      const request = received[before];
      expect(request?.url).toBe('/html');
      expect(request?.contentType).toBe('application/x-www-form-urlencoded');
      const form = new URLSearchParams(request?.body ?? '');
      expect(form.get('ApiKey')).toBe(CREDENTIALS.apiKey);
      expect(form.get('Command')).toBe('namecheap.ssl.getList');
      expect(form.get('Page')).toBe('2');
      expect(error.message).not.toContain(CREDENTIALS.apiKey);
      expect(JSON.stringify(error)).not.toContain(CREDENTIALS.apiKey);
    });

    it('server text that echoes the API key (Status, command type) is scrubbed from the message', async () => {
      for (const path of ['echo-status', 'echo-type']) {
        const error = await expectWvphostError(
          clientAt(`http://${host}/${path}`, { maxRetries: 0 }).getListPage({}),
          'malformed-response',
        );
        expect(error.message).not.toContain(CREDENTIALS.apiKey);
        expect(error.message).toContain('***');
        expect(JSON.stringify(error)).not.toContain(CREDENTIALS.apiKey);
      }
    });

    it('no answer within the per-request timeout → timeout after the retries', async () => {
      const client = clientAt(`http://${host}/hang`, { timeoutMs: 150, maxRetries: 1 });
      const error = await expectWvphostError(client.getListPage({}), 'timeout');
      expect(error.attempts).toBe(2);
      expect(client.requestsSent).toBe(2);
      expect(error.message).toMatch(
        /did not answer .* within 150 ms\. Check the network connection.*\(2 attempts were made\.\)/,
      );
    });
  });

  it('an HTTPS server with a self-signed certificate → tls', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wvphost-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      const server = createHttpsServer(
        { key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) },
        (_request, response) => {
          response
            .writeHead(200, { 'Content-Type': 'text/xml' })
            .end('<ApiResponse Status="OK"><Server>X</Server></ApiResponse>');
        },
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const port = (server.address() as AddressInfo).port;
        const client = clientAt(`https://127.0.0.1:${port}/xml.response`);
        const error = await expectWvphostError(client.getListPage({}), 'tls');
        expect(error.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
        expect(error.message).toMatch(/secure connection .* failed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
        expect(client.requestsSent).toBe(1);
        expect(error.message).not.toContain(CREDENTIALS.apiKey);
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
