import { createHash, createPublicKey, X509Certificate, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { ProtectedHeaderParameters } from 'jose';
import { pemToDer, publicKeyOfPem } from '../../keys/pem.js';
import type { ClientModel } from '../../model/types.js';

/** How long the server waits for a client's `jwks.url`, in milliseconds (Keycloak's HTTP client default is close). */
export const JWKS_FETCH_TIMEOUT_MS = 5000;

const KTY_BY_ALG_PREFIX: Record<string, string> = { RS: 'RSA', PS: 'RSA', ES: 'EC', Ed: 'OKP' };

function ktyFor(alg: string): string | undefined {
  return KTY_BY_ALG_PREFIX[alg.slice(0, 2)];
}

function isJwk(value: unknown): value is JsonWebKey & { kid?: string; use?: string; alg?: string } {
  return typeof value === 'object' && value !== null && typeof (value as { kty?: unknown }).kty === 'string';
}

function keysOf(jwks: unknown): JsonWebKey[] {
  const keys = typeof jwks === 'object' && jwks !== null ? (jwks as { keys?: unknown }).keys : undefined;
  return Array.isArray(keys) ? keys.filter(isJwk) : [];
}

/** JWKSUtils.getKeyWrappersForUse(SIG) then a lookup by kid, or by algorithm family when the header has no kid. */
function pickJwk(keys: JsonWebKey[], header: ProtectedHeaderParameters): KeyObject | undefined {
  const alg = String(header.alg ?? '');
  const usable = keys.filter(
    (k) =>
      (k['use'] === undefined || k['use'] === 'sig') &&
      k.kty === ktyFor(alg) &&
      (k['alg'] === undefined || k['alg'] === alg),
  );
  const found = header.kid === undefined ? usable[0] : usable.find((k) => k['kid'] === header.kid);
  return found ? createPublicKey({ key: found, format: 'jwk' }) : undefined;
}

async function fetchJwks(url: string | undefined): Promise<unknown> {
  if (!url) return undefined;
  const response = await fetch(url, {
    signal: AbortSignal.timeout(JWKS_FETCH_TIMEOUT_MS),
    headers: { accept: 'application/json' },
  });
  if (!response.ok) return undefined;
  return response.json();
}

/** KeyUtils.createKeyId: base64url(SHA-256(SubjectPublicKeyInfo)), the kid Keycloak gives a certificate's key. */
export function certificateKeyId(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('base64url');
}

/**
 * ClientPublicKeyLoader.getSignatureValidationKey: the key of `jwt.credential.certificate` or, without one, of
 * `jwt.credential.public.key` (both set is a misconfiguration). Its kid is `jwt.credential.kid` when stored, else
 * the one KeyUtils.createKeyId derives; a header kid must match it.
 */
function storedKey(attributes: Record<string, string>, header: ProtectedHeaderParameters): KeyObject | undefined {
  const certificate = attributes['jwt.credential.certificate'];
  const publicKey = attributes['jwt.credential.public.key'];
  if (certificate && publicKey) return undefined;
  let key: KeyObject;
  if (certificate)
    key = new X509Certificate(certificate.includes('-----BEGIN') ? certificate : pemToDer(certificate)).publicKey;
  else if (publicKey) key = publicKeyOfPem(publicKey);
  else return undefined;
  const kid = attributes['jwt.credential.kid'] ?? certificateKeyId(key);
  return header.kid === undefined || header.kid === kid ? key : undefined;
}

/**
 * The public key a `client-jwt` client signs with, as ClientPublicKeyLoader finds it: the JWKS at `jwks.url` when
 * `use.jwks.url` is "true", else `jwks.string` when `use.jwks.string` is "true", else the certificate in
 * `jwt.credential.certificate` or `jwt.credential.public.key`. Undefined when none fits (Keycloak: "Unable to load public key").
 */
export async function clientVerificationKey(
  client: ClientModel,
  header: ProtectedHeaderParameters,
): Promise<KeyObject | undefined> {
  const attributes = client.attributes;
  try {
    if (attributes['use.jwks.url'] === 'true') return pickJwk(keysOf(await fetchJwks(attributes['jwks.url'])), header);
    if (attributes['use.jwks.string'] === 'true')
      return pickJwk(keysOf(JSON.parse(attributes['jwks.string'] ?? '{}')), header);
    return storedKey(attributes, header);
  } catch {
    // An unreachable URL, bad JSON or a broken certificate all leave the client without a usable key.
    return undefined;
  }
}
