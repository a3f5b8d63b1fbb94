import type { EventChannels, InvokeChannel, ReplyOf, RequestOf, ServerType } from '../../preload/api.ts';

/**
 * The environment-free side of the contract: one async function per invoke channel.
 *
 * `createAppCore` (main/ipc/app-core.ts) builds these from the real core; main/shell registers them
 * with ipcMain through the typed wrapper, and the end-to-end tests bridge them into Chromium.
 */
export type Handlers = { readonly [C in InvokeChannel]: (request: RequestOf<C>) => Promise<ReplyOf<C>> };

/** What only the desktop shell can do; the tests hand in scripted implementations. */
export interface ShellServices {
  /** A save dialog; null when cancelled. */
  chooseSavePath(options: {
    readonly defaultName: string;
    readonly filters: readonly { readonly name: string; readonly extensions: readonly string[] }[];
  }): Promise<string | null>;
  /** Asked before replacing an existing file. */
  confirmOverwrite(path: string): Promise<boolean>;
  /** An open dialog for a CSR file; returns its text, or null when cancelled. */
  openCsrFile(): Promise<string | null>;
  writeClipboard(text: string): Promise<void>;
  /** A desktop notification. */
  notify(title: string, body: string): void;
}

export type EmitEvent = <E extends keyof EventChannels>(channel: E, payload: EventChannels[E]) => void;

export type { ServerType };
