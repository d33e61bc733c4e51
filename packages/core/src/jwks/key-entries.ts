import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

/** One verification key taken from a JWKS, imported lazily on first use (see {@link importEntry}). */
export interface KeyEntry {
  readonly kid: string | undefined;
  readonly alg: string | undefined;
  readonly jwk: Readonly<JWK>;
}

/** Signature algorithms a key set can ever serve. HMAC and `none` are absent on purpose. */
export const ASYMMETRIC_ALGORITHMS: ReadonlySet<string> = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]);

/** Upper bound on keys kept from one JWKS; Keycloak realms publish a handful. */
export const MAX_KEYS = 100;

const EC_CURVES: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

/**
 * Keeps the signature keys of a JWKS document: `use` absent or `sig`, `key_ops` (when given)
 * allowing `verify`, an asymmetric `kty`. Encryption keys (`use: "enc"`, Keycloak's RSA-OAEP key)
 * and symmetric keys are dropped. Returns undefined when the document is not a JWKS.
 */
export function parseKeyEntries(document: unknown): KeyEntry[] | undefined {
  // A primitive has no `keys`; only null and undefined need the optional chain.
  const keys = (document as { keys?: unknown } | null | undefined)?.keys;
  if (!Array.isArray(keys)) return undefined;
  const entries: KeyEntry[] = [];
  for (const jwk of keys) {
    if (entries.length >= MAX_KEYS) break;
    if (!isSignatureKey(jwk)) continue;
    entries.push({
      kid: typeof jwk.kid === 'string' ? jwk.kid : undefined,
      // isSignatureKey let through a string alg or none.
      alg: jwk.alg,
      jwk: Object.freeze({ ...jwk }),
    });
  }
  return entries;
}

function isSignatureKey(jwk: unknown): jwk is JWK {
  // Destructuring reads nothing from a primitive; only null and undefined cannot be destructured.
  const { kty, use, key_ops: ops, alg } = (jwk ?? {}) as Record<string, unknown>;
  if (kty !== 'RSA' && kty !== 'EC' && kty !== 'OKP') return false;
  if (use !== undefined && use !== 'sig') return false;
  if (ops !== undefined && !(Array.isArray(ops) && ops.includes('verify'))) return false;
  return alg === undefined || ASYMMETRIC_ALGORITHMS.has(alg as string);
}

/**
 * True when `entry` may verify a token whose header says `alg` and `kid`. With `advertisedOnly`, the
 * key must name `alg` itself: an algorithm accepted because the JWKS advertises it is bound to the keys
 * that advertise it.
 */
export function entryMatches(entry: KeyEntry, alg: string, kid: string | undefined, advertisedOnly = false): boolean {
  if (kid !== undefined && entry.kid !== kid) return false;
  if (entry.alg !== undefined ? entry.alg !== alg : advertisedOnly) return false;
  const { kty, crv } = entry.jwk;
  if (alg.startsWith('RS') || alg.startsWith('PS')) return kty === 'RSA';
  if (alg.startsWith('ES')) return kty === 'EC' && crv === EC_CURVES[alg];
  return kty === 'OKP' && crv === 'Ed25519';
}

// Imported keys, and null for a key that failed to import: a bad key costs one attempt.
const imported = new WeakMap<KeyEntry, KeyObject | null>();

/** The public members of each key type: a private `d`, or anything else a JWKS adds, is never imported. */
const PUBLIC_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['n', 'e'],
  EC: ['crv', 'x', 'y'],
  OKP: ['crv', 'x'],
};

/**
 * The entry's public key as a node `KeyObject`, imported once and then reused by every verification;
 * undefined if it cannot be imported. RSA keys under 2048 bits are refused, as jose refuses them
 * (RFC 7518 §3.3), and so are exponents under 3. Whether the key fits the token's `alg` is {@link entryMatches}'s question.
 */
export function importEntry(entry: KeyEntry): KeyObject | undefined {
  let key = imported.get(entry);
  if (key === undefined) {
    key = importPublicKey(entry.jwk);
    imported.set(entry, key);
  }
  return key ?? undefined;
}

function importPublicKey(jwk: Readonly<JWK>): KeyObject | null {
  const members: Record<string, unknown> = { kty: jwk.kty };
  // parseKeyEntries kept only the key types listed here.
  for (const name of PUBLIC_MEMBERS[jwk.kty as string] as readonly string[])
    members[name] = (jwk as Record<string, unknown>)[name];
  try {
    const key = createPublicKey({ key: members as JsonWebKey, format: 'jwk' });
    const { modulusLength = 0, publicExponent = 0n } = key.asymmetricKeyDetails ?? {};
    // node imports an empty `e` as exponent 0: a key nothing verifies with, so it is no key at all.
    if (key.asymmetricKeyType === 'rsa' && (modulusLength < 2048 || publicExponent < 3n)) return null;
    return key;
    // Stryker disable next-line BlockStatement: an emptied catch returns undefined, which importEntry reads as it reads null.
  } catch {
    return null;
  }
}
