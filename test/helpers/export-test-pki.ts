import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A root, an intermediate and leaves made by openssl, for export tests that need real chains. */
export interface TestPki {
  readonly rootPem: string;
  readonly intermediatePem: string;
  /** A leaf for `commonName`, signed by the intermediate. */
  leaf(commonName: string): string;
  /** The intermediate + root packed by `openssl crl2pkcs7` around a leaf, as a PEM PKCS7 block. */
  pkcs7(leafPem: string): string;
  dispose(): void;
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'export-pki-'));
  const file = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', file('root.key'), '-out', file('root.pem'), '-subj', '/CN=Export Test Root', '-days', '30', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', file('int.key'), '-out', file('int.csr'), '-subj', '/CN=Export Test Intermediate');
  writeFileSync(file('int.ext'), 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n');
  openssl('x509', '-req', '-in', file('int.csr'), '-CA', file('root.pem'), '-CAkey', file('root.key'), '-CAcreateserial', '-out', file('int.pem'), '-days', '30', '-extfile', file('int.ext'));
  let serial = 0;
  return {
    rootPem: readFileSync(file('root.pem'), 'utf8'),
    intermediatePem: readFileSync(file('int.pem'), 'utf8'),
    leaf(commonName) {
      serial += 1;
      const name = `leaf-${serial}`;
      openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', `/CN=${commonName}`);
      writeFileSync(file(`${name}.ext`), `basicConstraints=CA:FALSE\nsubjectAltName=DNS:${commonName}\n`);
      openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file('int.pem'), '-CAkey', file('int.key'), '-CAcreateserial', '-out', file(`${name}.pem`), '-days', '10', '-extfile', file(`${name}.ext`));
      return readFileSync(file(`${name}.pem`), 'utf8');
    },
    pkcs7(leafPem) {
      serial += 1;
      writeFileSync(file(`p7-${serial}.pem`), leafPem);
      openssl('crl2pkcs7', '-nocrl', '-certfile', file(`p7-${serial}.pem`), '-certfile', file('int.pem'), '-out', file(`p7-${serial}.p7b`));
      return readFileSync(file(`p7-${serial}.p7b`), 'utf8');
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
