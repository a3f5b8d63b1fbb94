/**
 * `demo`: see the whole thing work with no account and no network.
 *
 * Starts the embedded simulator (a seeded account on 127.0.0.1), signs in to the Demo
 * environment with its fixed credentials in a temporary data folder (or `--data-dir`), syncs,
 * and prints the services table. The folder is kept so the other commands can be tried on it.
 */
import type { Command } from 'commander';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reportSync, syncJson, syncOnce } from './sync.ts';
import { openStore, withConnection } from '../cli-context.ts';
import { cachedServices } from '../service-filter.ts';
import { formatServiceTable } from '../service-table.ts';
import { CliError, type GlobalOptions, type RegisterCommands } from '../types.ts';

export const registerDemoCommands: RegisterCommands = (program, io) => {
  program
    .command('demo')
    .description(
      'Start the embedded Wvphost simulator, sign in to the Demo environment, sync and print the services (no network needed).',
    )
    .action(async (_options: unknown, command: Command) => {
      // The default data folder is the app's: a demo must not switch the user's app to Demo.
      const globals = command.optsWithGlobals<GlobalOptions>();
      const dataDir = globals.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wvphost-demo-'));
      const store = openStore(dataDir, io);
      store.settings.update({ activeEnvironment: 'demo' });
      const summary = await withConnection(store, 'demo', (connection) => syncOnce(store, connection));
      const services = summary.ok ? cachedServices(store, 'demo') : [];
      if (globals.json === true) {
        io.stdout(`${JSON.stringify({ dataDir: store.dataDir, sync: syncJson(summary), services }, null, 2)}\n`);
        if (!summary.ok) throw new CliError(summary.error?.message ?? 'The demo sync failed.');
        return;
      }
      reportSync(summary, 'demo', io, { json: false, listChanges: false });
      io.stdout(formatServiceTable(services));
      io.stdout(
        `\nDemo data folder: ${store.dataDir}\nTry: wvphost-admin --data-dir "${store.dataDir}" services --due-within 30\n`,
      );
    });
};
