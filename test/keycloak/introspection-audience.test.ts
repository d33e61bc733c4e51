import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf, oidcPath, tokenPath } from './support/protocol-realm.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

/**
 * Keycloak 26.6.2+ (AccessTokenIntrospectionProvider.verifyAudience, the fix of CVE-2026-37979) answers an access
 * token active only to a client in its `aud`, even to the client it was issued to; the introspecting client's
 * `allow.token.introspection.without.audience.check` attribute opts out; refresh tokens with
 * token_type_hint=refresh_token are answered to their own client (azp) alone.
 */
let target: KeycloakTarget;
let realm: string;

const audience = (to: string, config: Record<string, string> = {}) => ({
  name: `audience-${to}`,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-audience-mapper',
  config: {
    'included.client.audience': to,
    'access.token.claim': 'true',
    'introspection.token.claim': 'true',
    ...config,
  },
});
const hardcoded = (claim: string, config: Record<string, string>) => ({
  name: `hardcoded-${claim}`,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-hardcoded-claim-mapper',
  config: { 'claim.name': claim, 'claim.value': `${claim}-value`, 'jsonType.label': 'String', ...config },
});
const confidential = (clientId: string, extra: Record<string, unknown> = {}) => ({
  clientId,
  secret: `${clientId}-secret`,
  publicClient: false,
  serviceAccountsEnabled: true,
  directAccessGrantsEnabled: true,
  ...extra,
});

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('introspection-audience', {
    enabled: true,
    users: [
      {
        username: 'alice',
        enabled: true,
        email: 'alice@example.com',
        firstName: 'Alice',
        lastName: 'Liddell',
        credentials: [{ type: 'password', value: 'alice-pw' }],
      },
    ],
    clients: [
      confidential('app'),
      confidential('api'),
      confidential('gateway', { attributes: { 'allow.token.introspection.without.audience.check': 'TRUE' } }),
      confidential('app-for-api', { protocolMappers: [audience('api')] }),
      confidential('self', { protocolMappers: [audience('self')] }),
      confidential('light', {
        attributes: { 'client.use.lightweight.access.token.enabled': 'true' },
        protocolMappers: [audience('api'), audience('gateway', { 'introspection.token.claim': 'false' })],
      }),
      confidential('intro-only', { protocolMappers: [audience('api', { 'access.token.claim': 'false' })] }),
      confidential('claims', {
        protocolMappers: [
          audience('api'),
          hardcoded('in_token', { 'access.token.claim': 'true', 'introspection.token.claim': 'false' }),
          hardcoded('in_answer', { 'access.token.claim': 'false', 'introspection.token.claim': 'true' }),
        ],
      }),
    ],
  } as never);
});
afterAll(() => target.close());

async function tokens(clientId: string, grant: 'password' | 'client_credentials'): Promise<Record<string, string>> {
  const form: Record<string, string> = { grant_type: grant, client_id: clientId, client_secret: `${clientId}-secret` };
  if (grant === 'password') Object.assign(form, { username: 'alice', password: 'alice-pw' });
  const answer = await target.request('POST', tokenPath(realm), { form });
  expect(answer.status).toBe(200);
  return answer.json as Record<string, string>;
}

async function introspect(caller: string, token: string, extra: Record<string, string> = {}) {
  const answer = await target.request('POST', oidcPath(realm, 'token/introspect'), {
    form: { client_id: caller, client_secret: `${caller}-secret`, token, ...extra },
  });
  expect(answer.status).toBe(200);
  return answer.json as Record<string, unknown>;
}

describe(`introspection checks the caller against the token's audience (${targetKind})`, () => {
  it('answers a token inactive to its own client and to others when neither is in aud', async () => {
    const cc = await tokens('app', 'client_credentials');
    const password = await tokens('app', 'password');
    expect(claimsOf(cc['access_token'])['aud']).toBe('account');
    expect(claimsOf(password['access_token'])['aud']).toBeUndefined();
    for (const caller of ['app', 'api']) {
      expect(await introspect(caller, cc['access_token']!)).toEqual({ active: false });
      expect(await introspect(caller, password['access_token']!)).toEqual({ active: false });
    }
  });

  it('answers it active to a client an Audience mapper put in aud, and still inactive to azp', async () => {
    const { access_token } = await tokens('app-for-api', 'password');
    expect(claimsOf(access_token)['aud']).toBe('api');
    expect(await introspect('api', access_token!)).toMatchObject({
      active: true,
      aud: 'api',
      azp: 'app-for-api',
      client_id: 'app-for-api',
      username: 'alice',
    });
    expect(await introspect('app-for-api', access_token!)).toEqual({ active: false });
    expect(await introspect('app', access_token!)).toEqual({ active: false });
  });

  it('answers a client its own token active once an Audience mapper names the client itself', async () => {
    const { access_token } = await tokens('self', 'client_credentials');
    expect(await introspect('self', access_token!)).toMatchObject({ active: true, aud: ['self', 'account'] });
  });

  it('checks a lightweight token against the audience its introspection mappers give', async () => {
    const { access_token } = await tokens('light', 'password');
    expect(claimsOf(access_token)['aud']).toBeUndefined();
    expect(await introspect('api', access_token!)).toMatchObject({ active: true, aud: 'api', azp: 'light' });
    // The gateway mapper is not run for introspection, so the gateway is not in the audience (its opt-out aside).
    expect(await introspect('light', access_token!)).toEqual({ active: false });
  });

  it("checks a token that has an aud against that aud only, not the introspection mappers' additions", async () => {
    const cc = await tokens('intro-only', 'client_credentials');
    const password = await tokens('intro-only', 'password');
    expect(claimsOf(cc['access_token'])['aud']).toBe('account');
    expect(await introspect('api', cc['access_token']!)).toEqual({ active: false });
    // Without any aud in the token, the introspection mappers' audience decides.
    expect(await introspect('api', password['access_token']!)).toMatchObject({ active: true, aud: 'api' });
  });

  it('answers every access token active to a caller with allow.token.introspection.without.audience.check', async () => {
    const { access_token } = await tokens('app', 'password');
    expect(await introspect('gateway', access_token!)).toMatchObject({
      active: true,
      azp: 'app',
      client_id: 'app',
      token_type: 'Bearer',
    });
    expect(await introspect('gateway', access_token!, { token_type_hint: 'access_token' })).toMatchObject({
      active: true,
    });
  });
});

describe(`the introspection answer (${targetKind})`, () => {
  it('runs the mappers flagged for introspection again instead of echoing the token', async () => {
    const { access_token } = await tokens('claims', 'password');
    const token = claimsOf(access_token);
    expect([token['in_token'], token['in_answer']]).toEqual(['in_token-value', undefined]);
    const answer = await introspect('api', access_token!);
    const { in_token: _dropped, ...kept } = token;
    expect(answer).toEqual({
      ...kept,
      in_answer: 'in_answer-value',
      client_id: 'claims',
      username: 'alice',
      token_type: 'Bearer',
      active: true,
    });
  });

  it("answers the token's aud followed by the audiences the introspection mappers add", async () => {
    const { access_token } = await tokens('intro-only', 'client_credentials');
    expect(await introspect('gateway', access_token!)).toMatchObject({ active: true, aud: ['account', 'api'] });
  });
});

describe(`introspection of refresh tokens under the audience check (${targetKind})`, () => {
  it('answers a refresh token with token_type_hint=refresh_token active to its own client only', async () => {
    const { refresh_token } = await tokens('app', 'password');
    expect(await introspect('app', refresh_token!, { token_type_hint: 'refresh_token' })).toMatchObject({
      active: true,
      typ: 'Refresh',
      azp: 'app',
      client_id: 'app',
      token_type: 'Refresh',
      aud: `${target.url}/realms/${realm}`,
    });
    expect(await introspect('api', refresh_token!, { token_type_hint: 'refresh_token' })).toEqual({ active: false });
    // The opt-out is for the access-token provider; the refresh-token one still wants azp.
    expect(await introspect('gateway', refresh_token!, { token_type_hint: 'refresh_token' })).toEqual({
      active: false,
    });
  });

  it('answers a refresh token without the hint inactive to its own client, active to an opted-out caller', async () => {
    const { refresh_token } = await tokens('app', 'password');
    expect(await introspect('app', refresh_token!)).toEqual({ active: false });
    expect(await introspect('gateway', refresh_token!)).toMatchObject({
      active: true,
      typ: 'Refresh',
      azp: 'app',
      client_id: 'app',
      username: 'alice',
      token_type: 'Refresh',
    });
  });

  it('answers an access token inactive under token_type_hint=refresh_token, even to an opted-out caller', async () => {
    const { access_token } = await tokens('self', 'password');
    expect(await introspect('self', access_token!, { token_type_hint: 'refresh_token' })).toEqual({ active: false });
    expect(await introspect('gateway', access_token!, { token_type_hint: 'refresh_token' })).toEqual({
      active: false,
    });
  });
});

describe(`introspection's token_type_hint (${targetKind})`, () => {
  it('answers a hint no introspection provider has 400 invalid_request, after the missing-token check', async () => {
    const form = { client_id: 'api', client_secret: 'api-secret', token_type_hint: 'id_token' };
    const unknown = await target.request('POST', oidcPath(realm, 'token/introspect'), {
      form: { ...form, token: 'abc' },
    });
    expect([unknown.status, unknown.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Unsupported token type.' },
    ]);
    const missing = await target.request('POST', oidcPath(realm, 'token/introspect'), { form });
    expect([missing.status, missing.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Token not provided.' },
    ]);
  });
});
