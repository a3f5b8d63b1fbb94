/**
 * `services`: the cached services, offline (no network call, no keychain).
 *
 * A readable table sorted by due date, or with `--json` an array of DESIGN.md §3 objects with
 * exactly those field names.
 */
import { Option, type Command } from 'commander';
import { chooseEnvironment, globalsOf, openStore } from '../cli-context.ts';
import { dueWithinOption, listServices, serviceFilterFrom, statusOption, type ServiceFilterOptions } from '../service-filter.ts';
import { formatServiceTable } from '../service-table.ts';
import type { RegisterCommands } from '../types.ts';

export const registerServicesCommands: RegisterCommands = (program, io) => {
  program
    .command('services')
    .description('List the cached services (offline: no network call). Sorted by due date.')
    .addOption(dueWithinOption())
    .addOption(statusOption())
    .addOption(new Option('--search <text>', 'host name part or certificate ID'))
    .action((options: ServiceFilterOptions, command: Command) => {
      const globals = globalsOf(command);
      const store = openStore(globals.dataDir, io);
      const environment = chooseEnvironment(store, globals.env);
      const cache = store.cache.read(environment);
      const services = listServices(cache, store.settings.get().dueDateOffsetDays, serviceFilterFrom(options));
      if (globals.json === true) {
        io.stdout(`${JSON.stringify(services, null, 2)}\n`);
        return;
      }
      const lastSync = cache.lastSuccessfulSyncAt;
      if (lastSync === null) {
        io.stderr(`No services are cached for ${environment} yet; run: wvphost-admin --env ${environment} sync\n`);
        return;
      }
      io.stdout(formatServiceTable(services));
      io.stdout(`${services.length} service(s) · ${environment} · last synced ${lastSync}\n`);
    });
};
