import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { basic, demoRealm, postForm } from '../support.js';

let kc: KeycloakTestServer;
let tokenUrl: string;
let issuer: string;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  issuer = `${kc.url}/realms/demo`;
  tokenUrl = `${issuer}/protocol/openid-connect/token`;
});
afterAll(() => kc.close());

describe('password grant', () => {
  it('issues tokens shaped as Keycloak 26 signs them, verifiable against the JWKS', async () => {
    const { status, headers, body } = await postForm(tokenUrl, {
      grant_type: 'password',
      client_id: 'web',
      username: 'alice',
      password: 'wonder',
      scope: 'openid',
    });
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(body)).toEqual([
      'access_token',
      'expires_in',
      'refresh_expires_in',
      'refresh_token',
      'token_type',
      'id_token',
      'not-before-policy',
      'session_state',
      'scope',
    ]);
    expect(body['expires_in']).toBe(300);
    expect(body['refresh_expires_in']).toBe(1800);
    expect(body['scope']).toBe('openid email profile');

    const jwks = createRemoteJWKSet(new URL(`${issuer}/protocol/openid-connect/certs`));
    const access = String(body['access_token']);
    const { payload, protectedHeader } = await jwtVerify(access, jwks, { issuer });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(Buffer.from(access.split('.')[0] ?? '', 'base64url').toString()).toMatch(
      /^\{"alg":"RS256","typ" : "JWT","kid" : "[^"]+"\}$/,
    );
    expect(Object.keys(payload)).toEqual([
      'exp',
      'iat',
      'jti',
      'iss',
      'aud',
      'sub',
      'typ',
      'azp',
      'sid',
      'acr',
      'allowed-origins',
      'realm_access',
      'resource_access',
      'scope',
      'email_verified',
      'name',
      'preferred_username',
      'given_name',
      'family_name',
      'email',
    ]);
    expect(payload).toMatchObject({
      typ: 'Bearer',
      azp: 'web',
      acr: '1',
      sid: body['session_state'],
      aud: ['api', 'account'],
      'allowed-origins': ['http://localhost:3000'],
      email_verified: true,
      name: 'Alice Liddell',
      preferred_username: 'alice',
      email: 'alice@example.com',
    });
    expect(String(payload.jti)).toMatch(/^onrtro:/);
    expect((payload['realm_access'] as { roles: string[] }).roles).toEqual([
      'boss',
      'default-roles-demo',
      'offline_access',
      'uma_authorization',
      'user',
    ]);
    expect(payload['resource_access']).toEqual({
      api: { roles: ['reader'] },
      account: { roles: ['manage-account', 'manage-account-links', 'view-profile'] },
    });

    const id = await jwtVerify(String(body['id_token']), jwks, { issuer, audience: 'web' });
    expect(id.payload).toMatchObject({ typ: 'ID', azp: 'web', sub: payload.sub });
    expect(typeof id.payload['at_hash']).toBe('string');

    const refresh = decodeJwt(String(body['refresh_token']));
    expect(decodeProtectedHeader(String(body['refresh_token'])).alg).toBe('HS512');
    expect(refresh).toMatchObject({ typ: 'Refresh', aud: issuer, azp: 'web', sid: body['session_state'] });
  });

  it('answers a wrong password with 400 invalid_grant', async () => {
    const { status, body } = await postForm(tokenUrl, {
      grant_type: 'password',
      client_id: 'web',
      username: 'alice',
      password: 'nope',
    });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
  });

  it('refuses a user with pending required actions', async () => {
    const { status, body } = await postForm(tokenUrl, {
      grant_type: 'password',
      client_id: 'web',
      username: 'bob',
      password: 'builder',
    });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Account is not fully set up' });
  });

  it('issues an offline token when offline_access is requested', async () => {
    const { body } = await postForm(tokenUrl, {
      grant_type: 'password',
      client_id: 'web',
      username: 'alice',
      password: 'wonder',
      scope: 'offline_access',
    });
    const refresh = decodeJwt(String(body['refresh_token']));
    expect(refresh.typ).toBe('Offline');
    expect(refresh.exp).toBeUndefined();
    expect(body['refresh_expires_in']).toBe(0);
  });
});

describe('client authentication', () => {
  it('rejects a wrong client secret with 401 unauthorized_client', async () => {
    const { status, body } = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials' },
      { authorization: basic('app', 'wrong') },
    );
    expect(status).toBe(401);
    expect(body).toEqual({
      error: 'unauthorized_client',
      error_description: 'Invalid client or Invalid client credentials',
    });
  });

  it('rejects an unknown client with 401 invalid_client', async () => {
    const { status, body } = await postForm(tokenUrl, { grant_type: 'password', client_id: 'ghost' });
    expect(status).toBe(401);
    expect(body).toEqual({
      error: 'invalid_client',
      error_description: 'Invalid client or Invalid client credentials',
    });
  });

  it('answers a request naming no client 401 invalid_client, as Keycloak 26.7 does', async () => {
    const { status, body } = await postForm(tokenUrl, { grant_type: 'password' });
    expect(status).toBe(401);
    expect(body).toEqual({
      error: 'invalid_client',
      error_description: 'Invalid client or Invalid client credentials',
    });
  });

  it('refuses bearer-only clients', async () => {
    const { status, body } = await postForm(tokenUrl, { grant_type: 'password', client_id: 'api' });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_client', error_description: 'Bearer-only not allowed' });
  });
});

describe('client credentials grant', () => {
  it('issues a service-account token without refresh token or sid', async () => {
    const { status, body } = await postForm(tokenUrl, {
      grant_type: 'client_credentials',
      client_id: 'app',
      client_secret: 'app-secret',
    });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual([
      'access_token',
      'expires_in',
      'refresh_expires_in',
      'token_type',
      'not-before-policy',
      'scope',
    ]);
    const claims = decodeJwt(String(body['access_token']));
    expect(claims).toMatchObject({
      preferred_username: 'service-account-app',
      azp: 'app',
      client_id: 'app',
      clientAddress: '127.0.0.1',
    });
    expect(claims.sid).toBeUndefined();
  });
});

describe('token endpoint input', () => {
  it('requires grant_type', async () => {
    const { status, body } = await postForm(tokenUrl, { client_id: 'web' });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_request', error_description: 'Missing form parameter: grant_type' });
  });

  it('rejects unsupported grant types', async () => {
    const { status, body } = await postForm(tokenUrl, { grant_type: 'magic', client_id: 'web' });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' });
  });

  it('rejects a duplicated parameter', async () => {
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&grant_type=password',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_request', error_description: 'duplicated parameter' });
  });

  it('reads a JSON body as no parameters at all, as Keycloak reads a form only from a form', async () => {
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":"password"}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Missing form parameter: grant_type',
    });
  });

  it('answers an oversized body with 413', async () => {
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x='.padEnd(2 * 1024 * 1024, 'a'),
    }).catch((e: unknown) => e);
    expect(response instanceof Response ? response.status : 'socket closed').toBe(413);
  });

  it('answers an unknown realm with 404', async () => {
    const { status, body } = await postForm(`${kc.url}/realms/nope/protocol/openid-connect/token`, {
      grant_type: 'password',
    });
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'Realm does not exist' });
  });
});
