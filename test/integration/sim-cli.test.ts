import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../sim/types.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Starts `sim/cli.ts` and resolves with its output once it prints "Press Ctrl+C". */
function startCli(args: readonly string[]): Promise<{ output: string; stop: () => Promise<number | null> }> {
  const child = spawn(TSX, [join(ROOT, 'sim', 'cli.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulator CLI did not start:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve({
          output,
          stop: async () => {
            child.kill('SIGTERM');
            const [code] = (await once(child, 'exit')) as [number | null];
            return code;
          },
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator CLI exited with ${code}:\n${output}`));
    });
  });
}

describe('simulator CLI (npm run sim)', () => {
  it('prints its URL and the demo credentials, serves the seeded account, and stops on SIGTERM', async () => {
    const cli = await startCli([
      '--port',
      '0',
      '--count',
      '25',
      '--seed',
      '2',
      '--no-rate-limit',
      '--http503-rate',
      '0',
    ]);
    try {
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/xml\.response)/.exec(cli.output)?.[1];
      expect(url).toBeDefined();
      for (const value of Object.values(DEMO_CREDENTIALS)) expect(cli.output).toContain(value);
      expect(cli.output).toContain('25 certificates; rate limits off');
      const body = new URLSearchParams({
        ApiUser: DEMO_CREDENTIALS.apiUser,
        ApiKey: DEMO_CREDENTIALS.apiKey,
        UserName: DEMO_CREDENTIALS.userName,
        ClientIp: DEMO_CREDENTIALS.clientIp,
        Command: 'namecheap.ssl.getList',
      });
      const text = await (await fetch(url!, { method: 'POST', body })).text();
      expect(text).toContain('<TotalItems>25</TotalItems>');
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('exits with 2 and the usage on a bad flag', async () => {
    const child = spawn(TSX, [join(ROOT, 'sim', 'cli.ts'), '--reset-rate', '7'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('--reset-rate needs a probability between 0 and 1');
    expect(stderr).toContain('Usage: npm run sim');
  });
});
