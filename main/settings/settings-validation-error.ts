/**
 * A setting the user typed is not acceptable; `field` names it so the UI can point at it.
 *
 * Thrown before anything is written: a rejected change never reaches the settings file.
 */
export class SettingsValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsValidationError';
  }
}
