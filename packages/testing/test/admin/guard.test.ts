import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm } from '../support.js';
import { addAdminUser, adminCall, tokenFor } from './admin-support.js';

let kc: KeycloakTestServer;
let master: string;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm, { realm: 'other', enabled: true }] });
  addAdminUser(kc, 'master', 'creator', 'pw', 'master', ['create-realm']);
  addAdminUser(kc, 'master', 'demo-viewer', 'pw', 'demo-realm', ['view-users']);
  addAdminUser(kc, 'demo', 'helpdesk', 'pw', 'realm-management', ['query-users']);
  addAdminUser(kc, 'demo', 'reader', 'pw', 'realm-management', ['view-users', 'view-realm']);
  addAdminUser(kc, 'demo', 'owner', 'pw', 'realm-management', ['realm-admin']);
  master = await tokenFor(kc, 'master', 'admin', 'admin');
});
afterAll(() => kc.close());

const UNAUTHORIZED = { error: 'HTTP 401 Unauthorized' };
const FORBIDDEN = { error: 'HTTP 403 Forbidden' };

describe('authentication of admin requests', () => {
  it('answers 401 with Keycloak body and no WWW-Authenticate when no token is sent', async () => {
    const answer = await adminCall(kc, 'GET', '/demo/users');
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(UNAUTHORIZED);
    expect(answer.headers.get('www-authenticate')).toBeNull();
  });

  it('answers 401 for a token that is not a JWT, before looking the realm up', async () => {
    expect(await adminCall(kc, 'GET', '/nosuchrealm/users', 'garbage')).toMatchObject({
      status: 401,
      body: UNAUTHORIZED,
    });
  });

  it('answers 401 for a token whose signature does not verify', async () => {
    const [h, p] = master.split('.');
    const forged = `${h}.${p}.${Buffer.from('forged').toString('base64url')}`;
    expect(await adminCall(kc, 'GET', '/demo/users', forged)).toMatchObject({ status: 401, body: UNAUTHORIZED });
  });

  it('answers 401 once the token has expired on the server clock', async () => {
    const token = await tokenFor(kc, 'master', 'admin', 'admin');
    kc.clock.advance(61_000);
    try {
      expect(await adminCall(kc, 'GET', '/demo/users', token)).toMatchObject({ status: 401, body: UNAUTHORIZED });
    } finally {
      kc.clock.advance(-61_000);
    }
  });

  it('answers 401 once the session behind the token has been logged out', async () => {
    const token = await tokenFor(kc, 'demo', 'owner', 'pw');
    kc.model.logoutAll('demo', 'owner-id');
    expect(await adminCall(kc, 'GET', '/demo/users', token)).toMatchObject({ status: 401, body: UNAUTHORIZED });
  });

  it('answers 404 "Realm not found." for an unknown realm once authenticated', async () => {
    expect(await adminCall(kc, 'GET', '/nosuchrealm/users', master)).toMatchObject({
      status: 404,
      body: { error: 'Realm not found.' },
    });
  });
});

describe('authorisation by management roles', () => {
  it('lets master admin read any realm and create realms', async () => {
    expect((await adminCall(kc, 'GET', '/demo/users', master)).status).toBe(200);
    expect((await adminCall(kc, 'GET', '/other', master)).status).toBe(200);
  });

  it('answers 403 to a realm user without any admin role', async () => {
    const token = await tokenFor(kc, 'demo', 'alice', 'wonder', 'web');
    expect(await adminCall(kc, 'GET', '/demo/users', token)).toMatchObject({ status: 403, body: FORBIDDEN });
    expect(await adminCall(kc, 'GET', '', token)).toMatchObject({ status: 403, body: FORBIDDEN });
  });

  it('lets view-users read users but not create them', async () => {
    const token = await tokenFor(kc, 'demo', 'reader', 'pw');
    expect((await adminCall(kc, 'GET', '/demo/users', token)).status).toBe(200);
    expect(await adminCall(kc, 'POST', '/demo/users', token, { username: 'x' })).toMatchObject({
      status: 403,
      body: FORBIDDEN,
    });
  });

  it('gives query-users an empty list and 403 on a user, but 404 for an unknown id', async () => {
    const token = await tokenFor(kc, 'demo', 'helpdesk', 'pw');
    expect(await adminCall(kc, 'GET', '/demo/users', token)).toMatchObject({ status: 200, body: [] });
    expect(await adminCall(kc, 'GET', '/demo/users/owner-id', token)).toMatchObject({ status: 403, body: FORBIDDEN });
    expect(await adminCall(kc, 'GET', '/demo/users/nobody', token)).toMatchObject({
      status: 404,
      body: { error: 'User not found' },
    });
  });

  it('answers 403 for an unknown user id to a caller who cannot query users', async () => {
    const token = await tokenFor(kc, 'master', 'creator', 'pw');
    expect(await adminCall(kc, 'GET', '/demo/users/nobody', token)).toMatchObject({ status: 403, body: FORBIDDEN });
  });

  it('lets realm-admin of a realm manage it but not another realm', async () => {
    const token = await tokenFor(kc, 'demo', 'owner', 'pw');
    expect((await adminCall(kc, 'PUT', '/demo', token, { displayName: 'Demo' })).status).toBe(204);
    expect(await adminCall(kc, 'GET', '/other', token)).toMatchObject({ status: 403, body: FORBIDDEN });
    expect(await adminCall(kc, 'POST', '', token, { realm: 'mine' })).toMatchObject({ status: 403, body: FORBIDDEN });
  });

  it("uses master's <realm>-realm client roles for a master caller", async () => {
    const token = await tokenFor(kc, 'master', 'demo-viewer', 'pw');
    expect((await adminCall(kc, 'GET', '/demo/users', token)).status).toBe(200);
    expect(await adminCall(kc, 'GET', '/other/users', token)).toMatchObject({ status: 403, body: FORBIDDEN });
    expect(await adminCall(kc, 'GET', '', token)).toMatchObject({ status: 200, body: [{ realm: 'demo' }] });
  });

  it('lets create-realm create a realm and grants its creator the new realm roles', async () => {
    const token = await tokenFor(kc, 'master', 'creator', 'pw');
    expect(await adminCall(kc, 'GET', '/demo', token)).toMatchObject({ status: 403, body: FORBIDDEN });
    expect((await adminCall(kc, 'POST', '', token, { realm: 'created-by-creator', enabled: true })).status).toBe(201);
    const after = await tokenFor(kc, 'master', 'creator', 'pw');
    expect((await adminCall(kc, 'GET', '/created-by-creator/users', after)).status).toBe(200);
    expect((await adminCall(kc, 'DELETE', '/created-by-creator', after)).status).toBe(204);
  });
});
