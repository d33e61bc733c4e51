import { KeycloakPutError } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { demoRealm, rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer([demoRealm]);
const demoAdmin = () => kc.admin({ realmName: 'demo', userRealmName: 'master' });
const login = (password: string) =>
  fetch(`${kc.server.url}/realms/demo/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'app',
      client_secret: 'app-secret',
      username: 'alice',
      password,
    }),
  });

describe('KeycloakAdmin event methods', () => {
  it('turns events on with setEvents, then reads user events filtered by type, and iterates them', async () => {
    const admin = demoAdmin();
    await admin.setEvents({ eventsEnabled: true, adminEventsEnabled: true });
    await login('wonder');
    await login('wrong');
    const events = await admin.getEvents();
    expect(events.map((e) => e.type)).toEqual(['LOGIN_ERROR', 'LOGIN']);
    await expect(admin.getEvents({ type: ['LOGIN'] })).resolves.toMatchObject([
      { type: 'LOGIN', clientId: 'app', details: { username: 'alice' } },
    ]);
    const iterated = [];
    for await (const event of admin.iterateEvents({}, { pageSize: 1 })) iterated.push(event.type);
    expect(iterated).toEqual(['LOGIN_ERROR', 'LOGIN']);
  });

  it('reads admin events of the writes it made, filtered by operation type', async () => {
    const admin = demoAdmin();
    await admin.createAuthenticationFlow({ alias: 'audited', topLevel: true });
    const events = await admin.getAdminEvents({ operationTypes: ['CREATE'] });
    expect(events[0]).toMatchObject({ operationType: 'CREATE', resourceType: 'AUTH_FLOW' });
    const all = [];
    for await (const event of admin.iterateAdminEvents()) all.push(event);
    expect(all.length).toBeGreaterThanOrEqual(2);
  });

  it('fails a config field Keycloak does not know with KeycloakPutError 400', async () => {
    const error = await rejectionOf(demoAdmin().setEvents({ eventsEnabled: true, ...{ nonsense: true } }));
    expect(error).toBeInstanceOf(KeycloakPutError);
    expect(error).toMatchObject({ status: 400 });
  });
});

describe('KeycloakAdmin brute force methods', () => {
  it("reads a locked-out user's status and clears it for that user or all users", async () => {
    const admin = demoAdmin();
    await admin.updateRealm('demo', { bruteForceProtected: true, failureFactor: 1, quickLoginCheckMilliSeconds: 0 });
    const aliceId = (await admin.getUserId('alice')) ?? '';
    await login('bad');
    await expect(admin.getBruteforceDetectionStatus(aliceId)).resolves.toMatchObject({
      numFailures: 1,
      disabled: true,
    });
    expect((await login('wonder')).status).toBe(400);
    await admin.clearBruteforceAttemptsForUser(aliceId);
    await expect(admin.getBruteforceDetectionStatus(aliceId)).resolves.toMatchObject({
      numFailures: 0,
      disabled: false,
    });
    await login('bad');
    await admin.clearAllBruteforceAttempts();
    expect((await login('wonder')).status).toBe(200);
    // An id without failures, known or not, answers the zero status (AttackDetectionResource), not a 404.
    await expect(admin.getBruteforceDetectionStatus('nobody')).resolves.toMatchObject({
      numFailures: 0,
      disabled: false,
      lastIPFailure: 'n/a',
    });
  });
});
