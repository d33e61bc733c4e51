import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';
import {
  aliceTokens,
  body,
  claimsOf,
  headerOf,
  normaliseHost,
  oidcPath,
  protocolRealm,
  REDIRECT,
  token,
} from './support/protocol-realm.js';

let target: KeycloakTarget;
let realm: string;
let issuer: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('oidc-endpoints', protocolRealm());
  issuer = `${target.url}/realms/${realm}`;
});
afterAll(() => target.close());

const sorted = (value: unknown): unknown[] => [...(value as unknown[])].sort();

async function introspect(
  tokenValue: string,
  extra: Record<string, string> = {},
  client = { client_id: 'api', client_secret: 'api-secret' },
) {
  return target.request('POST', oidcPath(realm, 'token/introspect'), {
    form: { ...client, token: tokenValue, ...extra },
  });
}

describe(`discovery (${targetKind})`, () => {
  it('answers the OpenID configuration with its endpoints under the issuer and no-cache headers', async () => {
    const answer = await target.request('GET', `/realms/${realm}/.well-known/openid-configuration`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-cache, must-revalidate, no-transform, no-store');
    expect(answer.headers.get('content-type')).toBe('application/json');
    const doc = normaliseHost(answer.json, target.url) as Record<string, unknown>;
    const base = `{host}/realms/${realm}`;
    expect(doc).toMatchObject({
      issuer: base,
      authorization_endpoint: `${base}/protocol/openid-connect/auth`,
      token_endpoint: `${base}/protocol/openid-connect/token`,
      introspection_endpoint: `${base}/protocol/openid-connect/token/introspect`,
      userinfo_endpoint: `${base}/protocol/openid-connect/userinfo`,
      end_session_endpoint: `${base}/protocol/openid-connect/logout`,
      jwks_uri: `${base}/protocol/openid-connect/certs`,
      revocation_endpoint: `${base}/protocol/openid-connect/revoke`,
      device_authorization_endpoint: `${base}/protocol/openid-connect/auth/device`,
      registration_endpoint: `{host}/realms/${realm}/clients-registrations/openid-connect`,
      frontchannel_logout_supported: true,
      code_challenge_methods_supported: ['plain', 'S256'],
      authorization_response_iss_parameter_supported: true,
    });
    expect(sorted(doc['grant_types_supported'])).toEqual(
      sorted([
        'authorization_code',
        'client_credentials',
        'implicit',
        'password',
        'refresh_token',
        'urn:ietf:params:oauth:grant-type:device_code',
        'urn:ietf:params:oauth:grant-type:jwt-bearer',
        'urn:ietf:params:oauth:grant-type:token-exchange',
        'urn:ietf:params:oauth:grant-type:uma-ticket',
        'urn:openid:params:grant-type:ciba',
      ]),
    );
    expect(sorted(doc['token_endpoint_auth_methods_supported'])).toEqual(
      sorted(['private_key_jwt', 'client_secret_basic', 'client_secret_post', 'tls_client_auth', 'client_secret_jwt']),
    );
  });

  it('lists the same keys on both targets', async () => {
    const answer = await target.request('GET', `/realms/${realm}/.well-known/openid-configuration`);
    expect(Object.keys(answer.json as object).sort()).toEqual([
      'acr_values_supported',
      'authorization_encryption_alg_values_supported',
      'authorization_encryption_enc_values_supported',
      'authorization_endpoint',
      'authorization_response_iss_parameter_supported',
      'authorization_signing_alg_values_supported',
      'backchannel_authentication_endpoint',
      'backchannel_authentication_request_signing_alg_values_supported',
      'backchannel_logout_session_supported',
      'backchannel_logout_supported',
      'backchannel_token_delivery_modes_supported',
      'check_session_iframe',
      'claim_types_supported',
      'claims_parameter_supported',
      'claims_supported',
      'code_challenge_methods_supported',
      'device_authorization_endpoint',
      'dpop_signing_alg_values_supported',
      'end_session_endpoint',
      'frontchannel_logout_session_supported',
      'frontchannel_logout_supported',
      'grant_types_supported',
      'id_token_encryption_alg_values_supported',
      'id_token_encryption_enc_values_supported',
      'id_token_signing_alg_values_supported',
      'introspection_endpoint',
      'introspection_endpoint_auth_methods_supported',
      'introspection_endpoint_auth_signing_alg_values_supported',
      'issuer',
      'jwks_uri',
      'mtls_endpoint_aliases',
      'prompt_values_supported',
      'pushed_authorization_request_endpoint',
      'registration_endpoint',
      'request_object_encryption_alg_values_supported',
      'request_object_encryption_enc_values_supported',
      'request_object_signing_alg_values_supported',
      'request_parameter_supported',
      'request_uri_parameter_supported',
      'require_pushed_authorization_requests',
      'require_request_uri_registration',
      'response_modes_supported',
      'response_types_supported',
      'revocation_endpoint',
      'revocation_endpoint_auth_methods_supported',
      'revocation_endpoint_auth_signing_alg_values_supported',
      'scopes_supported',
      'subject_types_supported',
      'tls_client_certificate_bound_access_tokens',
      'token_endpoint',
      'token_endpoint_auth_methods_supported',
      'token_endpoint_auth_signing_alg_values_supported',
      'userinfo_encryption_alg_values_supported',
      'userinfo_encryption_enc_values_supported',
      'userinfo_endpoint',
      'userinfo_signing_alg_values_supported',
    ]);
    expect(sorted((answer.json as Record<string, unknown>)['scopes_supported'])).toEqual(
      sorted([
        'openid',
        'phone',
        'basic',
        'acr',
        'organization',
        'address',
        'roles',
        'offline_access',
        'profile',
        'email',
        'microprofile-jwt',
        'service_account',
        'web-origins',
      ]),
    );
  });

  it('answers the UMA 2 configuration: the OIDC fields it copies plus the Protection API endpoints', async () => {
    const answer = await target.request('GET', `/realms/${realm}/.well-known/uma2-configuration`);
    expect(answer.status).toBe(200);
    const doc = normaliseHost(answer.json, target.url) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'issuer',
      'authorization_endpoint',
      'token_endpoint',
      'introspection_endpoint',
      'end_session_endpoint',
      'frontchannel_logout_session_supported',
      'frontchannel_logout_supported',
      'jwks_uri',
      'grant_types_supported',
      'response_types_supported',
      'response_modes_supported',
      'registration_endpoint',
      'token_endpoint_auth_methods_supported',
      'token_endpoint_auth_signing_alg_values_supported',
      'scopes_supported',
      'resource_registration_endpoint',
      'permission_endpoint',
      'policy_endpoint',
    ]);
    expect(doc).toMatchObject({
      resource_registration_endpoint: `{host}/realms/${realm}/authz/protection/resource_set`,
      permission_endpoint: `{host}/realms/${realm}/authz/protection/permission`,
      policy_endpoint: `{host}/realms/${realm}/authz/protection/uma-policy`,
    });
  });

  it('answers an unknown realm 404 "Realm does not exist"', async () => {
    const answer = await target.request('GET', '/realms/no-such-realm-here/.well-known/openid-configuration');
    expect([answer.status, answer.json]).toEqual([404, { error: 'Realm does not exist' }]);
  });
});

describe(`certs and realm info (${targetKind})`, () => {
  it('answers the realm keys (RS256 sig, RSA-OAEP enc) as JSON with no-cache', async () => {
    const answer = await target.request('GET', oidcPath(realm, 'certs'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('cache-control')).toBe('no-cache');
    const keys = (answer.json as { keys: Record<string, unknown>[] }).keys;
    const shape = keys.map((k) => ({
      alg: k['alg'],
      use: k['use'],
      kty: k['kty'],
      e: k['e'],
      fields: Object.keys(k).sort(),
      x5c: (k['x5c'] as unknown[]).length,
    }));
    expect(shape.sort((a, b) => String(a.alg).localeCompare(String(b.alg)))).toEqual([
      {
        alg: 'RS256',
        use: 'sig',
        kty: 'RSA',
        e: 'AQAB',
        fields: ['alg', 'e', 'kid', 'kty', 'n', 'use', 'x5c', 'x5t', 'x5t#S256'],
        x5c: 1,
      },
      {
        alg: 'RSA-OAEP',
        use: 'enc',
        kty: 'RSA',
        e: 'AQAB',
        fields: ['alg', 'e', 'kid', 'kty', 'n', 'use', 'x5c', 'x5t', 'x5t#S256'],
        x5c: 1,
      },
    ]);
  });

  it('answers application/jwk-set+json to a client that asks for it', async () => {
    const answer = await target.request('GET', oidcPath(realm, 'certs'), {
      headers: { accept: 'application/jwk-set+json' },
    });
    expect(answer.headers.get('content-type')).toBe('application/jwk-set+json');
  });

  it('verifies an access token with the key its kid names', async () => {
    const access = (await aliceTokens(target, realm))['access_token']!;
    const keys = body(await target.request('GET', oidcPath(realm, 'certs')))['keys'] as Record<string, unknown>[];
    const jwk = keys.find((k) => k['kid'] === headerOf(access)['kid']);
    const [h, p, s] = access.split('.');
    expect(
      verify(
        'sha256',
        Buffer.from(`${h}.${p}`),
        createPublicKey({ key: jwk as never, format: 'jwk' }),
        Buffer.from(s!, 'base64url'),
      ),
    ).toBe(true);
  });

  it('answers the realm info: name, public key and service URLs', async () => {
    const answer = await target.request('GET', `/realms/${realm}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(Object.keys(answer.json as object)).toEqual([
      'realm',
      'public_key',
      'token-service',
      'account-service',
      'tokens-not-before',
    ]);
    expect(normaliseHost(answer.json, target.url)).toEqual({
      realm,
      public_key: expect.stringMatching(/^MIIB/),
      'token-service': `{host}/realms/${realm}/protocol/openid-connect`,
      'account-service': `{host}/realms/${realm}/account`,
      'tokens-not-before': 0,
    });
  });
});

describe(`userinfo (${targetKind})`, () => {
  it('answers the user claims as JSON with no-store, no-cache', async () => {
    const tokens = await aliceTokens(target, realm, { scope: 'openid' });
    const answer = await target.request('GET', oidcPath(realm, 'userinfo'), { token: tokens['access_token'] });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store, no-cache');
    expect(answer.json).toEqual({
      sub: claimsOf(tokens['access_token'])['sub'],
      email_verified: true,
      name: 'Alice Liddell',
      preferred_username: 'alice',
      given_name: 'Alice',
      family_name: 'Liddell',
      email: 'alice@example.com',
    });
  });

  it('takes the token from a POSTed form too', async () => {
    const tokens = await aliceTokens(target, realm, { scope: 'openid' });
    const answer = await target.request('POST', oidcPath(realm, 'userinfo'), {
      form: { access_token: tokens['access_token']! },
    });
    expect([answer.status, body(answer)['preferred_username']]).toEqual([200, 'alice']);
  });

  it('answers a signed JWT (application/jwt) to a client with user.info.response.signature.alg', async () => {
    const tokens = body(
      await token(target, realm, {
        grant_type: 'password',
        client_id: 'signed-userinfo',
        client_secret: 'su-secret',
        username: 'alice',
        password: 'alice-pw',
        scope: 'openid',
      }),
    );
    const answer = await target.request('GET', oidcPath(realm, 'userinfo'), { token: String(tokens['access_token']) });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/jwt');
    expect(headerOf(answer.text)).toEqual({ alg: 'RS256', typ: 'JWT', kid: headerOf(tokens['access_token'])['kid'] });
    expect(claimsOf(answer.text)).toEqual({
      sub: claimsOf(tokens['access_token'])['sub'],
      iss: issuer,
      aud: 'signed-userinfo',
      email_verified: true,
      name: 'Alice Liddell',
      preferred_username: 'alice',
      given_name: 'Alice',
      family_name: 'Liddell',
      email: 'alice@example.com',
    });
  });

  it('answers no token 401 with a bare Bearer challenge', async () => {
    const answer = await target.request('GET', oidcPath(realm, 'userinfo'));
    expect([answer.status, answer.text]).toEqual([401, '']);
    expect(answer.headers.get('www-authenticate')).toBe(`Bearer realm="${realm}"`);
    expect([answer.headers.get('cache-control'), answer.headers.get('pragma')]).toEqual(['no-store', 'no-cache']);
  });

  it('answers a bad token 401 invalid_token "Token verification failed"', async () => {
    const answer = await target.request('GET', oidcPath(realm, 'userinfo'), { token: 'abc' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe(
      `Bearer realm="${realm}", error="invalid_token", error_description="Token verification failed"`,
    );
  });

  it('answers a token without the openid scope 403 insufficient_scope', async () => {
    const tokens = await aliceTokens(target, realm);
    const answer = await target.request('GET', oidcPath(realm, 'userinfo'), { token: tokens['access_token'] });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('www-authenticate')).toBe(
      `Bearer realm="${realm}", error="insufficient_scope", error_description="Missing openid scope"`,
    );
    expect([answer.headers.get('cache-control'), answer.headers.get('pragma')]).toEqual(['no-store', 'no-cache']);
  });
});

describe(`introspection (${targetKind})`, () => {
  it('answers an access token active, with its claims, client_id, username and token_type, no-cache', async () => {
    const tokens = await aliceTokens(target, realm, { scope: 'openid' });
    const answer = await introspect(tokens['access_token']!);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-cache');
    const access = claimsOf(tokens['access_token']);
    expect(answer.json).toEqual({ ...access, client_id: 'app', username: 'alice', token_type: 'Bearer', active: true });
  });

  it('answers a refresh token inactive without token_type_hint=refresh_token', async () => {
    const tokens = await aliceTokens(target, realm);
    expect((await introspect(tokens['refresh_token']!)).json).toEqual({ active: false });
  });

  it('answers a refresh token active to its own client with token_type_hint=refresh_token', async () => {
    const tokens = await aliceTokens(target, realm);
    const answer = await introspect(
      tokens['refresh_token']!,
      { token_type_hint: 'refresh_token' },
      { client_id: 'app', client_secret: 'app-secret' },
    );
    const refresh = claimsOf(tokens['refresh_token']);
    expect(answer.json).toMatchObject({
      jti: refresh['jti'],
      sub: refresh['sub'],
      typ: 'Refresh',
      azp: 'app',
      sid: refresh['sid'],
      preferred_username: 'alice',
      client_id: 'app',
      username: 'alice',
      token_type: 'Refresh',
      active: true,
    });
    expect(body(answer)['aud']).toEqual([issuer, 'api']);
  });

  it('answers a refresh token inactive to another client, even with the hint', async () => {
    const tokens = await aliceTokens(target, realm);
    expect((await introspect(tokens['refresh_token']!, { token_type_hint: 'refresh_token' })).json).toEqual({
      active: false,
    });
  });

  it('answers an offline token active to its own client with the hint, inactive without', async () => {
    const tokens = await aliceTokens(target, realm, { scope: 'offline_access' });
    expect(
      (await introspect(tokens['refresh_token']!, {}, { client_id: 'app', client_secret: 'app-secret' })).json,
    ).toEqual({ active: false });
    const answer = await introspect(
      tokens['refresh_token']!,
      { token_type_hint: 'refresh_token' },
      { client_id: 'app', client_secret: 'app-secret' },
    );
    expect(answer.json).toMatchObject({ typ: 'Offline', azp: 'app', token_type: 'Offline', active: true });
  });

  it('answers a garbage token {"active": false}', async () => {
    const answer = await introspect('abc');
    expect([answer.status, answer.json, answer.headers.get('cache-control')]).toEqual([
      200,
      { active: false },
      'no-cache',
    ]);
  });

  it('answers a public caller 403 "Client not allowed."', async () => {
    const answer = await introspect('abc', {}, { client_id: 'spa' } as never);
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'invalid_request', error_description: 'Client not allowed.' },
    ]);
    expect(answer.headers.get('cache-control')).toBeNull();
  });

  it('answers a wrong secret 401 invalid_client "Client authentication failed."', async () => {
    const answer = await introspect('abc', {}, { client_id: 'api', client_secret: 'nope' });
    expect([answer.status, answer.json]).toEqual([
      401,
      { error: 'invalid_client', error_description: 'Client authentication failed.' },
    ]);
  });

  it('answers no client 401 invalid_client', async () => {
    const answer = await target.request('POST', oidcPath(realm, 'token/introspect'), { form: { token: 'abc' } });
    expect([answer.status, answer.json]).toEqual([
      401,
      { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' },
    ]);
  });

  it('answers no token 400 "Token not provided."', async () => {
    const answer = await target.request('POST', oidcPath(realm, 'token/introspect'), {
      form: { client_id: 'api', client_secret: 'api-secret' },
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Token not provided.' },
    ]);
  });

  it('reads a JSON body as no parameters: the token endpoint misses grant_type, introspection its client', async () => {
    const json = { grant_type: 'password', client_id: 'api', client_secret: 'api-secret', token: 'abc' };
    const grant = await target.request('POST', oidcPath(realm, 'token'), { json });
    expect([grant.status, grant.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Missing form parameter: grant_type' },
    ]);
    const introspection = await target.request('POST', oidcPath(realm, 'token/introspect'), { json });
    expect([introspection.status, introspection.json]).toEqual([
      401,
      { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' },
    ]);
  });

  it('answers an ID token inactive', async () => {
    const tokens = await aliceTokens(target, realm, { scope: 'openid' });
    expect((await introspect(tokens['id_token']!)).json).toEqual({ active: false });
  });
});

describe(`revocation (${targetKind})`, () => {
  it('revokes a refresh token: 200, empty body, and the token is dead', async () => {
    const tokens = await aliceTokens(target, realm);
    const answer = await target.request('POST', oidcPath(realm, 'revoke'), {
      form: { client_id: 'app', client_secret: 'app-secret', token: tokens['refresh_token']! },
    });
    expect([answer.status, answer.text]).toEqual([200, '']);
    const refreshed = await token(target, realm, {
      grant_type: 'refresh_token',
      client_id: 'app',
      client_secret: 'app-secret',
      refresh_token: tokens['refresh_token']!,
    });
    expect(refreshed.status).toBe(400);
  });

  it('revokes an access token: introspection then answers inactive', async () => {
    const tokens = await aliceTokens(target, realm);
    const answer = await target.request('POST', oidcPath(realm, 'revoke'), {
      form: { client_id: 'app', client_secret: 'app-secret', token: tokens['access_token']! },
    });
    expect(answer.status).toBe(200);
    expect((await introspect(tokens['access_token']!)).json).toEqual({ active: false });
  });

  it('answers a garbage token 200 with an invalid_token body', async () => {
    const answer = await target.request('POST', oidcPath(realm, 'revoke'), {
      form: { client_id: 'app', client_secret: 'app-secret', token: 'abc' },
    });
    expect([answer.status, answer.json]).toEqual([200, { error: 'invalid_token', error_description: 'Invalid token' }]);
  });

  it('refuses another client\'s token 400 invalid_request "Unmatching clients"', async () => {
    const tokens = await aliceTokens(target, realm);
    const answer = await target.request('POST', oidcPath(realm, 'revoke'), {
      form: { client_id: 'legacy', client_secret: 'legacy-secret', token: tokens['access_token']! },
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Unmatching clients' },
    ]);
  });

  it('answers no token 400 "Token not provided"', async () => {
    const answer = await target.request('POST', oidcPath(realm, 'revoke'), {
      form: { client_id: 'app', client_secret: 'app-secret' },
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Token not provided' },
    ]);
  });

  it('answers a wrong secret 401 unauthorized_client', async () => {
    const answer = await target.request('POST', oidcPath(realm, 'revoke'), {
      form: { client_id: 'app', client_secret: 'nope', token: 'x' },
    });
    expect([answer.status, answer.json]).toEqual([
      401,
      { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' },
    ]);
  });
});

describe(`logout (${targetKind})`, () => {
  it('ends the session with the back-channel POST of a refresh token: 204', async () => {
    const tokens = await aliceTokens(target, realm);
    const answer = await target.request('POST', oidcPath(realm, 'logout'), {
      form: { client_id: 'app', client_secret: 'app-secret', refresh_token: tokens['refresh_token']! },
    });
    expect([answer.status, answer.text]).toEqual([204, '']);
    expect((await introspect(tokens['access_token']!)).json).toEqual({ active: false });
  });

  it('answers a garbage refresh token 400 invalid_grant', async () => {
    const answer = await target.request('POST', oidcPath(realm, 'logout'), {
      form: { client_id: 'app', client_secret: 'app-secret', refresh_token: 'abc' },
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Invalid refresh token' },
    ]);
  });

  it('answers the back-channel logout without a client 401 invalid_client', async () => {
    const answer = await target.request('POST', oidcPath(realm, 'logout'), { form: { refresh_token: 'abc' } });
    expect([answer.status, answer.json]).toEqual([
      401,
      { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' },
    ]);
  });

  it('redirects a GET with id_token_hint to post_logout_redirect_uri with the state, and ends the session', async () => {
    const tokens = await aliceTokens(target, realm, { scope: 'openid' });
    const query = new URLSearchParams({
      id_token_hint: tokens['id_token']!,
      post_logout_redirect_uri: REDIRECT,
      state: 's1',
    });
    const answer = await target.request('GET', `${oidcPath(realm, 'logout')}?${query}`);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe(`${REDIRECT}?state=s1`);
    expect((await introspect(tokens['access_token']!)).json).toEqual({ active: false });
  });

  it('accepts the same logout as a POSTed form', async () => {
    const tokens = await aliceTokens(target, realm, { scope: 'openid' });
    const answer = await target.request('POST', oidcPath(realm, 'logout'), {
      form: { id_token_hint: tokens['id_token']!, post_logout_redirect_uri: REDIRECT },
    });
    expect([answer.status, answer.headers.get('location')]).toEqual([302, REDIRECT]);
    expect((await introspect(tokens['access_token']!)).json).toEqual({ active: false });
  });

  it('asks for confirmation (200 HTML page) on a GET without hint', async () => {
    const answer = await target.request('GET', oidcPath(realm, 'logout'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html;charset=utf-8');
    expect(answer.text).toContain('id="kc-logout"');
  });

  it('answers an error page (400) to a bad id_token_hint', async () => {
    const answer = await target.request('GET', `${oidcPath(realm, 'logout')}?id_token_hint=abc`);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('text/html;charset=utf-8');
  });

  it('answers an error page (400) to a post_logout_redirect_uri the client does not allow', async () => {
    const answer = await target.request(
      'GET',
      `${oidcPath(realm, 'logout')}?client_id=app&post_logout_redirect_uri=${encodeURIComponent('http://evil.example/')}`,
    );
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('text/html;charset=utf-8');
  });
});
