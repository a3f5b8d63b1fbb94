/**
 * The OS keychain cannot be reached, with a plain explanation of how to fix it.
 *
 * There is no plaintext fallback: without a keychain the app cannot keep an API key, so it says
 * so and tells the user what to install or unlock. The message never contains a secret.
 */
export class KeychainUnavailableError extends Error {
  constructor(reason: string, cause?: unknown, platform: NodeJS.Platform = process.platform) {
    super(`The OS keychain is not available (${reason}). ${howToFix(reason, platform)}`, { cause });
    this.name = 'KeychainUnavailableError';
  }
}

/** What the user can do about it, per operating system. */
function howToFix(reason: string, platform: NodeJS.Platform): string {
  if (/locked/i.test(reason)) {
    return 'Unlock your login keyring (e.g. log in to the desktop session, or open "Passwords and Keys" and unlock "Login"), then try again.';
  }
  switch (platform) {
    case 'darwin':
      return 'Open "Keychain Access" and make sure your login keychain exists and is unlocked, then try again.';
    case 'win32':
      return 'Make sure the Windows "Credential Manager" service is running (services.msc), then try again.';
    default:
      return (
        'On Linux the API key is kept by a Secret Service: install and start one, e.g. ' +
        '`sudo apt-get install gnome-keyring` (or KeePassXC with Secret Service enabled), and run the app ' +
        'inside a desktop session; on a headless machine run it under `dbus-run-session` with ' +
        '`gnome-keyring-daemon --unlock --components=secrets` started first.'
      );
  }
}

/** Messages of keytar / libsecret that mean "no usable keychain", not "no such key". */
const UNAVAILABLE_PATTERNS: readonly RegExp[] = [
  /Cannot autolaunch D-Bus/i,
  /Could not connect/i,
  /org\.freedesktop\.secrets was not provided/i,
  /was not provided by any \.service files/i,
  /Object does not exist at path/i,
  /No such interface/i,
  /locked collection/i,
  /Failed to (execute|spawn) child process/i,
  /DBus\.Error/i,
  /No such secret collection/i,
  /Unable to (open|find) (the )?keychain/i,
  /User interaction is not allowed/i,
];

/** Whether a keytar failure means the keychain itself is unavailable. */
export function isKeychainUnavailable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return UNAVAILABLE_PATTERNS.some((pattern) => pattern.test(message));
}
