/**
 * Reads the facts the sync, the exports and the actions need from a thrown Wvphost failure.
 *
 * Read by shape (`kind`, `apiMessages`) rather than `instanceof`, so that a `WvphostError`
 * reaching us through another module copy (tests, the demo's in-process simulator) still counts.
 */
import { WVPHOST_ERROR_KINDS, type WvphostErrorKind } from '../wvphost/error-kinds.ts';

const KINDS: ReadonlySet<string> = new Set(WVPHOST_ERROR_KINDS);

/** The WvphostErrorKind of a thrown value, or null when it is not a Wvphost failure. */
export function errorKindOf(error: unknown): WvphostErrorKind | null {
  if (typeof error === 'object' && error !== null && 'kind' in error) {
    const kind = (error as { kind: unknown }).kind;
    if (typeof kind === 'string' && KINDS.has(kind)) {
      return kind as WvphostErrorKind;
    }
  }
  return null;
}

/** Wvphost's own messages (without numbers) of a thrown Wvphost failure; [] otherwise. */
export function errorMessagesOf(error: unknown): readonly string[] {
  if (typeof error === 'object' && error !== null && 'apiMessages' in error) {
    const messages = (error as { apiMessages: unknown }).apiMessages;
    if (Array.isArray(messages)) {
      return messages.filter((message): message is string => typeof message === 'string');
    }
  }
  return [];
}

/** The message of anything thrown, for records and CLI output. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Failures worth offering a "Retry" for: the client already retried these, but a later try may
 * work (unlike credentials or a refused status, which need a change first).
 */
export function isWorthRetrying(kind: WvphostErrorKind | null): boolean {
  return kind === 'throttled' || kind === 'transient' || kind === 'timeout' || kind === 'unreachable' || kind === 'malformed-response';
}
