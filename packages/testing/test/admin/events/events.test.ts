import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm, postForm } from '../../support.js';
import { EVENT_TYPES_SAVED_BY_DEFAULT } from '../../../src/events/event-types.js';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let token: string;
type Json = Record<string, unknown>;

const call = (method: string, path: string, body?: unknown, as = token) =>
  adminCall(kc, method, `/demo${path}`, as, body);
const login = (username: string, password: string) =>
  postForm(`${kc.url}/realms/demo/protocol/openid-connect/token`, {
    grant_type: 'password',
    client_id: 'web',
    username,
    password,
  });
const aliceId = (): string =>
  [...(kc.model.realm('demo')?.users.values() ?? [])].find((u) => u.username === 'alice')?.id ?? '';

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  token = await tokenFor(kc, 'master', 'admin', 'admin');
});
afterAll(() => kc.close());

describe('events config and user events', () => {
  it('answers the default events config and stores nothing while events are off', async () => {
    expect((await call('GET', '/events/config')).body).toEqual({
      eventsEnabled: false,
      eventsListeners: ['jboss-logging'],
      enabledEventTypes: EVENT_TYPES_SAVED_BY_DEFAULT,
      adminEventsEnabled: false,
      adminEventsDetailsEnabled: false,
    });
    expect(EVENT_TYPES_SAVED_BY_DEFAULT).toContain('LOGIN');
    expect(EVENT_TYPES_SAVED_BY_DEFAULT).not.toContain('REFRESH_TOKEN');
    await login('alice', 'wonder');
    expect((await call('GET', '/events')).body).toEqual([]);
  });

  it('records LOGIN and LOGIN_ERROR once enabled (REFRESH_TOKEN is not saved by default), newest first, filtered by type and user', async () => {
    expect(
      (
        await call('PUT', '/events/config', {
          eventsEnabled: true,
          adminEventsEnabled: true,
          adminEventsDetailsEnabled: true,
        })
      ).status,
    ).toBe(204);
    const ok = await login('alice', 'wonder');
    await login('alice', 'wrong');
    await login('nobody', 'x');
    await postForm(`${kc.url}/realms/demo/protocol/openid-connect/token`, {
      grant_type: 'refresh_token',
      client_id: 'web',
      refresh_token: String(ok.body['refresh_token']),
    });
    const events = (await call('GET', '/events')).body as Json[];
    expect(events.map((e) => [e['type'], e['error']])).toEqual([
      ['LOGIN_ERROR', 'user_not_found'],
      ['LOGIN_ERROR', 'invalid_user_credentials'],
      ['LOGIN', undefined],
    ]);
    expect(events[2]).toMatchObject({
      realmId: kc.model.realm('demo')?.id,
      clientId: 'web',
      userId: aliceId(),
      sessionId: ok.body['session_state'],
      details: { grant_type: 'password', username: 'alice' },
    });
    expect((await call('GET', '/events?type=LOGIN_ERROR')).body as Json[]).toHaveLength(2);
    expect((await call('GET', `/events?user=${aliceId()}&type=LOGIN`)).body as Json[]).toHaveLength(1);
    expect(((await call('GET', '/events?first=1&max=2')).body as Json[]).map((e) => e['type'])).toEqual([
      'LOGIN_ERROR',
      'LOGIN',
    ]);
    expect((await call('GET', '/events?dateTo=2000-01-01')).body as Json[]).toEqual([]);
  });

  it('stores only the enabled event types when the list is not empty, and clears events on DELETE', async () => {
    await call('PUT', '/events/config', { enabledEventTypes: ['LOGIN_ERROR'] });
    expect((await call('DELETE', '/events')).status).toBe(204);
    await login('alice', 'wonder');
    await login('alice', 'bad');
    expect(((await call('GET', '/events')).body as Json[]).map((e) => e['type'])).toEqual(['LOGIN_ERROR']);
    await call('PUT', '/events/config', { enabledEventTypes: [] });
  });

  it('refuses an unknown config field and callers without view-events / manage-events', async () => {
    expect(await call('PUT', '/events/config', { eventsEnabled: true, bogus: 1 })).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('Unrecognized field "bogus"') },
    });
    addAdminUser(kc, 'demo', 'event-viewer', 'event-viewer', 'realm-management', ['view-events']);
    const viewer = await tokenFor(kc, 'demo', 'event-viewer', 'event-viewer');
    expect((await call('GET', '/events', undefined, viewer)).status).toBe(200);
    expect((await call('PUT', '/events/config', { eventsEnabled: false }, viewer)).status).toBe(403);
    expect((await call('DELETE', '/admin-events', undefined, viewer)).status).toBe(403);
    expect((await adminCall(kc, 'GET', '/demo/events')).status).toBe(401);
  });
});

describe('admin events', () => {
  it('records successful writes with operation, resource type, path and representation; not reads or failures', async () => {
    await call('DELETE', '/admin-events');
    const created = await call('POST', '/authentication/flows', { alias: 'audited', topLevel: true });
    const id = created.headers.get('location')?.split('/').pop();
    await call('GET', `/authentication/flows/${id}`);
    await call('POST', '/authentication/flows', { alias: 'audited' });
    await call('DELETE', `/authentication/flows/${id}`);
    const events = (await call('GET', '/admin-events')).body as Json[];
    expect(events.map((e) => [e['operationType'], e['resourceType'], e['resourcePath']])).toEqual([
      ['DELETE', 'AUTH_FLOW', `authentication/flows/${id}`],
      ['CREATE', 'AUTH_FLOW', `authentication/flows/${id}`],
    ]);
    expect(JSON.parse(String(events[1]?.['representation']))).toMatchObject({ alias: 'audited' });
    const master = kc.model.realm('master');
    expect(events[0]?.['authDetails']).toMatchObject({
      realmId: master?.id,
      clientId: master?.clients.get('admin-cli')?.id,
    });
    expect((await call('GET', '/admin-events?operationTypes=CREATE')).body as Json[]).toHaveLength(1);
    expect((await call('GET', '/admin-events?resourcePath=authentication/*')).body as Json[]).toHaveLength(2);
  });
});

describe('brute force detection', () => {
  it('reports the zero status for a user of a realm without protection, and for an unknown user id', async () => {
    const zero = {
      failedLoginNotBefore: 0,
      numFailures: 0,
      numTemporaryLockouts: 0,
      disabled: false,
      numSecondaryAuthFailures: 0,
      lastIPFailure: 'n/a',
      lastFailure: 0,
    };
    expect((await call('GET', `/attack-detection/brute-force/users/${aliceId()}`)).body).toEqual(zero);
    expect(await call('GET', '/attack-detection/brute-force/users/nope')).toMatchObject({ status: 200, body: zero });
  });

  it('locks a user out after failureFactor failures, with the same answer as a wrong password, until cleared', async () => {
    await adminCall(kc, 'PUT', '/demo', token, {
      bruteForceProtected: true,
      failureFactor: 2,
      waitIncrementSeconds: 60,
      quickLoginCheckMilliSeconds: 0,
    });
    await login('alice', 'bad1');
    kc.clock.advance(5000);
    const failedAt = kc.clock.now();
    await login('alice', 'bad2');
    const status = (await call('GET', `/attack-detection/brute-force/users/${aliceId()}`)).body as Json;
    expect(status).toMatchObject({ numFailures: 2, disabled: true, lastIPFailure: '127.0.0.1' });
    expect(status['lastFailure']).toBeGreaterThanOrEqual(failedAt);
    expect(await login('alice', 'wonder')).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid user credentials' },
    });
    kc.clock.advance(61_000);
    expect((await login('alice', 'wonder')).status).toBe(200);
    // The master admin token lives 60 s: the clock moved past it.
    token = await tokenFor(kc, 'master', 'admin', 'admin');

    await login('alice', 'bad1');
    kc.clock.advance(5000);
    await login('alice', 'bad2');
    expect((await call('DELETE', `/attack-detection/brute-force/users/${aliceId()}`)).status).toBe(204);
    expect((await login('alice', 'wonder')).status).toBe(200);
  });

  it('locks for the quick-login wait when failures come faster than quickLoginCheckMilliSeconds', async () => {
    await adminCall(kc, 'PUT', '/demo', token, {
      failureFactor: 30,
      quickLoginCheckMilliSeconds: 1000,
      minimumQuickLoginWaitSeconds: 60,
    });
    await login('alice', 'bad1');
    kc.clock.advance(100);
    await login('alice', 'bad2');
    expect((await login('alice', 'wonder')).status).toBe(400);
    expect((await call('DELETE', '/attack-detection/brute-force/users')).status).toBe(204);
    expect((await login('alice', 'wonder')).status).toBe(200);
  });

  it('disables the user with permanentLockout, and clearing enables it again', async () => {
    await adminCall(kc, 'PUT', '/demo', token, {
      permanentLockout: true,
      failureFactor: 1,
      quickLoginCheckMilliSeconds: 0,
    });
    await login('alice', 'bad');
    expect(kc.model.realm('demo')?.users.get(aliceId())?.enabled).toBe(false);
    expect((await call('GET', `/attack-detection/brute-force/users/${aliceId()}`)).body).toMatchObject({
      disabled: true,
    });
    await call('DELETE', `/attack-detection/brute-force/users/${aliceId()}`);
    expect(kc.model.realm('demo')?.users.get(aliceId())?.enabled).toBe(true);
    await adminCall(kc, 'PUT', '/demo', token, { bruteForceProtected: false, permanentLockout: false });
  });

  it('needs view-users to read and manage-users to clear', async () => {
    addAdminUser(kc, 'demo', 'user-viewer', 'user-viewer', 'realm-management', ['view-users']);
    const viewer = await tokenFor(kc, 'demo', 'user-viewer', 'user-viewer');
    expect((await call('GET', `/attack-detection/brute-force/users/${aliceId()}`, undefined, viewer)).status).toBe(200);
    expect((await call('DELETE', '/attack-detection/brute-force/users', undefined, viewer)).status).toBe(403);
  });
});
