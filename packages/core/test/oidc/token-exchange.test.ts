import { KeycloakAuthenticationError, KeycloakOpenID } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/failure.js';
import { demoRealm } from './support/realm.js';

const ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
const REFRESH = 'urn:ietf:params:oauth:token-type:refresh_token';
const audienceTo = (client: string) => ({
  name: `${client}-audience`,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-audience-mapper',
  config: { 'included.client.audience': client, 'access.token.claim': 'true' },
});
const exchangeEnabled = { 'standard.token.exchange.enabled': 'true' };

let kc: KeycloakTestServer;
let frontend: KeycloakOpenID;
let gateway: KeycloakOpenID;
let subjectToken: string;

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      {
        ...demoRealm,
        // alice also holds a role of `reports`, so it is an audience she can reach besides `app`.
        roles: { ...demoRealm.roles, client: { ...demoRealm.roles?.client, reports: [{ name: 'viewer' }] } },
        users: demoRealm.users?.map((user) => ({ ...user, clientRoles: { ...user.clientRoles, reports: ['viewer'] } })),
        clients: [
          { clientId: 'reports', bearerOnly: true },
          ...(demoRealm.clients ?? []),
          {
            clientId: 'frontend',
            publicClient: true,
            directAccessGrantsEnabled: true,
            protocolMappers: [audienceTo('gateway')],
          },
          {
            clientId: 'gateway',
            secret: 'gw-secret',
            attributes: {
              ...exchangeEnabled,
              'standard.token.exchange.enableRefreshRequestedTokenType': 'SAME_SESSION',
            },
          },
          {
            clientId: 'strict-frontend',
            publicClient: true,
            directAccessGrantsEnabled: true,
            protocolMappers: [audienceTo('strict')],
          },
          { clientId: 'strict', secret: 'strict-secret', attributes: exchangeEnabled },
          { clientId: 'outsider', secret: 'out-secret', attributes: exchangeEnabled },
        ],
      },
    ],
  });
  frontend = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'frontend' });
  gateway = new KeycloakOpenID({
    serverUrl: kc.url,
    realmName: 'demo',
    clientId: 'gateway',
    clientSecretKey: 'gw-secret',
  });
  subjectToken = (await frontend.token('alice', 'wonder')).access_token;
});
afterAll(async () => {
  await Promise.all([frontend.close(), gateway.close()]);
  await kc.close();
});

function client(clientId: string, clientSecretKey: string): KeycloakOpenID {
  return new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId, clientSecretKey });
}

describe('exchangeToken (standard token exchange V2)', () => {
  it('exchanges an access token for one of the calling client in the same session', async () => {
    const exchanged = await gateway.exchangeToken(subjectToken, { requestedTokenType: ACCESS });
    expect(exchanged).toMatchObject({ token_type: 'Bearer', issued_token_type: ACCESS });
    expect(exchanged.refresh_token).toBeUndefined();
    const subject = await frontend.decodeToken(subjectToken);
    const claims = await gateway.decodeToken(exchanged.access_token);
    expect(claims).toMatchObject({ azp: 'gateway', sub: subject.sub, sid: subject.sid, preferred_username: 'alice' });
    expect(await gateway.userinfo(exchanged.access_token)).toMatchObject({
      sub: subject.sub,
      preferred_username: 'alice',
    });
  });

  it('requests a refresh token by default, as python-keycloak, when the client allows it', async () => {
    const exchanged = await gateway.exchangeToken(subjectToken);
    expect(exchanged.issued_token_type).toBe(REFRESH);
    const refresh = await gateway.decodeToken<Record<string, unknown>>(exchanged.refresh_token ?? '', {
      validate: false,
    });
    expect(refresh).toMatchObject({ typ: 'Refresh', azp: 'gateway' });
    const refreshed = await gateway.refreshToken(exchanged.refresh_token ?? '');
    expect((await gateway.decodeToken(refreshed.access_token)).azp).toBe('gateway');
  });

  it('refuses the default refresh token type for a client that does not allow it', async () => {
    const strictFrontend = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'strict-frontend' });
    const strict = client('strict', 'strict-secret');
    const error = await failure(strict.exchangeToken((await strictFrontend.token('alice', 'wonder')).access_token));
    await Promise.all([strict.close(), strictFrontend.close()]);
    expect(error.name).toBe('KeycloakPostError');
    expect(error.status).toBe(400);
    expect(error.body).toEqual({ error: 'invalid_request', error_description: 'requested_token_type unsupported' });
  });

  it('narrows the audience of the new token to the requested one', async () => {
    const exchanged = await gateway.exchangeToken(subjectToken, { requestedTokenType: ACCESS, audience: 'app' });
    const claims = await gateway.decodeToken(exchanged.access_token, { audience: 'app' });
    expect(claims.aud).toBe('app');
    await expect(gateway.decodeToken(exchanged.access_token, { audience: 'gateway' })).rejects.toMatchObject({
      reason: 'audience_mismatch',
    });
  });

  it('repeats the audience parameter for several audiences', async () => {
    const exchanged = await gateway.exchangeToken(subjectToken, {
      requestedTokenType: ACCESS,
      audience: ['app', 'reports'],
    });
    const { aud } = await gateway.decodeToken(exchanged.access_token, { audience: 'reports' });
    expect([aud].flat().sort()).toEqual(['app', 'reports']);
  });

  it("refuses an audience the user cannot reach and an unknown audience, with Keycloak's bodies", async () => {
    const unreachable = await failure(
      gateway.exchangeToken(subjectToken, { requestedTokenType: ACCESS, audience: 'frontend' }),
    );
    expect(unreachable.name).toBe('KeycloakPostError');
    expect(unreachable.status).toBe(400);
    expect(unreachable.body).toEqual({
      error: 'invalid_request',
      error_description: 'Requested audience not available: frontend',
    });
    const unknown = await failure(
      gateway.exchangeToken(subjectToken, { requestedTokenType: ACCESS, audience: 'nobody' }),
    );
    expect(unknown.name).toBe('KeycloakPostError');
    expect(unknown.body).toEqual({ error: 'invalid_client', error_description: 'Audience not found' });
  });

  it('refuses a caller outside the subject token audience with 403', async () => {
    const outsider = client('outsider', 'out-secret');
    const error = await failure(outsider.exchangeToken(subjectToken, { requestedTokenType: ACCESS }));
    await outsider.close();
    expect(error.name).toBe('KeycloakPostError');
    expect(error.status).toBe(403);
    expect(error.body).toEqual({
      error: 'access_denied',
      error_description: 'Client is not within the token audience',
    });
  });

  it('refuses a client without standard token exchange', async () => {
    const app = client('app', 'app-secret');
    const error = await failure(app.exchangeToken(subjectToken, { requestedTokenType: ACCESS }));
    await app.close();
    expect(error.body).toEqual({
      error: 'invalid_request',
      error_description: 'Standard token exchange is not enabled for the requested client',
    });
  });

  it('refuses a garbage subject token without echoing it', async () => {
    const error = await failure(gateway.exchangeToken('garbage-subject', { requestedTokenType: ACCESS }));
    expect(error.status).toBe(400);
    expect(error.body).toEqual({ error: 'invalid_request', error_description: 'Invalid token' });
    expect(error.message).not.toContain('garbage-subject');
  });

  it('refuses a wrong client secret as an authentication failure', async () => {
    const wrong = client('gateway', 'not-the-secret');
    const error = await failure(wrong.exchangeToken(subjectToken, { requestedTokenType: ACCESS }));
    await wrong.close();
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.status).toBe(401);
  });

  it("reports python-keycloak's impersonation (subject) as unsupported by the standard exchange", async () => {
    const error = await failure(gateway.exchangeToken(subjectToken, { audience: 'gateway', subject: 'alice' }));
    expect(error.name).toBe('KeycloakPostError');
    expect(error.body).toEqual({
      error: 'invalid_request',
      error_description: "Parameter 'requested_subject' is not supported for standard token exchange",
    });
  });
});
