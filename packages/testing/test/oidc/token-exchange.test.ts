import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { basic, demoRealm, postForm } from '../support.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
let kc: KeycloakTestServer;
let tokenUrl: string;
let subjectToken: string;

const audienceToGateway = {
  name: 'gateway-audience',
  protocol: 'openid-connect',
  protocolMapper: 'oidc-audience-mapper',
  config: { 'included.client.audience': 'gateway', 'access.token.claim': 'true' },
};

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      {
        ...demoRealm,
        clients: [
          ...(demoRealm.clients ?? []),
          {
            clientId: 'frontend',
            publicClient: true,
            directAccessGrantsEnabled: true,
            protocolMappers: [audienceToGateway],
          },
          {
            clientId: 'gateway',
            secret: 'gw-secret',
            attributes: {
              'standard.token.exchange.enabled': 'true',
              'standard.token.exchange.enableRefreshRequestedTokenType': 'SAME_SESSION',
            },
          },
          { clientId: 'outsider', secret: 'out-secret', attributes: { 'standard.token.exchange.enabled': 'true' } },
          { clientId: 'public-te', publicClient: true, attributes: { 'standard.token.exchange.enabled': 'true' } },
        ],
      },
    ],
  });
  tokenUrl = `${kc.url}/realms/demo/protocol/openid-connect/token`;
  const login = await postForm(tokenUrl, {
    grant_type: 'password',
    client_id: 'frontend',
    username: 'alice',
    password: 'wonder',
  });
  subjectToken = String(login.body['access_token']);
});
afterAll(() => kc.close());

function exchange(
  form: Record<string, string>,
  client: readonly [string, string] = ['gateway', 'gw-secret'],
  audiences: string[] = [],
) {
  const body = new URLSearchParams({
    grant_type: GRANT,
    subject_token: subjectToken,
    subject_token_type: ACCESS,
    ...form,
  });
  for (const a of audiences) body.append('audience', a);
  return fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client[0], client[1]) },
    body,
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
}

describe('standard token exchange (V2)', () => {
  it('exchanges a token whose audience holds the caller for a token of the caller in the same session', async () => {
    const { status, body } = await exchange({});
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', issued_token_type: ACCESS, refresh_expires_in: 0 });
    expect(body['refresh_token']).toBeUndefined();
    const claims = decodeJwt(String(body['access_token']));
    const subject = decodeJwt(subjectToken);
    expect(claims).toMatchObject({ azp: 'gateway', sub: subject.sub, sid: subject['sid'] });
    expect(String(claims.jti)).toMatch(/^onrtte:/);
  });

  it('narrows the audience to the requested ones, repeated audience parameters included', async () => {
    const one = await exchange({}, undefined, ['api']);
    expect(decodeJwt(String(one.body['access_token'])).aud).toBe('api');
    const two = await exchange({}, undefined, ['api', 'account']);
    expect(decodeJwt(String(two.body['access_token'])).aud).toEqual(['api', 'account']);
  });

  it('refuses an audience the user cannot reach and an unknown audience', async () => {
    expect(await exchange({}, undefined, ['frontend'])).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Requested audience not available: frontend' },
    });
    expect(await exchange({}, undefined, ['nobody'])).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'Audience not found' },
    });
  });

  it('refuses a caller outside the subject token audience with 403', async () => {
    expect(await exchange({}, ['outsider', 'out-secret'])).toEqual({
      status: 403,
      body: { error: 'access_denied', error_description: 'Client is not within the token audience' },
    });
  });

  it('refuses clients without standard.token.exchange.enabled', async () => {
    expect(await exchange({}, ['app', 'app-secret'])).toEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: 'Standard token exchange is not enabled for the requested client',
      },
    });
  });

  it('refuses public clients', async () => {
    const body = new URLSearchParams({
      grant_type: GRANT,
      client_id: 'public-te',
      subject_token: subjectToken,
      subject_token_type: ACCESS,
    });
    const answer = await postForm(tokenUrl, Object.fromEntries(body));
    expect(answer).toMatchObject({
      status: 400,
      body: { error: 'invalid_client', error_description: 'Public client is not allowed to exchange token' },
    });
  });

  it('checks the subject token and its type', async () => {
    expect((await exchange({ subject_token: 'garbage' })).body).toEqual({
      error: 'invalid_request',
      error_description: 'Invalid token',
    });
    expect((await exchange({ subject_token_type: 'urn:ietf:params:oauth:token-type:jwt' })).body).toEqual({
      error: 'invalid_request',
      error_description: "Parameter 'subject_token' supports access tokens only",
    });
    expect((await exchange({ subject_issuer: 'other' })).body).toEqual({
      error: 'invalid_request',
      error_description: "Parameter 'subject_issuer' is not supported for standard token exchange",
    });
  });

  it('refuses scopes the caller does not have and unsupported token types', async () => {
    expect((await exchange({ scope: 'made-up' })).body).toEqual({
      error: 'invalid_scope',
      error_description: 'Invalid scopes: made-up',
    });
    expect((await exchange({ requested_token_type: 'urn:ietf:params:oauth:token-type:saml2' })).body).toEqual({
      error: 'invalid_request',
      error_description: 'requested_token_type unsupported',
    });
  });

  it('issues a refresh token when the client allows it, and an ID token in access_token when asked', async () => {
    const refresh = await exchange({ requested_token_type: 'urn:ietf:params:oauth:token-type:refresh_token' });
    expect(refresh.body).toMatchObject({ issued_token_type: 'urn:ietf:params:oauth:token-type:refresh_token' });
    expect(decodeJwt(String(refresh.body['refresh_token']))).toMatchObject({ typ: 'Refresh', azp: 'gateway' });
    const id = await exchange({ requested_token_type: 'urn:ietf:params:oauth:token-type:id_token' });
    expect(id.body).toMatchObject({
      token_type: 'N_A',
      issued_token_type: 'urn:ietf:params:oauth:token-type:id_token',
    });
    expect(decodeJwt(String(id.body['access_token']))).toMatchObject({ typ: 'ID', aud: 'gateway' });
  });
});
