import type { KeycloakAdmin } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClientFor } from './support/admin-client.js';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let admin: KeycloakAdmin;
const path = (rest: string) => `/admin/realms/${realm}${rest}`;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-events', {
    clients: [{ clientId: 'app', publicClient: true, directAccessGrantsEnabled: true }],
    users: [
      {
        username: 'alice',
        enabled: true,
        firstName: 'Alice',
        lastName: 'A',
        email: 'alice@example.com',
        credentials: [{ type: 'password', value: 'wonder' }],
      },
    ],
  });
  admin = adminClientFor(target, realm);
});
afterAll(async () => {
  await admin?.close();
  await target.close();
});

const login = (password: string) =>
  target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
    form: { grant_type: 'password', client_id: 'app', username: 'alice', password },
  });

describe(`events config (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it('answers the saved-by-default event types when the realm names none', async () => {
    const config = (await target.request('GET', path('/events/config'), { token: 'admin' })).json as Record<
      string,
      unknown
    >;
    expect(Object.keys(config)).toEqual([
      'eventsEnabled',
      'eventsListeners',
      'enabledEventTypes',
      'adminEventsEnabled',
      'adminEventsDetailsEnabled',
    ]);
    const types = config['enabledEventTypes'] as string[];
    expect(types.slice(0, 4)).toEqual(['LOGIN', 'LOGIN_ERROR', 'REGISTER', 'REGISTER_ERROR']);
    expect(types).toEqual(
      expect.arrayContaining(['CLIENT_LOGIN', 'TOKEN_EXCHANGE', 'UPDATE_CREDENTIAL', 'INVITE_ORG']),
    );
    expect(types).not.toContain('REFRESH_TOKEN');
    expect(types).not.toContain('INTROSPECT_TOKEN');
    expect(config).toMatchObject({
      eventsEnabled: false,
      eventsListeners: ['jboss-logging'],
      adminEventsEnabled: false,
      adminEventsDetailsEnabled: false,
    });
  });

  it("keeps the realm representation's own list empty", async () => {
    expect((await admin.getRealm(realm)).enabledEventTypes).toEqual([]);
  });

  it('answers the chosen types after set_events, and an unknown field is a 400', async () => {
    await admin.setEvents({
      eventsEnabled: true,
      enabledEventTypes: ['LOGIN', 'LOGIN_ERROR'],
      adminEventsEnabled: true,
      eventsExpiration: 3600,
    });
    const config = (await target.request('GET', path('/events/config'), { token: 'admin' })).json as Record<
      string,
      unknown
    >;
    // Keycloak keeps the types in a set: their order is not kept.
    expect({ ...config, enabledEventTypes: (config['enabledEventTypes'] as string[]).sort() }).toEqual({
      eventsEnabled: true,
      eventsExpiration: 3600,
      eventsListeners: ['jboss-logging'],
      enabledEventTypes: ['LOGIN', 'LOGIN_ERROR'],
      adminEventsEnabled: true,
      adminEventsDetailsEnabled: false,
    });
    const bad = await target.request('PUT', path('/events/config'), { token: 'admin', json: { nope: true } });
    expect(bad.status).toBe(400);
  });
});

describe('user and admin events', () => {
  it('records a login and a failed login, newest first, as get_events', async () => {
    await login('wonder');
    await login('wrong');
    const events = await admin.getEvents();
    expect(events.map((e) => [e.type, e.error])).toEqual([
      ['LOGIN_ERROR', 'invalid_user_credentials'],
      ['LOGIN', undefined],
    ]);
    expect(events[1]).toMatchObject({ clientId: 'app', details: { username: 'alice', grant_type: 'password' } });
    expect(await admin.getEvents({ type: ['LOGIN'] })).toHaveLength(1);
  });

  it('does not save a refresh when the types leave it out', async () => {
    const ok = (await login('wonder')).json as { refresh_token: string };
    await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
      form: { grant_type: 'refresh_token', client_id: 'app', refresh_token: ok.refresh_token },
    });
    expect((await admin.getEvents()).map((e) => e.type)).not.toContain('REFRESH_TOKEN');
  });

  it('records admin events with their operation and resource, as get_admin_events', async () => {
    await target.request('POST', path('/groups'), { token: 'admin', json: { name: 'audited' } });
    const events = await admin.getAdminEvents({ operationTypes: ['CREATE'] });
    expect(events[0]).toMatchObject({
      operationType: 'CREATE',
      resourceType: 'GROUP',
      resourcePath: expect.stringMatching(/^groups\/[0-9a-f-]{36}$/),
    });
    expect(events[0]).not.toHaveProperty('representation');
  });

  it('clears user and admin events with 204', async () => {
    expect((await target.request('DELETE', path('/events'), { token: 'admin' })).status).toBe(204);
    expect((await target.request('DELETE', path('/admin-events'), { token: 'admin' })).status).toBe(204);
    expect(await admin.getEvents()).toEqual([]);
  });
});

// Keycloak's brute-force protector records a failure on its own thread, a moment after the login answered.
async function failuresRecorded(userId: string): Promise<{ numFailures?: number }> {
  for (let attempt = 0; ; attempt++) {
    const status = await admin.getBruteforceDetectionStatus(userId);
    if (status.numFailures !== 0 || attempt === 50) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('attack detection', () => {
  const zero = {
    failedLoginNotBefore: 0,
    numFailures: 0,
    numTemporaryLockouts: 0,
    disabled: false,
    numSecondaryAuthFailures: 0,
    lastIPFailure: 'n/a',
    lastFailure: 0,
  };

  it("answers the zero status for an unknown user id, in Keycloak's key order", async () => {
    const answer = await target.request('GET', path('/attack-detection/brute-force/users/nope'), { token: 'admin' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(zero);
    expect(Object.keys(answer.json as object)).toEqual(Object.keys(zero));
  });

  it('answers zeros for a user of a realm without brute-force protection, even after failures', async () => {
    const [alice] = await admin.getUsers({ username: 'alice', exact: true });
    await login('wrong');
    expect(await admin.getBruteforceDetectionStatus(alice!.id!)).toEqual(zero);
  });

  it('counts failures once protection is on, and clears them', async () => {
    await admin.updateRealm(realm, { bruteForceProtected: true, failureFactor: 5 });
    const [alice] = await admin.getUsers({ username: 'alice', exact: true });
    await login('wrong');
    const status = await failuresRecorded(alice!.id!);
    expect(status).toMatchObject({
      numFailures: 1,
      disabled: false,
      lastIPFailure: '127.0.0.1',
      failedLoginNotBefore: 0,
    });
    await admin.clearBruteforceAttemptsForUser(alice!.id!);
    expect(await admin.getBruteforceDetectionStatus(alice!.id!)).toEqual(zero);
    await login('wrong');
    await failuresRecorded(alice!.id!);
    await admin.clearAllBruteforceAttempts();
    expect(await admin.getBruteforceDetectionStatus(alice!.id!)).toEqual(zero);
  });
});
