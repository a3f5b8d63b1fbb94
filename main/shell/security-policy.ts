/**
 * The security rules of the window, in one place: origin, CSP, external-link allow-list, senders.
 *
 * Pure functions (no Electron calls) so the rules are tested directly; window.ts, app-protocol.ts
 * and ipc-registration.ts apply them.
 */

/** The custom scheme that serves the built renderer in production (never `file://`). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wvphost';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The Content-Security-Policy of every renderer response.
 *
 * `default-src 'self'` with nothing relaxed: the renderer is bundled, has no inline scripts or
 * styles, and never talks to the network (all data comes through the preload bridge).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Hosts `shell.openExternal` may open (https only): the provider's own pages. */
export const EXTERNAL_HOST_ALLOW_LIST: readonly string[] = ['www.wvphost.com', 'wvphost.com', 'support.wvphost.com'];

/** Whether a link may be handed to the OS browser. Anything else is dropped silently. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    EXTERNAL_HOST_ALLOW_LIST.includes(parsed.hostname)
  );
}

/**
 * Whether `url` belongs to the app's own renderer.
 *
 * Production: `app://wvphost/...`. Development: the electron-vite dev server's origin, passed in by
 * the caller only when the app is not packaged.
 */
export function isAppUrl(url: string, devServerUrl: string | null = null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true;
  if (devServerUrl === null) return false;
  try {
    return parsed.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}
