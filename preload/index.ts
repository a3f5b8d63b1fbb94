/**
 * The preload script: exposes exactly the contract (preload/api.ts) as `window.wvphost`.
 *
 * Runs sandboxed with context isolation, so the page gets only these two functions, never
 * `ipcRenderer` itself. Channels outside the contract are refused here already (main refuses them
 * again), event listeners receive the payload only (never the IPC event, which would leak
 * `sender`), and every invoke resolves to an `ApiResult`, even when IPC itself fails.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  type ApiResult,
  type EventChannel,
  type EventChannels,
  type InvokeChannel,
  type WvphostBridge,
} from './api.ts';

const INVOKE: ReadonlySet<string> = new Set(INVOKE_CHANNELS);
const EVENTS: ReadonlySet<string> = new Set(EVENT_CHANNELS);

async function invoke(channel: InvokeChannel, ...args: unknown[]): Promise<ApiResult<unknown>> {
  if (typeof channel !== 'string' || !INVOKE.has(channel)) {
    return { ok: false, error: { code: 'invalid-request', message: 'The window asked for something the app does not offer.' } };
  }
  if (args.length > 1) {
    return { ok: false, error: { code: 'invalid-request', message: `The request "${channel}" takes at most one argument.` } };
  }
  try {
    return (await (args.length === 0 ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, args[0]))) as ApiResult<unknown>;
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'bridge-failed',
        message: `The app's background process did not answer (${error instanceof Error ? error.message : String(error)}). Restart the app if this repeats.`,
      },
    };
  }
}

function on<E extends EventChannel>(channel: E, listener: (payload: EventChannels[E]) => void): () => void {
  if (typeof channel !== 'string' || !EVENTS.has(channel)) throw new TypeError(`"${String(channel)}" is not an event of the app.`);
  if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
  const forward = (_event: IpcRendererEvent, payload: EventChannels[E]): void => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const bridge: WvphostBridge = { invoke: invoke as WvphostBridge['invoke'], on };

contextBridge.exposeInMainWorld('wvphost', bridge);
