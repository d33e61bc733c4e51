import { constants, verify, type KeyObject } from 'node:crypto';

const HASHES: Readonly<Record<string, string>> = { 256: 'sha256', 384: 'sha384', 512: 'sha512' };
// node's names of the curves of ES256, ES384 and ES512 (P-256, P-384, P-521).
const CURVES: Readonly<Record<string, string>> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };

/**
 * Checks a JWS signature with node's synchronous `crypto.verify` and a `KeyObject` imported once per key:
 * an RS256 check costs about a third of the CPU of jose's WebCrypto path (bench/verify.js), and the CPU a
 * token costs is what a loaded server runs out of. `alg` has passed the allow-list and the key its
 * JWK type and curve check (`entryMatches`); the key is checked again here, as node sees it, because
 * node would happily verify an RSA signature given `null` (EdDSA's digest) or a P-384 key with SHA-256.
 * An `alg` this function does not know verifies nothing.
 */
export function verifySignature(alg: string, key: KeyObject, signingInput: string, signature: string): boolean {
  if (!fits(alg, key)) return false;
  const data = Buffer.from(signingInput);
  const bytes = Buffer.from(signature, 'base64url');
  if (alg === 'EdDSA' || alg === 'Ed25519') return verify(null, data, key, bytes);
  const hash = HASHES[alg.slice(2)];
  if (hash === undefined) return false;
  if (alg.startsWith('PS')) {
    return verify(
      hash,
      data,
      { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
      bytes,
    );
  }
  // ECDSA signatures are the two coordinates side by side (RFC 7518 §3.4), not DER.
  return verify(hash, data, alg.startsWith('ES') ? { key, dsaEncoding: 'ieee-p1363' } : key, bytes);
}

/** The node key type, and for ECDSA the curve, each alg family needs. */
function fits(alg: string, key: KeyObject): boolean {
  const type = key.asymmetricKeyType;
  if (alg.startsWith('RS') || alg.startsWith('PS')) return type === 'rsa';
  if (alg.startsWith('ES')) return type === 'ec' && key.asymmetricKeyDetails?.namedCurve === CURVES[alg];
  return type === 'ed25519';
}
