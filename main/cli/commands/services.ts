/**
 * `services`: the cached services, offline (no network call, no keychain).
 *
 * A readable table sorted by due date, or with `--json` an array of DESIGN.md §3 objects with
 * exactly those field names.
 */
import { Option, type Command } from 'commander';
import type { Service } from '../../domain/service.ts';
import type { DataStore } from '../../store/types.ts';
import { buildServices } from '../../sync/build-services.ts';
import { addDays, localToday } from '../../sync/local-date.ts';
import { chooseEnvironment, globalsOf, openStore, USAGE_EXIT_CODE } from '../cli-context.ts';
import { formatServiceTable } from '../service-table.ts';
import { CliError, type RegisterCommands } from '../types.ts';
import type { EnvironmentId } from '../../domain/service.ts';

export interface ServiceFilter {
  /** Due date (expiry minus the offset) at most this many days from today, overdue included. */
  readonly dueWithinDays?: number;
  /** Case-insensitive status; several separated by commas. */
  readonly status?: string;
  /** Case-insensitive part of the host name, or a certificate ID of the lineage. */
  readonly search?: string;
}

interface ServicesCommandOptions {
  readonly dueWithin?: string;
  readonly status?: string;
  readonly search?: string;
}

export const registerServicesCommands: RegisterCommands = (program, io) => {
  program
    .command('services')
    .description('List the cached services (offline: no network call). Sorted by due date.')
    .addOption(new Option('--due-within <days>', 'only services due within this many days (overdue included)'))
    .addOption(new Option('--status <status>', 'only these statuses, e.g. active or newrenewal,purchased'))
    .addOption(new Option('--search <text>', 'host name part or certificate ID'))
    .action((options: ServicesCommandOptions, command: Command) => {
      const globals = globalsOf(command);
      const store = openStore(globals.dataDir, io);
      const environment = chooseEnvironment(store, globals.env);
      const filter: ServiceFilter = {
        ...(options.dueWithin === undefined ? {} : { dueWithinDays: parseDays(options.dueWithin) }),
        ...(options.status === undefined ? {} : { status: options.status }),
        ...(options.search === undefined ? {} : { search: options.search }),
      };
      const services = cachedServices(store, environment, filter);
      if (globals.json === true) {
        io.stdout(`${JSON.stringify(services, null, 2)}\n`);
        return;
      }
      const lastSync = store.cache.read(environment).lastSuccessfulSyncAt;
      if (lastSync === null) {
        io.stderr(`No services are cached for ${environment} yet; run: wvphost-admin --env ${environment} sync\n`);
        return;
      }
      io.stdout(formatServiceTable(services));
      io.stdout(`${services.length} service(s) · ${environment} · last synced ${lastSync}\n`);
    });
};

/** The cached services of an environment, filtered and sorted by due date (none last), then ID. */
export function cachedServices(
  store: DataStore,
  environment: EnvironmentId,
  filter: ServiceFilter = {},
  today = localToday(),
): Service[] {
  const all = buildServices(store.cache.read(environment), {
    today,
    dueDateOffsetDays: store.settings.get().dueDateOffsetDays,
  });
  const statuses = filter.status
    ?.split(',')
    .map((status) => status.trim().toLowerCase())
    .filter((status) => status !== '');
  const dueLimit = filter.dueWithinDays === undefined ? null : addDays(today, filter.dueWithinDays);
  const search = filter.search?.trim().toLowerCase() ?? '';
  return all
    .filter((service) => {
      if (statuses !== undefined && statuses.length > 0 && !statuses.includes(service.status)) return false;
      if (dueLimit !== null && (service.dueDate === null || service.dueDate > dueLimit)) return false;
      if (search !== '' && !matchesSearch(service, search)) return false;
      return true;
    })
    .sort(
      (a, b) =>
        (a.dueDate ?? '9999-99-99').localeCompare(b.dueDate ?? '9999-99-99') || a.certificateId - b.certificateId,
    );
}

function matchesSearch(service: Service, search: string): boolean {
  if (service.hostName.toLowerCase().includes(search)) return true;
  if (/^\d+$/.test(search)) {
    const id = Number(search);
    return service.certificateId === id || service.previousCertificateIds.includes(id);
  }
  return false;
}

function parseDays(text: string): number {
  if (!/^\d+$/.test(text.trim())) {
    throw new CliError(`--due-within must be a whole number of days (0 or more), not "${text}".`, USAGE_EXIT_CODE);
  }
  return Number(text.trim());
}
