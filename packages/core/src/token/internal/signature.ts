import { constants, verify, type KeyObject } from 'node:crypto';

const HASHES: Readonly<Record<string, string>> = { 256: 'sha256', 384: 'sha384', 512: 'sha512' };
// ECDSA signatures are the two coordinates side by side (RFC 7518 §3.4), each the curve's size.
const EC_SIGNATURE_BYTES: Readonly<Record<string, number>> = { ES256: 64, ES384: 96, ES512: 132 };

/**
 * Checks a JWS signature with node's synchronous `crypto.verify` and a `KeyObject` imported once per key:
 * an RS256 check costs about a third of the CPU of jose's WebCrypto path (bench/verify.js), and the CPU a
 * token costs is what a loaded server runs out of. `alg` has passed the allow-list and the key its
 * type and curve check (`entryMatches`); an `alg` this function does not know verifies nothing.
 */
export function verifySignature(alg: string, key: KeyObject, signingInput: string, signature: string): boolean {
  const data = Buffer.from(signingInput, 'latin1');
  const bytes = Buffer.from(signature, 'base64url');
  try {
    if (alg === 'EdDSA' || alg === 'Ed25519') return verify(null, data, key, bytes);
    const hash = HASHES[alg.slice(2)];
    if (hash === undefined) return false;
    if (alg.startsWith('RS')) return verify(hash, data, key, bytes);
    if (alg.startsWith('PS')) {
      return verify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, bytes);
    }
    if (alg.startsWith('ES')) return bytes.length === EC_SIGNATURE_BYTES[alg] && verify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, bytes);
    return false;
  } catch {
    // A key node cannot use this way (say, an EC key handed an RSA padding): no signature of it verifies.
    return false;
  }
}
