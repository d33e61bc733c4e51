import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-console-whoami', {
    clients: [
      {
        clientId: 'my-console',
        publicClient: true,
        directAccessGrantsEnabled: true,
        attributes: { 'security.admin.console': 'true' },
      },
      { clientId: 'plain', publicClient: true, directAccessGrantsEnabled: true },
    ],
    users: [
      {
        username: 'viewer',
        enabled: true,
        firstName: 'Vera',
        lastName: 'Viewer',
        email: 'vera@example.com',
        credentials: [{ type: 'password', value: 'pw' }],
        clientRoles: { 'realm-management': ['view-users'] },
      },
      {
        username: 'nobody',
        enabled: true,
        firstName: 'No',
        lastName: 'Body',
        email: 'no@example.com',
        credentials: [{ type: 'password', value: 'pw' }],
      },
    ],
  });
});
afterAll(() => target.close());

async function tokenOf(clientId: string, username: string): Promise<string> {
  const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
    form: { grant_type: 'password', client_id: clientId, username, password: 'pw' },
  });
  return (answer.json as { access_token: string }).access_token;
}

describe(`the admin console's whoami (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it('answers the user, the display name and the admin roles for a console token', async () => {
    const answer = await target.request('GET', `/admin/${realm}/console/whoami`, {
      token: await tokenOf('my-console', 'viewer'),
    });
    expect(answer.status).toBe(200);
    const body = answer.json as Record<string, unknown>;
    expect(body).toEqual({
      userId: expect.any(String),
      realm,
      displayName: 'Vera Viewer',
      locale: 'en',
      createRealm: false,
      realm_access: { [realm]: expect.any(Array) },
      temporary: false,
    });
    expect(((body['realm_access'] as Record<string, string[]>)[realm] ?? []).sort()).toEqual([
      'query-groups',
      'query-users',
      'view-users',
    ]);
  });

  it('answers 403 naming the client for a token of another application', async () => {
    const answer = await target.request('GET', `/admin/${realm}/console/whoami`, {
      token: await tokenOf('plain', 'viewer'),
    });
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'Token issued for an application that is not the admin console: plain' },
    ]);
  });

  it('answers 403 "No realm access" for a user without admin roles', async () => {
    const answer = await target.request('GET', `/admin/${realm}/console/whoami`, {
      token: await tokenOf('my-console', 'nobody'),
    });
    expect([answer.status, answer.json]).toEqual([403, { error: 'No realm access' }]);
  });

  it('answers 401 without a token, and for a token of another realm', async () => {
    expect((await target.request('GET', `/admin/${realm}/console/whoami`)).status).toBe(401);
    const other = await target.request('GET', `/admin/${realm}/console/whoami`, { token: 'admin' });
    expect([other.status, other.json]).toEqual([401, { error: 'HTTP 401 Unauthorized' }]);
  });

  it('answers 403 for the master admin-cli token on master', async () => {
    const answer = await target.request('GET', '/admin/master/console/whoami', { token: 'admin' });
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'Token issued for an application that is not the admin console: admin-cli' },
    ]);
  });
});
