// Downloads the Electron runtime on first start.
//
// package.json denies electron's install script (allowScripts) so that `npm ci` works on build
// machines with no route to Electron's download host; a desktop machine fetches it here instead.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
const installed = existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
if (!installed) {
  console.log('Fetching the Electron runtime (first start only)...');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', cwd: electronDir });
  if (result.status !== 0) {
    console.error('Could not download Electron. The CLI (`npx wvphost-admin demo`) works without it.');
    process.exit(result.status ?? 1);
  }
}
