/**
 * A failure raised by the app core itself, already in the renderer's terms.
 *
 * The dispatcher passes `code`, the message and `detail` through unchanged (after scrubbing), so
 * handlers throw these for conditions such as "no environment chosen yet" or "no such service".
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
