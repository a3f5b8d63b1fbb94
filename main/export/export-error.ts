/**
 * Why an export did not produce its file.
 *
 * `exists` lets the app ask before replacing and the CLI point at `--force`; the others are
 * shown as they are.
 */
export const EXPORT_ERROR_CODES = [
  'exists', // the destination exists and overwrite was not allowed
  'unwritable', // the folder is missing, read-only, not a folder, or permission is denied
  'disk-full', // no space left (or quota exceeded) while writing
  'no-material', // the certificate has no files (not issued yet: its status says why)
  'not-fetched-offline', // the files were never downloaded and Wvphost cannot be reached now
  'not-found', // no such certificate in this environment
  'fetch-failed', // Wvphost refused or failed to return the files
  'cancelled', // the user (or an AbortSignal) stopped it
  'write-failed', // any other file system failure
] as const;
export type ExportErrorCode = (typeof EXPORT_ERROR_CODES)[number];

/** A failed export: a specific, user-readable sentence plus a code the UI and CLI can act on. */
export class ExportError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExportError';
  }
}
