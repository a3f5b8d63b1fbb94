/**
 * `reissue`, `activate`, `renew`, `resend-approval` and `approvers`: the certificate actions
 * from the command line, the same core the app uses (main/actions).
 *
 * A bad CSR or a status that does not allow the action is refused before any request, with
 * the reasons on stderr (exit 1). A missing or doubled validation choice is a usage error (exit 2).
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { DcvChoice, DcvInstructions, ServerType } from '../../../preload/api.ts';
import { SERVER_TYPES } from '../../../preload/api.ts';
import { ActionError } from '../../actions/action-error.ts';
import type { ActionContext } from '../../actions/action-context.ts';
import { listApproverEmails } from '../../actions/approver-emails.ts';
import { findService } from '../../actions/find-service.ts';
import { submitRenewal, MAX_RENEWAL_YEARS, MIN_RENEWAL_YEARS } from '../../actions/renew.ts';
import { resendApproval } from '../../actions/resend-approval.ts';
import { submitActivation, submitReissue, type SubmitCsrOutcome } from '../../actions/submit-csr.ts';
import { parseServerType } from '../../export/server-types.ts';
import { assertNever } from '../../domain/service.ts';
import { localToday } from '../../sync/build-services.ts';
import { chooseEnvironment, globalsOf, openStore, parseCertificateId, USAGE_EXIT_CODE, withConnection } from '../cli-context.ts';
import { CliError, type CliIo, type GlobalOptions, type RegisterCommands } from '../types.ts';

const USAGE = USAGE_EXIT_CODE;
const DEFAULT_SERVER: ServerType = 'other';

interface CsrCommandOptions {
  readonly csr: string;
  readonly approverEmail?: string;
  readonly http?: boolean;
  readonly dns?: boolean;
  readonly server?: string;
  readonly adminEmail?: string;
}

/** Registers the action commands on the program. */
export const registerActionCommands: RegisterCommands = (program, io) => {
  for (const action of ['reissue', 'activate'] as const) {
    program
      .command(`${action} <certificateId>`)
      .description(
        action === 'reissue'
          ? 'Reissue an active certificate with a new CSR (checked locally first); prints the new certificate ID and the validation steps.'
          : 'Activate a new purchase or renewal with a CSR (checked locally first); prints the validation steps.',
      )
      .requiredOption('--csr <file>', 'the CSR file (PEM)')
      .option('--approver-email <address>', 'validate by email to this approver address (see: approvers <certificateId>)')
      .option('--http', 'validate with an HTTP file on the web server')
      .option('--dns', 'validate with a DNS CNAME record')
      .option('--server <type>', `web server type: ${SERVER_TYPES.join(', ')}`, DEFAULT_SERVER)
      .option('--admin-email <address>', 'administrator contact (default: the approver address, else admin@<domain>)')
      .action(async (certificateIdText: string, options: CsrCommandOptions, command: Command) => {
        const certificateId = parseCertificateId(certificateIdText);
        const dcv = parseDcv(options);
        const serverType = parseServer(options.server);
        const csr = await readCsrFile(options.csr);
        await withActionContext(command, io, async (context, globals) => {
          const submit = action === 'reissue' ? submitReissue : submitActivation;
          const outcome = await submit({
            ...context,
            certificateId,
            csr,
            dcv,
            serverType,
            crossCheck: true,
            adminEmailAddress: options.adminEmail,
          });
          printCsrOutcome(io, globals, action, dcv, serverType, outcome);
          for (const warning of outcome.warnings) io.stderr(`warning: ${warning}\n`);
        });
      });
  }

  program
    .command('renew <certificateId>')
    .description('Renew an active certificate expiring within 30 days; the new certificate then needs activation.')
    .option('--years <n>', `years, ${MIN_RENEWAL_YEARS} to ${MAX_RENEWAL_YEARS}`, '1')
    .action(async (certificateIdText: string, options: { readonly years: string }, command: Command) => {
      const certificateId = parseCertificateId(certificateIdText);
      const years = Number(options.years);
      if (!/^\d+$/.test(options.years.trim()) || years < MIN_RENEWAL_YEARS || years > MAX_RENEWAL_YEARS) {
        throw new CliError(`--years must be a whole number from ${MIN_RENEWAL_YEARS} to ${MAX_RENEWAL_YEARS}, not "${options.years}".`, USAGE);
      }
      await withActionContext(command, io, async (context, globals) => {
        const outcome = await submitRenewal({ ...context, certificateId, years });
        if (globals.json === true) {
          io.stdout(
            `${JSON.stringify({
              action: 'renew',
              certificateId,
              newCertificateId: outcome.newCertificateId,
              years: outcome.years,
              orderId: outcome.orderId,
              chargedAmount: outcome.chargedAmount,
              status: 'newrenewal',
            }, null, 2)}\n`,
          );
          return;
        }
        io.stdout(
          `Renewed certificate ${certificateId} for ${outcome.years} year${outcome.years === 1 ? '' : 's'}: new certificate ${outcome.newCertificateId} (charged ${outcome.chargedAmount}).\n` +
            `It awaits activation with a CSR: wvphost-admin activate ${outcome.newCertificateId} --csr FILE (--approver-email E | --http | --dns)\n`,
        );
      });
    });

  program
    .command('resend-approval <certificateId>')
    .description('Send the approval email of a certificate awaiting validation again.')
    .action(async (certificateIdText: string, _options: unknown, command: Command) => {
      const certificateId = parseCertificateId(certificateIdText);
      await withActionContext(command, io, async (context, globals) => {
        const record = await resendApproval({ ...context, certificateId });
        io.stdout(globals.json === true ? `${JSON.stringify({ action: 'resend-approval', certificateId, ok: true, detail: record.detail }, null, 2)}\n` : `${record.detail}\n`);
      });
    });

  program
    .command('approvers <certificateId>')
    .description('List the approver email addresses Wvphost accepts for the certificate\'s domain.')
    .action(async (certificateIdText: string, _options: unknown, command: Command) => {
      const certificateId = parseCertificateId(certificateIdText);
      await withActionContext(command, io, async (context, globals) => {
        const service = findService(context.store, context.environment, certificateId, localToday());
        const reply = await listApproverEmails({ api: context.api, domain: service.hostName, sslType: service.sslType });
        io.stdout(globals.json === true ? `${JSON.stringify(reply, null, 2)}\n` : `${reply.emails.join('\n')}\n`);
      });
    });
};

function parseDcv(options: CsrCommandOptions): DcvChoice {
  const chosen: DcvChoice[] = [];
  if (options.approverEmail !== undefined) chosen.push({ kind: 'email', approverEmail: options.approverEmail });
  if (options.http === true) chosen.push({ kind: 'http' });
  if (options.dns === true) chosen.push({ kind: 'dns' });
  const [only] = chosen;
  if (chosen.length !== 1 || only === undefined) {
    throw new CliError(
      `Choose exactly one validation method: --approver-email ADDRESS, --http or --dns (${chosen.length === 0 ? 'none was given' : 'several were given'}).`,
      USAGE,
    );
  }
  return only;
}

function parseServer(text: string | undefined): ServerType {
  const serverType = parseServerType(text ?? DEFAULT_SERVER);
  if (serverType === null) {
    throw new CliError(`--server must be one of ${SERVER_TYPES.join(', ')}, not "${text ?? ''}".`, USAGE);
  }
  return serverType;
}

async function readCsrFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : String(error);
    throw new CliError(`Could not read the CSR file ${file} (${reason}). Check the path and try again.`);
  }
}

/**
 * Opens the store, connects to the chosen environment, runs `work`, and turns action errors
 * into CLI errors (a refused CSR lists each problem on its own line).
 */
async function withActionContext(
  command: Command,
  io: CliIo,
  work: (context: ActionContext, globals: GlobalOptions) => Promise<void>,
): Promise<void> {
  const globals = globalsOf(command);
  const store = openStore(globals.dataDir, io);
  const environment = chooseEnvironment(store, globals.env);
  await withConnection(store, environment, async (connection) => {
    try {
      await work({ api: connection.api, store, environment, apiUser: connection.apiUser }, globals);
    } catch (error) {
      if (error instanceof ActionError) {
        const problems = error.csrCheck?.problems ?? [];
        throw new CliError(
          problems.length > 0
            ? `The CSR was refused and nothing was sent to Wvphost:\n${problems.map((problem) => `  - ${problem.message}`).join('\n')}`
            : error.message,
        );
      }
      throw error;
    }
  });
}

function printCsrOutcome(
  io: CliIo,
  globals: GlobalOptions,
  action: 'reissue' | 'activate',
  dcv: DcvChoice,
  serverType: ServerType,
  outcome: SubmitCsrOutcome,
): void {
  const certificateId = outcome.service.certificateId;
  if (globals.json === true) {
    io.stdout(
      `${JSON.stringify(
        {
          action,
          certificateId,
          newCertificateId: outcome.newCertificateId,
          hostName: outcome.service.hostName || outcome.csrCheck.commonName,
          serverType,
          dcv: {
            method: dcv.kind,
            approverEmail: dcv.kind === 'email' ? dcv.approverEmail : null,
            instructions: outcome.dcv,
          },
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const lines =
    action === 'reissue'
      ? [`Reissued certificate ${certificateId}: the new certificate is ${outcome.newCertificateId} (pending until validated and issued).`]
      : [`Activated certificate ${outcome.newCertificateId} (pending until validated and issued).`];
  if (dcv.kind === 'email') {
    lines.push(`Validation: Wvphost sends an approval email to ${dcv.approverEmail}; the certificate is issued once it is approved.`);
  }
  for (const step of outcome.dcv) lines.push(...describeDcv(step));
  if (dcv.kind !== 'email' && outcome.dcv.length === 0) {
    lines.push('Wvphost sent no validation values yet; check the certificate in the Wvphost account.');
  }
  lines.push('Run a sync later to see it issued.');
  io.stdout(`${lines.join('\n')}\n`);
}

function describeDcv(step: DcvInstructions): string[] {
  switch (step.kind) {
    case 'http':
      return [
        `Validation for ${step.domain}: serve this file at http://${step.domain}/.well-known/pki-validation/${step.fileName}`,
        `File name: ${step.fileName}`,
        'File content:',
        step.fileContent,
      ];
    case 'dns':
      return [`Validation for ${step.domain}: create this DNS CNAME record`, `Host:   ${step.hostName}`, `Target: ${step.target}`];
    default:
      return assertNever(step);
  }
}
