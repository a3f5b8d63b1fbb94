/**
 * Names a CSR's public key and judges whether Wvphost's CAs accept it.
 *
 * The CAs behind Wvphost issue for RSA keys of at least 2048 bits and for EC keys on P-256 or
 * P-384; anything else is refused after payment-side processing, so it is caught here first.
 */
import type { CsrCheckProblem } from '../../preload/api.ts';

export interface KeyVerdict {
  /** e.g. "RSA 2048", "EC P-256", "Ed25519". */
  readonly description: string;
  /** null when the key is acceptable. */
  readonly problem: CsrCheckProblem | null;
}

const MIN_RSA_BITS = 2048;
const ACCEPTED_CURVES = new Set(['P-256', 'P-384']);

/** Judges the `algorithm` of a @peculiar/x509 PublicKey (a WebCrypto-style algorithm object). */
export function describeKey(algorithm: Algorithm): KeyVerdict {
  const name = algorithm.name;
  if (name === 'RSASSA-PKCS1-v1_5' || name === 'RSA-OAEP' || name === 'RSA') {
    const bits = (algorithm as Partial<RsaKeyAlgorithm>).modulusLength;
    if (typeof bits !== 'number') {
      return unsupported('RSA', 'its size could not be read');
    }
    const description = `RSA ${bits}`;
    if (bits < MIN_RSA_BITS) {
      return {
        description,
        problem: {
          code: 'weak-key',
          message: `The CSR's key is ${description}, which is too weak: Wvphost needs RSA 2048 or more (or EC P-256/P-384). Make a new key and CSR.`,
        },
      };
    }
    return { description, problem: null };
  }
  if (name === 'ECDSA' || name === 'ECDH') {
    const curve = (algorithm as Partial<EcKeyAlgorithm>).namedCurve ?? 'unknown curve';
    const description = `EC ${curve}`;
    if (!ACCEPTED_CURVES.has(curve)) {
      return unsupported(description, 'only the P-256 and P-384 curves are accepted');
    }
    return { description, problem: null };
  }
  return unsupported(name, 'only RSA (2048 bits or more) and EC P-256/P-384 keys are accepted');
}

function unsupported(description: string, why: string): KeyVerdict {
  return {
    description,
    problem: {
      code: 'unsupported-key',
      message: `The CSR's key is ${description}, which Wvphost does not accept: ${why}. Make a new CSR with an RSA 2048 (or larger) or EC P-256 key.`,
    },
  };
}
