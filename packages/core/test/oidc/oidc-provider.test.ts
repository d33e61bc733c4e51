import { generateKeyPairSync } from 'node:crypto';
import { KeycloakAuthenticationError, KeycloakOpenID, type ClientAuthMethod } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type MountedProvider } from '../support/oidc-provider.js';

// The standard flows against an independent certified OpenID Provider, and the signed-JWT client
// authentication methods the in-memory Keycloak does not implement.

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: 'client-key-1', use: 'sig', alg: 'RS256' };
const pkcs8 = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const SECRET = 'a-client-secret-of-at-least-32-bytes!';
const grantTypes = ['client_credentials'];
const noRedirect = { redirect_uris: [], response_types: [], grant_types: grantTypes };

let op: MountedProvider;
const clients: KeycloakOpenID[] = [];

function client(
  clientId: string,
  options: Partial<ConstructorParameters<typeof KeycloakOpenID>[0]> = {},
): KeycloakOpenID {
  const oidc = new KeycloakOpenID({ serverUrl: op.url, realmName: 'demo', clientId, ...options });
  clients.push(oidc);
  return oidc;
}

beforeAll(async () => {
  op = await startOidcProvider([
    { client_id: 'post', client_secret: SECRET, token_endpoint_auth_method: 'client_secret_post', ...noRedirect },
    { client_id: 'basic', client_secret: SECRET, token_endpoint_auth_method: 'client_secret_basic', ...noRedirect },
    { client_id: 'hs-jwt', client_secret: SECRET, token_endpoint_auth_method: 'client_secret_jwt', ...noRedirect },
    { client_id: 'rs-jwt', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicJwk] }, ...noRedirect },
    {
      client_id: 'tv',
      token_endpoint_auth_method: 'none',
      redirect_uris: [],
      response_types: [],
      grant_types: ['urn:ietf:params:oauth:grant-type:device_code'],
    },
  ]);
});
afterAll(async () => {
  await Promise.all(clients.map((oidc) => oidc.close()));
  await op.close();
});

describe('KeycloakOpenID against oidc-provider', () => {
  it('reads the discovery document served under the realm prefix', async () => {
    const document = await client('post', { clientSecretKey: SECRET }).wellKnown();
    expect(document.issuer).toBe(op.issuer);
    expect(document.token_endpoint).toBe(`${op.issuer}/protocol/openid-connect/token`);
    expect(document.jwks_uri).toBe(`${op.issuer}/protocol/openid-connect/certs`);
  });

  it('introspects an opaque client_credentials token asked for with an extra resource parameter', async () => {
    const oidc = client('post', { clientSecretKey: SECRET });
    const tokens = await oidc.token('', '', {
      grantType: 'client_credentials',
      scope: 'read',
      extra: { resource: 'urn:demo:opaque' },
    });
    const introspection = await oidc.introspect(tokens.access_token);
    expect(introspection).toMatchObject({ active: true, client_id: 'post', aud: 'demo-opaque', scope: 'read' });
  });

  it('gets a client_credentials JWT and verifies it locally with one JWKS fetch', async () => {
    const oidc = client('post', { clientSecretKey: SECRET });
    const tokens = await oidc.token('', '', { grantType: 'client_credentials', scope: 'read' });
    op.hits.clear();
    const claims = await oidc.decodeToken(tokens.access_token, { audience: 'demo-api' });
    await oidc.decodeToken(tokens.access_token, { audience: 'demo-api' });
    expect(tokens.token_type).toBe('Bearer');
    expect(claims).toMatchObject({ iss: op.issuer, client_id: 'post', aud: 'demo-api' });
    expect(op.hits.get('/protocol/openid-connect/certs')).toBe(1);
  });

  it('returns the provider JWKS from certs', async () => {
    const jwks = await client('post', { clientSecretKey: SECRET }).certs();
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys.every((key) => typeof key.kty === 'string' && key.d === undefined)).toBe(true);
  });

  it('says an unknown token is inactive', async () => {
    expect(
      await client('basic', { clientSecretKey: SECRET, clientAuthMethod: 'client_secret_basic' }).introspect('nope'),
    ).toEqual({ active: false });
  });

  it('starts the device authorization grant', async () => {
    const answer = await client('tv').device({ scope: 'openid' });
    expect(answer.verification_uri).toBe(`${op.issuer}/device`);
    expect(answer.user_code).toMatch(/^[A-Z]{4}-?[A-Z]{4}$/);
    expect(typeof answer.device_code).toBe('string');
    expect(answer.expires_in).toBeGreaterThan(0);
  });

  it('registers a client with an initial access token and refuses a wrong one', async () => {
    const oidc = client('post', { clientSecretKey: SECRET });
    const created = await oidc.registerClient('initial-token', { redirect_uris: ['https://app.example/cb'] });
    expect(typeof created['client_id']).toBe('string');
    await expect(
      oidc.registerClient('wrong-token', { redirect_uris: ['https://app.example/cb'] }),
    ).rejects.toMatchObject({
      name: 'KeycloakAuthenticationError',
      status: 401,
    });
  });
});

describe('client authentication methods against oidc-provider', () => {
  const cases: [string, ClientAuthMethod, Partial<ConstructorParameters<typeof KeycloakOpenID>[0]>][] = [
    ['post', 'client_secret_post', { clientSecretKey: SECRET }],
    ['basic', 'client_secret_basic', { clientSecretKey: SECRET }],
    ['hs-jwt', 'client_secret_jwt', { clientSecretKey: SECRET }],
    ['rs-jwt', 'private_key_jwt', { privateKey: pkcs8, privateKeyId: 'client-key-1' }],
  ];

  it.each(cases)('client %s authenticates with %s', async (clientId, method, options) => {
    const tokens = await client(clientId, { ...options, clientAuthMethod: method }).token('', '', {
      grantType: 'client_credentials',
      scope: 'read',
    });
    expect(tokens.token_type).toBe('Bearer');
  });

  it('refuses an assertion signed with the wrong secret as KeycloakAuthenticationError', async () => {
    const wrong = client('hs-jwt', {
      clientSecretKey: 'another-secret-of-at-least-32-bytes!!',
      clientAuthMethod: 'client_secret_jwt',
    });
    const error: unknown = await wrong.token('', '', { grantType: 'client_credentials' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });
});
