import { TokenIntrospector, TokenVerifier } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidTokenError, reasonOf } from './support/expect-invalid.js';

// The same verifier against the team's in-memory Keycloak: real token endpoint, real JWKS (with its
// RSA-OAEP `enc` key), real introspection. Fetches are counted by the server.

let kc: KeycloakTestServer;
let issuer: string;

const realm: RealmRepresentation = {
  realm: 'shop',
  enabled: true,
  roles: { realm: [{ name: 'user' }] },
  clients: [
    {
      clientId: 'orders-api',
      secret: 'orders-secret',
      publicClient: false,
      directAccessGrantsEnabled: true,
      enabled: true,
      // The API introspects its own tokens, which Keycloak 26.6.2+ answers only to a client in their aud.
      protocolMappers: [
        {
          name: 'orders-api-audience',
          protocol: 'openid-connect',
          protocolMapper: 'oidc-audience-mapper',
          config: { 'included.client.audience': 'orders-api', 'access.token.claim': 'true' },
        },
      ],
    },
  ],
  users: [
    {
      username: 'alice',
      enabled: true,
      email: 'alice@example.com',
      firstName: 'Alice',
      lastName: 'Liddell',
      credentials: [{ type: 'password', value: 'alice', temporary: false }],
      realmRoles: ['user'],
    },
  ],
};

beforeAll(async () => {
  kc = await startKeycloak({ realms: [realm] });
  issuer = `${kc.url}/realms/shop`;
});
afterAll(() => kc.close());

async function passwordGrant(): Promise<{ access_token: string; refresh_token: string }> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'orders-api',
      client_secret: 'orders-secret',
      username: 'alice',
      password: 'alice',
      scope: 'openid',
    }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; refresh_token: string };
}

describe('against @keycloak-ts/testing', () => {
  it('verifies an access token from the token endpoint with one JWKS fetch', async () => {
    const { access_token } = await passwordGrant();
    const before = kc.counters.get('certs');
    const verifier = new TokenVerifier({ issuer, tokenCache: false });
    const verified = await verifier.verify(access_token);
    await verifier.verify(access_token);
    expect(verified.claims.preferred_username).toBe('alice');
    expect(verified.claims.azp).toBe('orders-api');
    expect(verified.hasRealmRole('user')).toBe(true);
    expect(kc.counters.get('certs') - before).toBe(1);
  });

  it('refuses the refresh token (HS512, typ Refresh) as a wrong token type that only Keycloak can check', async () => {
    const { refresh_token } = await passwordGrant();
    for (const verifier of [
      new TokenVerifier({ issuer }),
      new TokenVerifier({ issuer, tokenType: ['Bearer', 'ID'], clientId: 'orders-api' }),
    ]) {
      const error = await invalidTokenError(verifier.verify(refresh_token));
      expect(error.reason).toBe('wrong_token_type');
      expect(error.message).toBe(
        'The token is a refresh token: only Keycloak can check it (introspection or a refresh grant)',
      );
    }
  });

  it('introspects an access token once for concurrent callers', async () => {
    const { access_token } = await passwordGrant();
    const before = kc.counters.get('introspect');
    const introspector = new TokenIntrospector({ issuer, clientId: 'orders-api', clientSecret: 'orders-secret' });
    const results = await Promise.all(Array.from({ length: 20 }, () => introspector.introspect(access_token)));
    expect(results[0]?.claims.active).toBe(true);
    expect(results[0]?.claims.username).toBe('alice');
    expect(kc.counters.get('introspect') - before).toBe(1);
  });

  it('reports an unknown token as revoked by introspection', async () => {
    const introspector = new TokenIntrospector({ issuer, clientId: 'orders-api', clientSecret: 'orders-secret' });
    expect(await reasonOf(introspector.introspect('not-a-token-keycloak-knows'))).toBe('revoked');
  });
});
