/**
 * Client authentication at Keycloak's OAuth endpoints (token, introspection, logout, device): the form
 * fields and headers each method adds. Keycloak's authenticators accept all four; python-keycloak only
 * posts `client_secret`, which stays the default.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { ResolvedOpenIDOptions } from './options.js';

/** What a call adds to prove the client's identity. */
export interface ClientCredentials {
  readonly form: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Short lifetime: Keycloak refuses replayed `jti`s only while the assertion lives. */
const ASSERTION_LIFETIME_SECONDS = 60;

/**
 * The credentials of one call. `audience` is asked for only by the JWT methods, so a public or
 * secret-based client never fetches discovery to authenticate.
 */
export async function clientCredentials(
  options: ResolvedOpenIDOptions,
  audience: () => Promise<string>,
): Promise<ClientCredentials> {
  const { clientId, clientSecretKey } = options;
  switch (options.clientAuthMethod) {
    case 'none':
      return { form: { client_id: clientId }, headers: {} };
    case 'client_secret_post':
      return { form: { client_id: clientId, client_secret: clientSecretKey as string }, headers: {} };
    case 'client_secret_basic':
      return { form: {}, headers: { authorization: basicAuthorization(clientId, clientSecretKey as string) } };
    case 'client_secret_jwt':
    case 'private_key_jwt':
      return {
        form: {
          client_id: clientId,
          client_assertion_type: ASSERTION_TYPE,
          client_assertion: await signAssertion(options, await audience()),
        },
        headers: {},
      };
  }
}

/** RFC 6749 2.3.1: both parts are form-urlencoded before base64, so a `:` in the id cannot split wrongly. */
export function basicAuthorization(id: string, secret: string): string {
  const encode = (text: string): string => encodeURIComponent(text).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`;
}

async function signAssertion(options: ResolvedOpenIDOptions, audience: string): Promise<string> {
  const now = Math.floor(options.now() / 1000);
  const key =
    options.clientAuthMethod === 'private_key_jwt'
      ? options.privateKey
      : new TextEncoder().encode(options.clientSecretKey);
  const header = {
    alg: options.signingAlgorithm,
    typ: 'JWT',
    ...(options.privateKeyId === undefined ? {} : { kid: options.privateKeyId }),
  };
  return new SignJWT({})
    .setProtectedHeader(header)
    .setIssuer(options.clientId)
    .setSubject(options.clientId)
    .setAudience(audience)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_LIFETIME_SECONDS)
    .sign(key as NonNullable<typeof key>);
}
