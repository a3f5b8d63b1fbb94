/**
 * Turns anything a handler throws into the `ApiErrorPayload` the renderer shows as it is.
 *
 * The core's error classes are recognised by their `name` and fields rather than `instanceof`,
 * so that a copy of a class loaded twice (bundled main vs. tests) still maps, and so that this
 * file does not pull every module of the core into the dispatcher. Every message is scrubbed:
 * known secrets are replaced, `ApiKey=` query parameters are cut, and nothing but the error's own
 * message (never a request body or an HTTP config) is ever read.
 */
import type { ApiErrorPayload } from '../../preload/api.ts';
import { WVPHOST_ERROR_KINDS, type WvphostErrorKind } from '../wvphost/error-kinds.ts';

const REDACTED = '[redacted]';
/** Secrets shorter than this are not scrubbed by value (they would mangle ordinary words). */
const MIN_SECRET_LENGTH = 6;
/** Long enough for any sentence we write; cuts off dumps (e.g. a whole XML body) in foreign errors. */
const MAX_MESSAGE_LENGTH = 600;

/** Replaces known secrets and anything shaped like an API key parameter. */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) scrubbed = scrubbed.split(secret).join(REDACTED);
  }
  return scrubbed
    .replace(/(api_?key["']?\s*[=:]\s*["']?)[^&\s"',;]+/gi, `$1${REDACTED}`)
    .replace(/(password["']?\s*[=:]\s*["']?)[^&\s"',;]+/gi, `$1${REDACTED}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isWvphostErrorKind(value: unknown): value is WvphostErrorKind {
  return typeof value === 'string' && (WVPHOST_ERROR_KINDS as readonly string[]).includes(value);
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (isRecord(error) && typeof error['message'] === 'string') return error['message'];
  return typeof error === 'string' ? error : 'An unexpected error occurred.';
}

function stringField(error: Record<string, unknown>, field: string): string | undefined {
  const value = error[field];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A kebab-case code of our own (`not-found`, `target-exists`), as opposed to Node's `ENOENT`. */
function isOwnCode(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(value);
}

function unscrubbed(error: unknown): ApiErrorPayload {
  const message = errorMessage(error);
  if (!isRecord(error)) return { code: 'internal', message };
  const name = typeof error['name'] === 'string' ? error['name'] : '';

  if (name === 'WvphostError' && isWvphostErrorKind(error['kind'])) {
    const apiMessages = Array.isArray(error['apiMessages']) ? error['apiMessages'].filter((m) => typeof m === 'string') : [];
    const detail = stringField(error, 'detail') ?? stringField(error, 'clientIp') ?? (apiMessages.length > 0 ? apiMessages.join(' ') : undefined);
    return detail === undefined ? { code: error['kind'], message } : { code: error['kind'], message, detail };
  }
  if (name === 'SettingsValidationError') {
    const field = stringField(error, 'field') ?? stringField(error, 'path');
    return field === undefined ? { code: 'invalid-setting', message } : { code: 'invalid-setting', message, detail: field };
  }
  if (name === 'KeychainUnavailableError') return { code: 'keychain-unavailable', message };
  // A pasted text that is not a CSR at all (a certificate, a private key, garbage).
  if (name === 'CsrTextError') return { code: 'csr-unreadable', message };
  if (name === 'AbortError') return { code: 'cancelled', message: 'The operation was cancelled.' };

  // AppError, ExportError, CsrCheckError, action errors: a kebab-case code of their own.
  const code = error['code'];
  if (isOwnCode(code)) {
    const detail = stringField(error, 'detail') ?? stringField(error, 'field');
    return detail === undefined ? { code, message } : { code, message, detail };
  }
  // A full disk is fixed by freeing space, not by checking permissions: say so (settings, cache, files).
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return {
      code: 'disk-full',
      message: `The disk is full, so the change could not be saved (${message}). Free some space, then try again; what was saved before is unchanged.`,
      detail: code,
    };
  }
  // Node file-system errors (ENOENT, EACCES...) from exports and dialogs.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return { code: 'file-error', message: `The file could not be read or written (${message}). Check the folder and its permissions, then try again.`, detail: code };
  }
  return { code: 'internal', message: `Something went wrong: ${message}` };
}

/** The payload for `error`, with `secrets` (and API-key-shaped text) removed from every string. */
export function toErrorPayload(error: unknown, secrets: Iterable<string> = []): ApiErrorPayload {
  const payload = unscrubbed(error);
  const known = [...secrets];
  const message = scrubSecrets(payload.message, known).slice(0, MAX_MESSAGE_LENGTH);
  return payload.detail === undefined
    ? { code: payload.code, message }
    : { code: payload.code, message, detail: scrubSecrets(payload.detail, known).slice(0, MAX_MESSAGE_LENGTH) };
}
