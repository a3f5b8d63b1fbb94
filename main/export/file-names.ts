import { domainToASCII } from 'node:url';
import type { ServerType } from '../../preload/api.ts';
import type { EnvironmentId } from '../domain/service.ts';
import { serverTypeInfo } from './server-types.ts';

/** Longest stem we produce; leaves room for extensions and temp suffixes under the usual 255-byte limit. */
const MAX_STEM_LENGTH = 180;

/** Names Windows refuses for files whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * The `<CN>` of wvphost-api.md §6: the common name with `.` → `_` and a leading `*.` → `STAR_`.
 *
 * Internationalised names are written in their punycode (`xn--`) form, which is what the
 * certificate itself holds and what every file system accepts. Anything else unsafe in a file
 * name (slashes, colons, spaces, control characters, a stray `*`) becomes `_`, so a hostile or
 * odd host name can never escape the destination folder. An empty result falls back to
 * `certificate-<id>`.
 */
export function certificateFileStem(commonName: string, certificateId?: number): string {
  let name = commonName.trim();
  let wildcard = false;
  if (name.startsWith('*.')) {
    wildcard = true;
    name = name.slice(2);
  }
  // domainToASCII returns '' for names it cannot convert; those keep their text and get sanitised.
  if ([...name].some((char) => char.charCodeAt(0) > 0x7f)) {
    const ascii = domainToASCII(name);
    if (ascii !== '') name = ascii;
  }
  let stem = (wildcard ? 'STAR_' : '') + name.replaceAll('.', '_');
  stem = stem.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, MAX_STEM_LENGTH);
  if (/^_*$/.test(stem)) return certificateId === undefined ? 'certificate' : `certificate-${certificateId}`;
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  return stem;
}

/** `<CN>.p7b` for IIS, `<CN>.zip` for every other server type. */
export function defaultCertificateFileName(commonName: string, serverType: ServerType, certificateId?: number): string {
  const stem = certificateFileStem(commonName, certificateId);
  return serverTypeInfo(serverType).layout === 'p7b' ? `${stem}.p7b` : `${stem}.zip`;
}

/** `wvphost-services-<env>-<YYYY-MM-DD>.zip` */
export function defaultReportFileName(environment: EnvironmentId, today: string): string {
  return `wvphost-services-${environment}-${today}.zip`;
}
