import type { EnvironmentId } from '../domain/service.ts';

/**
 * An environment cannot be used yet: never signed in, or its API key is not in the keychain.
 *
 * `code` is `not-signed-in` so the UI can offer the sign-in form.
 */
export class NotSignedInError extends Error {
  readonly code = 'not-signed-in';

  constructor(
    readonly environment: EnvironmentId,
    message: string,
  ) {
    super(message);
    this.name = 'NotSignedInError';
  }
}
