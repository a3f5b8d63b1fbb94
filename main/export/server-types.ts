import type { ServerType } from '../../preload/api.ts';
import { SERVER_TYPES } from '../../preload/api.ts';
import type { CertificateReturnType } from '../wvphost/types.ts';
import { assertNever } from '../domain/service.ts';

/**
 * What one offered web server type means for Wvphost and for the downloaded files.
 *
 * `webServerType` and `code` are wvphost-api.md §6 (the value reissue/activate send as
 * `WebServerType`); `layout` and `fullChain` are the download convention of the same section.
 */
export interface ServerTypeInfo {
  readonly id: ServerType;
  /** Shown in menus and messages. */
  readonly label: string;
  /** The API value of `WebServerType`. */
  readonly webServerType: string;
  /** The numeric code Wvphost's documentation pairs with `webServerType`. */
  readonly code: number;
  /** What getInfo is asked for (`Returntype`). */
  readonly returnType: CertificateReturnType;
  /** `p7b`: one `<CN>.p7b` file; `zip`: `<CN>.zip` with `.crt`, `.ca-bundle` (and `.fullchain.crt`). */
  readonly layout: 'p7b' | 'zip';
  /** Whether the zip also holds `<CN>.fullchain.crt` (leaf then chain), as Nginx expects. */
  readonly fullChain: boolean;
}

/**
 * The facts of one server type.
 *
 * Apache maps to 1002 `apachessl` (Apache with mod_ssl/OpenSSL, the common case); Nginx has no
 * own code and uses 1000 `other`, but gets the extra full-chain file.
 */
export function serverTypeInfo(serverType: ServerType): ServerTypeInfo {
  switch (serverType) {
    case 'apache':
      return zipType(serverType, 'Apache', 'apachessl', 1002, false);
    case 'nginx':
      return zipType(serverType, 'Nginx', 'other', 1000, true);
    case 'iis':
      return {
        id: serverType,
        label: 'Microsoft IIS',
        webServerType: 'iis5',
        code: 1014,
        returnType: 'PKCS7',
        layout: 'p7b',
        fullChain: false,
      };
    case 'tomcat':
      return zipType(serverType, 'Tomcat', 'tomcat', 1024, false);
    case 'cpanel':
      return zipType(serverType, 'cPanel', 'cpanel', 1031, false);
    case 'plesk':
      return zipType(serverType, 'Plesk', 'plesk', 1030, false);
    case 'other':
      return zipType(serverType, 'Other', 'other', 1000, false);
    default:
      return assertNever(serverType);
  }
}

function zipType(id: ServerType, label: string, webServerType: string, code: number, fullChain: boolean): ServerTypeInfo {
  return { id, label, webServerType, code, returnType: 'Individual', layout: 'zip', fullChain };
}

/** Every offered server type with its facts, in the order menus show them. */
export const SERVER_TYPE_INFOS: readonly ServerTypeInfo[] = SERVER_TYPES.map(serverTypeInfo);

/**
 * Reads a server type typed by a person (`nginx`, `IIS`, `Apache`).
 *
 * Returns null for anything else, so the caller can list the valid names.
 */
export function parseServerType(text: string): ServerType | null {
  const wanted = text.trim().toLowerCase();
  return SERVER_TYPES.find((type) => type === wanted) ?? null;
}

