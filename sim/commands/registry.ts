import { activate } from './activate.ts';
import type { CommandHandler } from './context.ts';
import { getApproverEmailList } from './get-approver-email-list.ts';
import { getInfo } from './get-info.ts';
import { getList } from './get-list.ts';
import { parseCsr } from './parse-csr.ts';
import { reissue } from './reissue.ts';
import { renew } from './renew.ts';
import { resendApproverEmail } from './resend-approver-email.ts';

/**
 * Every command of wvphost-api.md §4, by lower-cased name.
 */
export interface CommandEntry {
  /** The canonical name, as `CommandResponse @Type` spells it. */
  readonly type: string;
  readonly handler: CommandHandler;
  /** True when the command changes the account (a faulted body must not hide a change). */
  readonly mutating: boolean;
}

const ENTRIES: readonly CommandEntry[] = [
  { type: 'namecheap.ssl.getList', handler: getList, mutating: false },
  { type: 'namecheap.ssl.getInfo', handler: getInfo, mutating: false },
  { type: 'namecheap.ssl.reissue', handler: reissue, mutating: true },
  { type: 'namecheap.ssl.activate', handler: activate, mutating: true },
  { type: 'namecheap.ssl.renew', handler: renew, mutating: true },
  { type: 'namecheap.ssl.getApproverEmailList', handler: getApproverEmailList, mutating: false },
  { type: 'namecheap.ssl.parseCSR', handler: parseCsr, mutating: false },
  { type: 'namecheap.ssl.resendApproverEmail', handler: resendApproverEmail, mutating: true },
];

export const COMMANDS: ReadonlyMap<string, CommandEntry> = new Map(
  ENTRIES.map((entry) => [entry.type.toLowerCase(), entry]),
);
