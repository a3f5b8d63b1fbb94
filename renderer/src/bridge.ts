/**
 * Typed access to `window.wvphost`, the only way the renderer reaches the main process.
 *
 * Replies arrive wrapped in `ApiResult`; `call` unwraps them and throws a `BridgeError` carrying
 * the main process' user-readable message, so components can show `error.message` as it is.
 */
import type {
  ApiErrorPayload,
  EventChannel,
  EventChannels,
  InvokeChannel,
  ReplyOf,
  RequestOf,
  WvphostBridge,
} from '../../preload/api.ts';

declare global {
  interface Window {
    readonly wvphost: WvphostBridge;
  }
}

/** A failed call, with the main process' code and sentence. */
export class BridgeError extends Error {
  readonly code: string;
  readonly detail: string | undefined;

  constructor(payload: ApiErrorPayload) {
    super(payload.message);
    this.name = 'BridgeError';
    this.code = payload.code;
    this.detail = payload.detail;
  }
}

/** Invokes a channel and returns its value, or throws a `BridgeError` with a readable message. */
export async function call<C extends InvokeChannel>(
  channel: C,
  ...args: RequestOf<C> extends void ? [] : [RequestOf<C>]
): Promise<ReplyOf<C>> {
  let result;
  try {
    result = await window.wvphost.invoke(channel, ...args);
  } catch (error) {
    // A transport failure (not an ApiResult): keep the sentence readable all the same.
    throw new BridgeError({
      code: 'bridge-failed',
      message: `The app could not reach its background process (${error instanceof Error ? error.message : String(error)}). Restart the app if this repeats.`,
    });
  }
  if (!result.ok) throw new BridgeError(result.error);
  return result.value;
}

/** Subscribes to a main → renderer event; returns the unsubscribe function. */
export function listen<E extends EventChannel>(channel: E, listener: (payload: EventChannels[E]) => void): () => void {
  return window.wvphost.on(channel, listener);
}

/** The message to show for anything thrown by `call`. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
