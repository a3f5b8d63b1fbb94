/**
 * `export certificate` and `export report`: the app's two zip exports from the command line.
 *
 * The report works offline from the cache. A certificate comes from the local file cache when
 * it was fetched before; otherwise it is downloaded (and cached), and when Wvphost cannot be
 * reached the command says so instead of writing anything.
 */
import { Option, type Command } from 'commander';
import type { ExportResult, ServerType } from '../../../preload/api.ts';
import { SERVER_TYPES } from '../../../preload/api.ts';
import type { EnvironmentId } from '../../domain/service.ts';
import { exportCertificate } from '../../export/certificate-export.ts';
import { ExportError } from '../../export/export-error.ts';
import { exportReport } from '../../export/report-export.ts';
import { serverTypeInfo } from '../../export/server-types.ts';
import type { DataStore } from '../../store/types.ts';
import type { WvphostApi } from '../../wvphost/types.ts';
import { chooseEnvironment, globalsOf, openStore, parseCertificateId, withInterrupt, withOptionalConnection } from '../cli-context.ts';
import { CliError, type CliIo, type RegisterCommands } from '../types.ts';
import { dueWithinOption, listServices, serviceFilterFrom, statusOption } from '../service-filter.ts';

const CANCELLED = 'The export was cancelled.';

interface CertificateCommandOptions {
  readonly server: ServerType;
  readonly out: string;
  readonly force?: boolean;
}

interface ReportCommandOptions {
  readonly out: string;
  readonly dueWithin?: string;
  readonly status?: string;
  readonly force?: boolean;
}

export const registerExportCommands: RegisterCommands = (program, io) => {
  const exportCommand = program.command('export').description('Write certificate files or the services report as files.');

  exportCommand
    .command('certificate')
    .description(
      'Write one certificate\'s files for a web server: <CN>.p7b for IIS, else <CN>.zip (.crt, .ca-bundle; nginx adds .fullchain.crt). Uses the cached files offline.',
    )
    .argument('<certificateId>', 'the certificate ID (see: wvphost-admin services)')
    .addOption(new Option('--server <type>', 'web server type').choices(SERVER_TYPES).makeOptionMandatory())
    .requiredOption('--out <file>', 'file to write (e.g. www_example_com.zip)')
    .option('--force', 'replace the file if it exists')
    .action(async (idText: string, options: CertificateCommandOptions, command: Command) => {
      const globals = globalsOf(command);
      const certificateId = parseCertificateId(idText);
      const store = openStore(globals.dataDir, io);
      const environment = chooseEnvironment(store, globals.env);
      const result = await withClientIfNeeded(store, environment, certificateId, options.server, io, (api) =>
        withInterrupt(CANCELLED, (signal) =>
          exportCertificate({
            api,
            store,
            environment,
            certificateId,
            serverType: options.server,
            outPath: options.out,
            overwrite: options.force === true,
            signal,
          }),
        ),
      );
      printResult(result, io, globals.json === true, `${serverTypeInfo(options.server).label} files of certificate ${certificateId}`);
    });

  exportCommand
    .command('report')
    .description('Write the services report zip (services.csv, services.json, due-dates.ics, sync-history.json, cached certificates) from the cache, offline.')
    .requiredOption('--out <file>', 'zip file to write (e.g. wvphost-services-production-2026-11-26.zip)')
    .addOption(dueWithinOption())
    .addOption(statusOption())
    .option('--force', 'replace the file if it exists')
    .action(async (options: ReportCommandOptions, command: Command) => {
      const globals = globalsOf(command);
      const store = openStore(globals.dataDir, io);
      const environment = chooseEnvironment(store, globals.env);
      const filter = serviceFilterFrom(options);
      const cache = store.cache.read(environment);
      if (cache.lastSuccessfulSyncAt === null) {
        io.stderr(`warning: nothing is cached for ${environment} yet; the report will be empty (run: wvphost-admin --env ${environment} sync)\n`);
      }
      const services = listServices(cache, store.settings.get().dueDateOffsetDays, filter);
      const result = await runExport(() =>
        withInterrupt(CANCELLED, (signal) =>
          exportReport({ store, environment, services, outPath: options.out, overwrite: options.force === true, signal }),
        ),
      );
      printResult(result, io, globals.json === true, `report of ${services.length} service(s)`);
    });
};

/**
 * Runs the export with a client when one is needed and available, else offline (api null).
 *
 * No connection is made when the files are already cached (no keychain prompt, no demo server).
 * A connection that cannot be made (not signed in, no keychain) is not fatal: the export then
 * says precisely what is missing.
 */
async function withClientIfNeeded(
  store: DataStore,
  environment: EnvironmentId,
  certificateId: number,
  serverType: ServerType,
  io: CliIo,
  work: (api: WvphostApi | null) => Promise<ExportResult>,
): Promise<ExportResult> {
  const cached = store.material.get(environment, certificateId, serverTypeInfo(serverType).returnType) !== null;
  if (cached) return runExport(() => work(null));
  return withOptionalConnection(
    store,
    environment,
    (reason) => io.stderr(`warning: working offline: ${reason}\n`),
    (connection) => runExport(() => work(connection?.api ?? null)),
  );
}

/** Export failures become CLI failures (exit 1) with the export's own sentence. */
async function runExport(work: () => Promise<ExportResult>): Promise<ExportResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ExportError) throw new CliError(error.message);
    throw error;
  }
}

function printResult(result: ExportResult, io: CliIo, json: boolean, what: string): void {
  if (json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  io.stdout(`Wrote ${what} to ${result.path ?? '(nothing)'} (${result.bytes} bytes, ${result.files.length} file(s)).\n`);
}
