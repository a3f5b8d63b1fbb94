import { parseArgs } from 'node:util';
import { DEFAULT_COUNT, startSimulator } from './index.ts';
import type { FaultOptions } from './types.ts';

/**
 * Standalone simulator: `npm run sim -- --port 8787 --count 500 --seed 1`.
 *
 * Prints the URL and the demo credentials, then serves until interrupted.
 */

const USAGE = `Usage: npm run sim -- [options]

  --port <n>                 port on 127.0.0.1 (default 8787; 0 picks a free one)
  --count <n>                certificates in the seeded account (default ${DEFAULT_COUNT})
  --seed <n>                 seed of the account and of the fault draws (default 1)
  --issue-delay-ms <n>       purchased certificates become active after this many ms
  --no-rate-limit            disable the server-side rate limits (20/min, 700/h, 8000/day)
  --rate-limit <m,h,d>       custom limits per minute,hour,day
  --latency-ms <min,max>     added latency per request
  --http500-rate <p>         probability of HTTP 500 (likewise --http502-rate, --http503-rate)
  --reset-rate <p>           connection reset
  --truncated-rate <p>       body cut in the middle
  --malformed-rate <p>       body that is not well-formed XML
  --throttle500000-rate <p>  HTTP 200 with error 500000
  --throttle405-rate <p>     HTTP 405
  --unhandled-rate <p>       HTTP 200 with error 5050900
  --list-change-rate <p>     the account changes before a getList page > 1
  --fault-commands <a,b>     restrict faults to these commands (e.g. namecheap.ssl.getList)
  --help                     this text`;

const RATE_FLAGS = {
  'http500-rate': 'http500Rate',
  'http502-rate': 'http502Rate',
  'http503-rate': 'http503Rate',
  'reset-rate': 'resetRate',
  'truncated-rate': 'truncatedRate',
  'malformed-rate': 'malformedRate',
  'throttle500000-rate': 'throttle500000Rate',
  'throttle405-rate': 'throttle405Rate',
  'unhandled-rate': 'unhandledErrorRate',
  'list-change-rate': 'listChangeRate',
} as const satisfies Record<string, keyof FaultOptions>;

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) fail(`--${name} needs a whole number, got "${raw}"`);
  return Number(raw);
}

function probability(name: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1)
    fail(`--${name} needs a probability between 0 and 1, got "${raw}"`);
  return value;
}

function numbers(name: string, raw: string, length: number): number[] {
  const parts = raw.split(',').map((part) => Number(part.trim()));
  if (parts.length !== length || parts.some((part) => !Number.isFinite(part) || part < 0))
    fail(`--${name} needs ${length} comma-separated numbers, got "${raw}"`);
  return parts;
}

async function main(): Promise<void> {
  const stringOption = { type: 'string' } as const;
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: stringOption,
        count: stringOption,
        seed: stringOption,
        'issue-delay-ms': stringOption,
        'no-rate-limit': { type: 'boolean' },
        'rate-limit': stringOption,
        'latency-ms': stringOption,
        'fault-commands': stringOption,
        help: { type: 'boolean' },
        ...Object.fromEntries(Object.keys(RATE_FLAGS).map((flag) => [flag, stringOption])),
      },
      strict: true,
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values['help'] === true) {
    console.log(USAGE);
    return;
  }
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };

  const faults: { -readonly [K in keyof FaultOptions]: FaultOptions[K] } = {};
  for (const [flag, key] of Object.entries(RATE_FLAGS)) {
    const raw = text(flag);
    if (raw !== undefined) faults[key] = probability(flag, raw);
  }
  const latency = text('latency-ms');
  if (latency !== undefined) {
    const [min = 0, max = 0] = numbers('latency-ms', latency, 2);
    faults.latencyMs = [min, max];
  }
  const faultCommands = text('fault-commands');
  if (faultCommands !== undefined)
    faults.commands = faultCommands
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');

  const rateLimit = text('rate-limit');
  let rateLimits: { perMinute: number; perHour: number; perDay: number } | false | undefined;
  if (values['no-rate-limit'] === true) rateLimits = false;
  else if (rateLimit !== undefined) {
    const [perMinute = 0, perHour = 0, perDay = 0] = numbers('rate-limit', rateLimit, 3);
    rateLimits = { perMinute, perHour, perDay };
  }
  const delay = text('issue-delay-ms');

  const simulator = await startSimulator({
    port: integer('port', text('port'), 8787),
    count: integer('count', text('count'), DEFAULT_COUNT),
    seed: integer('seed', text('seed'), 1),
    issueDelayMs: delay === undefined ? null : integer('issue-delay-ms', delay, 0),
    ...(rateLimits === undefined ? {} : { rateLimits }),
    faults,
  });
  const { credentials } = simulator;
  console.log(`Wvphost simulator listening on ${simulator.url}`);
  console.log(`  ApiUser   ${credentials.apiUser}`);
  console.log(`  ApiKey    ${credentials.apiKey}`);
  console.log(`  UserName  ${credentials.userName}`);
  console.log(`  ClientIp  ${credentials.clientIp}`);
  console.log(
    `  ${simulator.certificates().length} certificates; rate limits ${rateLimits === false ? 'off' : 'on'}; faults ${Object.keys(faults).length > 0 ? JSON.stringify(faults) : 'none'}`,
  );
  console.log('Press Ctrl+C to stop.');
  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    console.error('error: the port is already in use; pick another with --port <n>, or --port 0 for a free one.');
    process.exit(1);
  }
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
