import { execFileSync } from 'node:child_process';

/**
 * Fails the run loudly when a prerequisite of the real-parts tests is missing.
 *
 * The tests use the real OS keychain, Chromium, openssl and unzip; skipping them silently would
 * report a green run that tested nothing.
 */
export default function setup(): void {
  const missing: string[] = [];
  for (const tool of ['openssl', 'unzip', 'chromium']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      missing.push(tool);
    }
  }
  if (process.platform === 'linux' && !process.env['DBUS_SESSION_BUS_ADDRESS']) {
    missing.push('a D-Bus session with a Secret Service (run the tests through `npm test`, which starts one)');
  }
  if (missing.length > 0) {
    throw new Error(`Test prerequisites missing: ${missing.join(', ')}. Run .ci/run or install them (see README).`);
  }
}
