import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, TestClock, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';
import { postForm } from '../../support.js';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

const realm: RealmRepresentation = {
  realm: 'ux',
  enabled: true,
  smtpServer: { host: 'localhost', from: 'keycloak@example.com' },
  users: [
    {
      username: 'alice',
      enabled: true,
      email: 'alice@example.com',
      credentials: [{ type: 'password', value: 'wonder' }],
      realmRoles: ['default-roles-ux'],
    },
    { username: 'nomail', enabled: true },
    { username: 'off', enabled: false, email: 'off@example.com' },
  ],
  clients: [
    {
      clientId: 'app',
      secret: 'app-secret',
      directAccessGrantsEnabled: true,
      redirectUris: ['https://app.example.com/*'],
    },
    { clientId: 'shut', enabled: false },
  ],
};

let kc: KeycloakTestServer;
let token: string;
type Json = Record<string, unknown>;

const call = (method: string, path: string, body?: unknown, as = token) =>
  adminCall(kc, method, `/ux${path}`, as, body);
const userId = (username: string): string =>
  [...(kc.model.realm('ux')?.users.values() ?? [])].find((u) => u.username === username)?.id ?? '';
const login = (scope = 'openid') =>
  postForm(`${kc.url}/realms/ux/protocol/openid-connect/token`, {
    grant_type: 'password',
    client_id: 'app',
    client_secret: 'app-secret',
    username: 'alice',
    password: 'wonder',
    scope,
  });

beforeAll(async () => {
  kc = await startKeycloak({ realms: [realm], clock: new TestClock(undefined, true) });
  token = await tokenFor(kc, 'master', 'admin', 'admin');
});
afterAll(() => kc.close());

describe('credentials', () => {
  it('lists the password without secret data and deletes it by id', async () => {
    const alice = userId('alice');
    const { body } = await call('GET', `/users/${alice}/credentials`);
    const [password] = body as Json[];
    expect(password).toEqual({
      id: expect.any(String),
      type: 'password',
      createdDate: expect.any(Number),
      credentialData: '{"hashIterations":210000,"algorithm":"pbkdf2-sha512","additionalParameters":{}}',
    });
    expect(await call('DELETE', `/users/${alice}/credentials/nope`)).toMatchObject({
      status: 404,
      body: { error: 'Credential not found' },
    });
    expect((await call('DELETE', `/users/${alice}/credentials/${String(password?.['id'])}`)).status).toBe(204);
    expect(await login()).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid user credentials' },
    });
    const user = kc.model.realm('ux')?.users.get(alice);
    if (user) user.password = { kind: 'plain', id: 'restored', value: 'wonder', createdDate: 0 };
  });
});

describe('sessions, logout and consents', () => {
  it('lists online sessions as UserSessionRepresentation and ends them on logout', async () => {
    const alice = userId('alice');
    const issued = await login();
    expect(issued.body).toMatchObject({ token_type: 'Bearer' });
    const { body } = await call('GET', `/users/${alice}/sessions`);
    const app = kc.model.realm('ux')?.clients.get('app');
    expect(body).toEqual([
      {
        id: expect.any(String),
        username: 'alice',
        userId: alice,
        ipAddress: '127.0.0.1',
        start: expect.any(Number),
        lastAccess: expect.any(Number),
        rememberMe: false,
        clients: { [app?.id ?? '']: 'app' },
        transientUser: false,
      },
    ]);
    expect((await call('POST', `/users/${alice}/logout`)).status).toBe(204);
    expect((await call('GET', `/users/${alice}/sessions`)).body).toEqual([]);
    expect(kc.model.realm('ux')?.users.get(alice)?.notBefore).toBe(Math.floor(kc.clock.now() / 1000));
    const refreshed = await postForm(`${kc.url}/realms/ux/protocol/openid-connect/token`, {
      grant_type: 'refresh_token',
      client_id: 'app',
      client_secret: 'app-secret',
      refresh_token: String(issued.body['refresh_token']),
    });
    expect(refreshed.status).toBe(400);
  });

  it('lists an offline token as a consent and revokes it by clientId', async () => {
    const alice = userId('alice');
    expect((await login('openid offline_access')).status).toBe(200);
    const app = kc.model.realm('ux')?.clients.get('app');
    expect((await call('GET', `/users/${alice}/consents`)).body).toEqual([
      {
        clientId: 'app',
        grantedClientScopes: [],
        createdDate: null,
        lastUpdatedDate: null,
        additionalGrants: [{ client: app?.id, key: 'Offline Token' }],
      },
    ]);
    expect((await call('DELETE', `/users/${alice}/consents/app`)).status).toBe(204);
    expect((await call('GET', `/users/${alice}/consents`)).body).toEqual([]);
    expect(await call('DELETE', `/users/${alice}/consents/app`)).toMatchObject({
      status: 404,
      body: { error: 'Consent nor offline token not found' },
    });
    expect(await call('DELETE', `/users/${alice}/consents/ghost`)).toMatchObject({
      status: 404,
      body: { error: 'Client not found' },
    });
  });
});

describe('social logins', () => {
  it('adds, lists and removes a link, with 409 for a second link and 404 for a missing one', async () => {
    const alice = userId('alice');
    expect((await call('POST', '/identity-provider/instances', { alias: 'github', providerId: 'github' })).status).toBe(
      201,
    );
    expect(
      (
        await call('POST', `/users/${alice}/federated-identity/github`, {
          identityProvider: 'github',
          userId: '42',
          userName: 'al',
        })
      ).status,
    ).toBe(204);
    expect((await call('GET', `/users/${alice}/federated-identity`)).body).toEqual([
      { identityProvider: 'github', userId: '42', userName: 'al' },
    ]);
    expect(await call('POST', `/users/${alice}/federated-identity/github`, { userId: '43' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'User is already linked with provider' },
    });
    expect((await call('DELETE', `/users/${alice}/federated-identity/github`)).status).toBe(204);
    expect(await call('DELETE', `/users/${alice}/federated-identity/github`)).toMatchObject({
      status: 404,
      body: { error: 'Link not found' },
    });
  });

  it('lists only links to identity providers the realm has, as Keycloak does', async () => {
    const alice = userId('alice');
    expect(
      (await call('POST', `/users/${alice}/federated-identity/gitlab`, { userId: '7', userName: 'al' })).status,
    ).toBe(204);
    expect((await call('GET', `/users/${alice}/federated-identity`)).body).toEqual([]);
    expect((await call('POST', '/identity-provider/instances', { alias: 'gitlab', providerId: 'gitlab' })).status).toBe(
      201,
    );
    expect((await call('GET', `/users/${alice}/federated-identity`)).body).toEqual([
      { identityProvider: 'gitlab', userId: '7', userName: 'al' },
    ]);
    expect((await call('DELETE', '/identity-provider/instances/gitlab')).status).toBe(204);
    expect((await call('GET', `/users/${alice}/federated-identity`)).body).toEqual([]);
  });
});

describe('e-mail actions', () => {
  it('records an execute-actions e-mail in the outbox instead of sending it', async () => {
    kc.mail.clear();
    const alice = userId('alice');
    const answer = await call(
      'PUT',
      `/users/${alice}/execute-actions-email?client_id=app&redirect_uri=${encodeURIComponent('https://app.example.com/done')}&lifespan=600`,
      ['UPDATE_PASSWORD'],
    );
    expect(answer.status).toBe(204);
    expect(kc.mail.sent).toEqual([
      {
        kind: 'execute-actions',
        realm: 'ux',
        userId: alice,
        to: 'alice@example.com',
        actions: ['UPDATE_PASSWORD'],
        clientId: 'app',
        redirectUri: 'https://app.example.com/done',
        lifespanSeconds: 600,
        sentAtMs: kc.clock.now(),
      },
    ]);
  });

  it("records a verify-email e-mail with Keycloak's defaults", async () => {
    kc.mail.clear();
    expect((await call('PUT', `/users/${userId('alice')}/send-verify-email`)).status).toBe(204);
    expect(kc.mail.sent).toEqual([
      expect.objectContaining({ kind: 'verify-email', actions: [], clientId: 'admin-cli', lifespanSeconds: 43200 }),
    ]);
  });

  it("answers Keycloak's 400s for a user or client that cannot receive the e-mail", async () => {
    const cases: [string, string, unknown, string][] = [
      [userId('nomail'), '', [], 'User email missing'],
      [userId('off'), '', [], 'User is disabled'],
      [userId('alice'), '?redirect_uri=https://x', [], 'Client id missing'],
      [userId('alice'), '?client_id=ghost', [], "Client doesn't exist"],
      [userId('alice'), '?client_id=shut', [], 'Client is not enabled'],
      [userId('alice'), '?client_id=app&redirect_uri=https://evil.example.com/', [], 'Invalid redirect uri.'],
      [userId('alice'), '', ['FLY'], 'Provided invalid required actions'],
    ];
    for (const [id, query, body, message] of cases) {
      expect(await call('PUT', `/users/${id}/execute-actions-email${query}`, body)).toMatchObject({
        status: 400,
        body: { errorMessage: message },
      });
    }
    expect(await call('PUT', `/users/${userId('alice')}/execute-actions-email`, { not: 'a list' })).toMatchObject({
      status: 400,
      body: { error_description: 'Cannot parse the JSON' },
    });
  });

  it('answers 500 as a Keycloak without SMTP when the outbox is set to fail', async () => {
    kc.mail.clear();
    kc.mail.failing = true;
    try {
      expect(await call('PUT', `/users/${userId('alice')}/execute-actions-email`, [])).toMatchObject({
        status: 500,
        body: { errorMessage: 'Failed to send execute actions email' },
      });
      expect(await call('PUT', `/users/${userId('alice')}/send-verify-email`)).toMatchObject({
        status: 500,
        body: { errorMessage: 'Failed to send verify email' },
      });
      expect(kc.mail.sent).toEqual([]);
    } finally {
      kc.mail.failing = false;
    }
  });
});

describe('permissions', () => {
  it('answers 401 without a token, 403 to a viewer who writes, 404 for an unknown user', async () => {
    addAdminUser(kc, 'ux', 'viewer', 'pw', 'realm-management', ['view-users']);
    const viewer = await tokenFor(kc, 'ux', 'viewer', 'pw');
    const alice = userId('alice');
    expect((await adminCall(kc, 'GET', `/ux/users/${alice}/sessions`)).status).toBe(401);
    expect((await call('GET', `/users/${alice}/credentials`, undefined, viewer)).status).toBe(200);
    for (const [method, path] of [
      ['POST', 'logout'],
      ['DELETE', 'consents/app'],
      ['PUT', 'send-verify-email'],
      ['DELETE', 'federated-identity/x'],
    ]) {
      expect((await call(method ?? '', `/users/${alice}/${path ?? ''}`, undefined, viewer)).status).toBe(403);
    }
    expect(await call('GET', '/users/nope/sessions')).toMatchObject({ status: 404, body: { error: 'User not found' } });
  });
});
