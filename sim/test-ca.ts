import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { addDays } from './dates.ts';
import { pkcs7FromPems } from './pkcs7.ts';

/**
 * The simulator's test certificate authority: a root and an intermediate made at start, and
 * leaf certificates signed by the intermediate on demand.
 *
 * ECDSA P-256 keeps start-up and signing fast; every leaf shares one key pair because generating
 * a key per leaf would make a 10,000-certificate account slow, and nobody uses these keys.
 */

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface LeafRequest {
  readonly serial: number;
  readonly hostName: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface TestCa {
  readonly rootPem: string;
  readonly intermediatePem: string;
  /** PEM of a leaf for the host (wildcards included), signed by the intermediate. */
  issueLeaf(request: LeafRequest): Promise<string>;
  /** A PKCS#7 (p7b, PEM armoured) holding the leaf and the intermediate. */
  pkcs7(leafPem: string): string;
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** Makes the root and intermediate; `today` anchors their validity around the account's dates. */
export async function createTestCa(today: Date): Promise<TestCa> {
  const [rootKeys, intermediateKeys, leafKeys] = await Promise.all([generateKeys(), generateKeys(), generateKeys()]);
  const rootName = 'CN=Wvphost Simulator Test Root CA, O=Wvphost Simulator, C=US';
  const intermediateName = 'CN=Wvphost Simulator Test Intermediate CA, O=Wvphost Simulator, C=US';
  const caNotBefore = addDays(today, -15 * 365);
  const caNotAfter = addDays(today, 25 * 365);

  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: rootName,
    notBefore: caNotBefore,
    notAfter: caNotAfter,
    keys: rootKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const intermediate = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: intermediateName,
    issuer: rootName,
    notBefore: caNotBefore,
    notAfter: addDays(caNotAfter, -1),
    publicKey: intermediateKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(intermediateKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const leafSki = await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey);
  const leafAki = await x509.AuthorityKeyIdentifierExtension.create(intermediateKeys.publicKey);
  const intermediatePem = intermediate.toString('pem');

  return {
    rootPem: root.toString('pem'),
    intermediatePem,
    async issueLeaf(request: LeafRequest): Promise<string> {
      const altNames: { type: 'dns'; value: string }[] = [{ type: 'dns', value: request.hostName }];
      // Like real CAs: a wildcard also covers its bare domain, www.host also covers host.
      if (request.hostName.startsWith('*.')) altNames.push({ type: 'dns', value: request.hostName.slice(2) });
      else if (request.hostName.startsWith('www.')) altNames.push({ type: 'dns', value: request.hostName.slice(4) });
      const leaf = await x509.X509CertificateGenerator.create({
        serialNumber: request.serial
          .toString(16)
          .padStart(8, '0')
          .replace(/^[89a-f]/, (d) => `0${d}`),
        subject: `CN=${request.hostName}`,
        issuer: intermediateName,
        notBefore: request.notBefore,
        notAfter: request.notAfter,
        publicKey: leafKeys.publicKey,
        signingKey: intermediateKeys.privateKey,
        signingAlgorithm: ALGORITHM,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
          new x509.SubjectAlternativeNameExtension(altNames),
          leafSki,
          leafAki,
        ],
      });
      return leaf.toString('pem');
    },
    pkcs7(leafPem: string): string {
      return pkcs7FromPems([leafPem, intermediatePem]);
    },
  };
}
