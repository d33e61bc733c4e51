import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import type { KeycloakTestServer } from '@keycloak-ts/testing';
import { postForm, type FormResult } from '../support.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** An RSA key pair with its public JWK (kid set), as a client would register it. */
export function rsaClientKey(kid: string): {
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: Record<string, unknown>;
} {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

/** What to sign: claims to add or remove (`undefined` drops a default) and header fields. */
export interface AssertionOptions {
  alg?: string;
  kid?: string;
  claims?: Record<string, unknown>;
}

/**
 * A client assertion as client libraries build it: iss = sub = clientId, aud = the realm issuer, a fresh jti,
 * iat now and exp 30 s ahead on the server clock.
 */
export async function signAssertion(
  kc: KeycloakTestServer,
  clientId: string,
  key: KeyObject | Uint8Array,
  options: AssertionOptions = {},
): Promise<string> {
  const now = Math.floor(kc.clock.now() / 1000);
  const defaults: JWTPayload = {
    iss: clientId,
    sub: clientId,
    aud: `${kc.url}/realms/jwt`,
    jti: randomUUID(),
    iat: now,
    exp: now + 30,
  };
  const payload: Record<string, unknown> = { ...defaults, ...options.claims };
  for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
  const header = { alg: options.alg ?? 'RS256', ...(options.kid !== undefined ? { kid: options.kid } : {}) };
  return new SignJWT(payload as JWTPayload).setProtectedHeader(header).sign(key);
}

/** POSTs client_credentials (or another form) authenticated by an assertion. */
export function postWithAssertion(
  url: string,
  assertion: string,
  form: Record<string, string> = { grant_type: 'client_credentials' },
): Promise<FormResult> {
  return postForm(url, { ...form, client_assertion_type: JWT_BEARER, client_assertion: assertion });
}
