/**
 * The cached services as the command line lists them: filtered and sorted, for `services` and `export report`.
 *
 * Both commands take the same `--due-within` and `--status` options and must read them the same
 * way, so the options, their parsing and the filtering live here once.
 */
import { Option } from 'commander';
import type { DueDateOffsetDays, EnvironmentId, Service } from '../domain/service.ts';
import type { DataStore, EnvironmentCache } from '../store/types.ts';
import { buildServices } from '../sync/build-services.ts';
import { addDays, localToday } from '../sync/local-date.ts';
import { USAGE_EXIT_CODE } from './cli-context.ts';
import { CliError } from './types.ts';

export interface ServiceFilter {
  /** Due date (expiry minus the offset) at most this many days from today, overdue included. */
  readonly dueWithinDays?: number;
  /** Case-insensitive status; several separated by commas. */
  readonly status?: string;
  /** Case-insensitive part of the host name, or a certificate ID of the lineage. */
  readonly search?: string;
}

/** The filter options as commander hands them over (text, not yet checked). */
export interface ServiceFilterOptions {
  readonly dueWithin?: string;
  readonly status?: string;
  readonly search?: string;
}

/** `--due-within <days>`: only services due within this many days, overdue included. */
export function dueWithinOption(): Option {
  return new Option('--due-within <days>', 'only services due within this many days (overdue included)');
}

/** `--status <status>`: only these statuses (comma-separated). */
export function statusOption(): Option {
  return new Option('--status <status>', 'only these statuses, e.g. active or newrenewal,purchased');
}

/** The checked filter of the given options; a malformed `--due-within` is a usage error (exit 2). */
export function serviceFilterFrom(options: ServiceFilterOptions): ServiceFilter {
  return {
    ...(options.dueWithin === undefined ? {} : { dueWithinDays: parseDays(options.dueWithin) }),
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(options.search === undefined ? {} : { search: options.search }),
  };
}

/** The cached services of an environment, filtered and sorted by due date (none last), then ID. */
export function cachedServices(
  store: DataStore,
  environment: EnvironmentId,
  filter: ServiceFilter = {},
  today = localToday(),
): Service[] {
  return listServices(store.cache.read(environment), store.settings.get().dueDateOffsetDays, filter, today);
}

/** `cachedServices` for a cache already read (a command that also needs its sync time reads it once). */
export function listServices(
  cache: EnvironmentCache,
  dueDateOffsetDays: DueDateOffsetDays,
  filter: ServiceFilter = {},
  today = localToday(),
): Service[] {
  const all = buildServices(cache, { today, dueDateOffsetDays });
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
