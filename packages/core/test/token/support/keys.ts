import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** A signing key of the test realm: its private half signs, its public JWK goes into the JWKS. */
export interface TestKey {
  kid: string;
  alg: 'RS256' | 'ES256' | 'PS256';
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public JWK as Keycloak publishes it (kid, kty, alg, use: sig). */
  jwk: Record<string, unknown>;
}

/** Generates a key like Keycloak's `rsa-generated` (2048 bits) or an EC P-256 key. */
export function generateTestKey(
  alg: TestKey['alg'] = 'RS256',
  kid = `kid-${alg}-${Math.random().toString(36).slice(2, 10)}`,
): TestKey {
  const pair =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
  return { kid, alg, privateKey: pair.privateKey, publicKey: pair.publicKey, jwk };
}

/**
 * Signs `headerText.payloadText` as given, byte for byte, so tests can build tokens no JWT library
 * would produce (1e309 exp, duplicate keys, Keycloak's hand-written header text).
 */
export function signRaw(headerText: string, payloadText: string, key: TestKey): string {
  const input = `${b64(headerText)}.${b64(payloadText)}`;
  const data = Buffer.from(input);
  const signature =
    key.alg === 'ES256'
      ? sign('sha256', data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
      : key.alg === 'PS256'
        ? sign('sha256', data, { key: key.privateKey, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 })
        : sign('sha256', data, key.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

/** base64url of a UTF-8 string. */
export function b64(text: string): string {
  return Buffer.from(text).toString('base64url');
}
