import { describe, expect, it } from 'vitest';
import { KeychainUnavailableError, isKeychainUnavailable } from '../../main/secrets/keychain-unavailable-error.ts';

describe('keychain failure translation', () => {
  it.each([
    'Cannot autolaunch D-Bus without X11 $DISPLAY',
    'Could not connect: No such file or directory',
    'The name org.freedesktop.secrets was not provided by any .service files',
    "Object does not exist at path “/org/freedesktop/secrets/collection/login”",
    'Cannot create an item in a locked collection',
    'GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name is not activatable',
  ])('treats "%s" as "no usable keychain"', (message) => {
    expect(isKeychainUnavailable(new Error(message))).toBe(true);
  });

  it('does not mistake other failures for a missing keychain', () => {
    expect(isKeychainUnavailable(new Error('Password is required.'))).toBe(false);
    expect(isKeychainUnavailable(new TypeError('Cannot read properties of undefined'))).toBe(false);
  });

  it('keeps the underlying reason and adds the fix for the platform', () => {
    const cause = new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    const error = new KeychainUnavailableError(cause.message, cause, 'linux');
    expect(error.name).toBe('KeychainUnavailableError');
    expect(error.cause).toBe(cause);
    expect(error.message).toBe(
      'The OS keychain is not available (Cannot autolaunch D-Bus without X11 $DISPLAY). On Linux the API key is kept by a Secret Service: install and start one, e.g. `sudo apt-get install gnome-keyring` (or KeePassXC with Secret Service enabled), and run the app inside a desktop session; on a headless machine run it under `dbus-run-session` with `gnome-keyring-daemon --unlock --components=secrets` started first.',
    );
  });
});
