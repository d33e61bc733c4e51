import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { basic, demoRealm, postForm } from '../support.js';

let kc: KeycloakTestServer;
let issuer: string;
let oidc: string;

// Keycloak 26.6.2+ answers introspection active only to a client in the token's aud: `app` introspects the
// tokens of `web` here, so an Audience mapper on `web` names it, as an admin would set it up.
const realm = {
  ...demoRealm,
  clients: demoRealm.clients?.map((client) =>
    client.clientId === 'web'
      ? {
          ...client,
          protocolMappers: [
            {
              name: 'app-audience',
              protocol: 'openid-connect',
              protocolMapper: 'oidc-audience-mapper',
              config: {
                'included.client.audience': 'app',
                'access.token.claim': 'true',
                'introspection.token.claim': 'true',
              },
            },
          ],
        }
      : client,
  ),
};

beforeAll(async () => {
  kc = await startKeycloak({ realms: [realm] });
  issuer = `${kc.url}/realms/demo`;
  oidc = `${issuer}/protocol/openid-connect`;
});
afterAll(() => kc.close());

const login = async (scope = 'openid') =>
  (
    await postForm(`${oidc}/token`, {
      grant_type: 'password',
      client_id: 'web',
      username: 'alice',
      password: 'wonder',
      scope,
    })
  ).body as Record<string, string>;

describe('discovery, certs and realm info', () => {
  it('serves the discovery document with Keycloak key order and this server as issuer', async () => {
    const doc = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc['issuer']).toBe(issuer);
    expect(doc['token_endpoint']).toBe(`${oidc}/token`);
    expect(Object.keys(doc).slice(0, 5)).toEqual([
      'issuer',
      'authorization_endpoint',
      'token_endpoint',
      'introspection_endpoint',
      'userinfo_endpoint',
    ]);
    expect(Object.keys(doc)).toHaveLength(56);
  });

  it('lists RSA keys with x5c and thumbprints in the JWKS, never the HMAC secret', async () => {
    const { keys } = (await (await fetch(`${oidc}/certs`)).json()) as { keys: Record<string, unknown>[] };
    const sig = keys.find((k) => k['use'] === 'sig');
    expect(sig).toMatchObject({ kty: 'RSA', alg: 'RS256', e: 'AQAB' });
    expect(Object.keys(sig ?? {})).toEqual(['kid', 'kty', 'alg', 'use', 'n', 'e', 'x5c', 'x5t', 'x5t#S256']);
    expect(keys.find((k) => k['use'] === 'enc')).toMatchObject({ alg: 'RSA-OAEP' });
    expect(keys.some((k) => k['kty'] === 'oct' || 'k' in k)).toBe(false);
  });

  it('publishes the realm public key and not-before', async () => {
    const info = (await (await fetch(issuer)).json()) as Record<string, unknown>;
    expect(Object.keys(info)).toEqual(['realm', 'public_key', 'token-service', 'account-service', 'tokens-not-before']);
    expect(info['token-service']).toBe(oidc);
  });

  it('answers a wrong method with 404 and an unknown path with Keycloak bodies', async () => {
    const post = await fetch(`${issuer}/.well-known/openid-configuration`, { method: 'POST' });
    expect(post.status).toBe(404);
    expect(await post.json()).toEqual({ error: 'HTTP 404 Not Found' });
    const none = await fetch(`${kc.url}/nosuchpath`);
    expect(await none.json()).toEqual({ error: 'Unable to find matching target resource method' });
  });
});

describe('key rotation', () => {
  it('signs with a new higher-priority key while tokens of the old key still verify until it is removed', async () => {
    const realm = kc.model.realm('demo');
    if (!realm) throw new Error('no realm');
    const before = await login();
    const oldKid = decodeProtectedHeader(before['access_token'] ?? '').kid;
    const rotated = await realm.keys.rotate();
    const after = await login();
    expect(decodeProtectedHeader(after['access_token'] ?? '').kid).toBe(rotated.kid);
    const jwks = createRemoteJWKSet(new URL(`${oidc}/certs`));
    await expect(jwtVerify(before['access_token'] ?? '', jwks)).resolves.toBeTruthy();
    expect(
      (
        await postForm(
          `${oidc}/token/introspect`,
          { token: before['access_token'] ?? '' },
          { authorization: basic('app', 'app-secret') },
        )
      ).body['active'],
    ).toBe(true);
    await realm.keys.remove(String(oldKid));
    const { keys } = (await (await fetch(`${oidc}/certs`)).json()) as { keys: { kid: string }[] };
    expect(keys.map((k) => k.kid)).not.toContain(oldKid);
    expect(
      (
        await postForm(
          `${oidc}/token/introspect`,
          { token: before['access_token'] ?? '' },
          { authorization: basic('app', 'app-secret') },
        )
      ).body,
    ).toEqual({ active: false });
  });
});

describe('userinfo', () => {
  it('returns the user claims for GET and POST', async () => {
    const tokens = await login();
    const get = await fetch(`${oidc}/userinfo`, { headers: { authorization: `Bearer ${tokens['access_token']}` } });
    expect(get.status).toBe(200);
    const claims = (await get.json()) as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: decodeJwt(tokens['access_token'] ?? '').sub,
      preferred_username: 'alice',
      email: 'alice@example.com',
    });
    const post = await postForm(`${oidc}/userinfo`, {}, { authorization: `Bearer ${tokens['access_token']}` });
    expect(post.body).toEqual(claims);
  });

  it('answers 401 with only a WWW-Authenticate challenge when no token is sent', async () => {
    const response = await fetch(`${oidc}/userinfo`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="demo"');
    expect(await response.text()).toBe('');
  });

  it('answers an invalid token with invalid_token in the challenge', async () => {
    const response = await fetch(`${oidc}/userinfo`, { headers: { authorization: 'Bearer garbage' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="demo", error="invalid_token", error_description="Token verification failed"',
    );
  });

  it('answers 403 insufficient_scope for a token without openid', async () => {
    const tokens = await login('profile');
    const response = await fetch(`${oidc}/userinfo`, {
      headers: { authorization: `Bearer ${tokens['access_token']}` },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="demo", error="insufficient_scope", error_description="Missing openid scope"',
    );
  });
});

describe('introspection and revocation', () => {
  const introspect = (token: string) =>
    postForm(`${oidc}/token/introspect`, { token }, { authorization: basic('app', 'app-secret') });

  it('echoes an active token with client_id, username, token_type and active appended', async () => {
    const tokens = await login();
    const { body } = await introspect(tokens['access_token'] ?? '');
    const keys = Object.keys(body);
    expect(keys.slice(-4)).toEqual(['client_id', 'username', 'token_type', 'active']);
    expect(body).toMatchObject({ active: true, client_id: 'web', username: 'alice', token_type: 'Bearer' });
  });

  it('reports a token inactive once its session is gone', async () => {
    const tokens = await login();
    await postForm(`${oidc}/logout`, { client_id: 'web', refresh_token: tokens['refresh_token'] ?? '' });
    expect((await introspect(tokens['access_token'] ?? '')).body).toEqual({ active: false });
  });

  it('refuses public clients', async () => {
    const { status, body } = await postForm(`${oidc}/token/introspect`, { client_id: 'web', token: 'x' });
    expect(status).toBe(403);
    expect(body).toEqual({ error: 'invalid_request', error_description: 'Client not allowed.' });
  });

  it('revokes an access token so introspection reports it inactive', async () => {
    const tokens = await login();
    const revoked = await postForm(`${oidc}/revoke`, { client_id: 'web', token: tokens['access_token'] ?? '' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toBeUndefined();
    expect((await introspect(tokens['access_token'] ?? '')).body).toEqual({ active: false });
  });

  it('revokes a refresh token so it can no longer refresh', async () => {
    const tokens = await login();
    await postForm(`${oidc}/revoke`, {
      client_id: 'web',
      token: tokens['refresh_token'] ?? '',
      token_type_hint: 'refresh_token',
    });
    const { body } = await postForm(`${oidc}/token`, {
      grant_type: 'refresh_token',
      client_id: 'web',
      refresh_token: tokens['refresh_token'] ?? '',
    });
    expect(body['error']).toBe('invalid_grant');
  });

  it('answers an invalid token at revoke with 200 and an error body', async () => {
    const { status, body } = await postForm(`${oidc}/revoke`, { client_id: 'web', token: 'garbage' });
    expect(status).toBe(200);
    expect(body).toEqual({ error: 'invalid_token', error_description: 'Invalid token' });
  });
});
