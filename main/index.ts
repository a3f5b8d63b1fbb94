/**
 * Entry point of the Electron main process (electron-vite builds it to out/main/index.js).
 *
 * Only main/shell imports Electron; this file just says where the built bundles are.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './shell/app.ts';

startApp({ mainDir: dirname(fileURLToPath(import.meta.url)) });
