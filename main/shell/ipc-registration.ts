/**
 * Registers every contract channel with ipcMain behind the sender check.
 *
 * The dispatcher (main/ipc/dispatch.ts) validates the argument and maps errors; this wrapper adds
 * what only Electron knows: that the message comes from our own window's top frame, showing our
 * own page. Anything else gets a `forbidden-sender` result and never reaches the core.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { INVOKE_CHANNELS, type ApiResult } from '../../preload/api.ts';
import type { Dispatcher } from '../ipc/dispatch.ts';
import { isAppUrl } from './security-policy.ts';

export interface SenderPolicy {
  /** The web contents of our one window, or null before it exists / after it closed. */
  readonly trustedContents: () => WebContents | null;
  readonly devServerUrl: string | null;
}

/** Whether an IPC event comes from our window's main frame showing our own page. */
export function isTrustedSender(event: IpcMainInvokeEvent, policy: SenderPolicy): boolean {
  const trusted = policy.trustedContents();
  if (trusted === null || event.sender !== trusted) return false;
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  return isAppUrl(frame.url, policy.devServerUrl);
}

const FORBIDDEN: ApiResult<never> = {
  ok: false,
  error: {
    code: 'forbidden-sender',
    message: 'A request came from a page that is not the Wvphost Admin window, so it was refused.',
  },
};

/** `ipcMain.handle` for every invoke channel of the contract, each through the sender check. */
export function registerIpcHandlers(ipcMain: IpcMain, dispatch: Dispatcher, policy: SenderPolicy): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender(event, policy)) return FORBIDDEN;
      if (args.length > 1) {
        return {
          ok: false,
          error: { code: 'invalid-request', message: `The request "${channel}" carried extra arguments, so the app ignored it.` },
        };
      }
      return dispatch(channel, args[0]);
    });
  }
}
