import fs from 'node:fs';
import path from 'node:path';
import type { EnvironmentId } from '../domain/service.ts';
import type { CertificateMaterial, CertificateReturnType } from '../wvphost/types.ts';
import { writeFileAtomicSync } from './atomic-write.ts';
import { materialFolder } from './store-options.ts';
import type { MaterialStore } from './types.ts';

const RETURN_TYPES: readonly CertificateReturnType[] = ['Individual', 'PKCS7'];

/**
 * Certificate files under certificates/<env>/<id>.<individual|pkcs7>.json, one small file each.
 *
 * One file per certificate and format (not one big file) so that fetching one certificate never
 * rewrites the others, and an exported certificate can be exported again offline.
 */
export class FileMaterialStore implements MaterialStore {
  constructor(
    private readonly dataDir: string,
    private readonly warnings: string[],
  ) {}

  get(environment: EnvironmentId, certificateId: number, returnType: CertificateReturnType): CertificateMaterial | null {
    const filePath = this.filePath(environment, certificateId, returnType);
    let text: string;
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch {
      return null;
    }
    try {
      const value = JSON.parse(text) as Partial<CertificateMaterial>;
      if (
        value.returnType !== returnType ||
        typeof value.certificate !== 'string' ||
        !Array.isArray(value.caCertificates) ||
        !value.caCertificates.every((pem) => typeof pem === 'string')
      ) {
        throw new Error('unexpected content');
      }
      return { returnType, certificate: value.certificate, caCertificates: value.caCertificates };
    } catch (error) {
      // A damaged copy is only a cache of what Wvphost holds: drop it so it is fetched again.
      fs.rmSync(filePath, { force: true });
      const why = error instanceof Error ? error.message : String(error);
      this.warnings.push(`The cached certificate file ${path.basename(filePath)} was damaged (${why}) and was removed; it will be downloaded again.`);
      return null;
    }
  }

  put(environment: EnvironmentId, certificateId: number, material: CertificateMaterial): void {
    const value: CertificateMaterial = {
      returnType: material.returnType,
      certificate: material.certificate,
      caCertificates: [...material.caCertificates],
    };
    writeFileAtomicSync(this.filePath(environment, certificateId, material.returnType), JSON.stringify(value));
  }

  has(environment: EnvironmentId, certificateId: number): boolean {
    return RETURN_TYPES.some((returnType) => fs.existsSync(this.filePath(environment, certificateId, returnType)));
  }

  private filePath(environment: EnvironmentId, certificateId: number, returnType: CertificateReturnType): string {
    if (!Number.isSafeInteger(certificateId) || certificateId < 0) throw new Error(`Not a certificate ID: ${certificateId}`);
    return path.join(this.dataDir, materialFolder(environment), `${certificateId}.${returnType.toLowerCase()}.json`);
  }
}
