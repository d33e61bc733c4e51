import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { clientToken, grantedNames, sampleRealm, umaRequest, userToken } from './support.js';

const RS = 'test-app-authz';
let kc: KeycloakTestServer;
let pat: string;
let base: string;

beforeAll(async () => {
  const realm = sampleRealm('realm-import-testsuite-testrealm.json');
  const client = realm.clients?.find((c) => c.clientId === RS);
  if (client) Object.assign(client, { authorizationServicesEnabled: true, directAccessGrantsEnabled: true });
  kc = await startKeycloak({ realms: [realm] });
  base = `${kc.url}/realms/test/authz/protection`;
  pat = await clientToken(kc.url, 'test', RS, 'secret');
});
afterAll(() => kc.close());

const call = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
};

describe('the Protection API', () => {
  it('publishes the UMA endpoints in uma2-configuration', async () => {
    const res = await fetch(`${kc.url}/realms/test/.well-known/uma2-configuration`);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(doc).slice(-3)).toEqual([
      'resource_registration_endpoint',
      'permission_endpoint',
      'policy_endpoint',
    ]);
    expect(doc['resource_registration_endpoint']).toBe(`${base}/resource_set`);
    expect(doc['introspection_endpoint']).toBe(`${kc.url}/realms/test/protocol/openid-connect/token/introspect`);
    expect(kc.counters.get('uma-discovery')).toBe(1);
  });

  it('creates, reads, searches, updates and deletes resources with a PAT', async () => {
    const created = await call('POST', '/resource_set', pat, {
      name: 'Album 1',
      type: 'album',
      uris: ['/album/1'],
      resource_scopes: ['album:view'],
      owner: 'test-user@localhost',
      ownerManagedAccess: true,
    });
    expect(created.status).toBe(201);
    const album = created.body as { _id: string; resource_scopes: Array<{ name: string }> };
    expect(album.resource_scopes.map((s) => s.name)).toEqual(['album:view']);
    expect((await call('GET', `/resource_set/${album._id}`, pat)).body).toMatchObject({
      name: 'Album 1',
      ownerManagedAccess: true,
    });
    expect((await call('GET', '/resource_set?name=album&type=album', pat)).body).toEqual([album._id]);
    expect((await call('GET', '/resource_set?name=album&exactName=true', pat)).body).toEqual([]);
    // only the sample's "Protected Resource" (uri /*) matches /album/7 as a pattern
    const matching = (await call('GET', '/resource_set?uri=/album/7&matchingUri=true&deep=true', pat)).body as Array<{
      name: string;
    }>;
    expect(matching.map((r) => r.name)).toEqual(['Protected Resource']);
    expect((await call('GET', '/resource_set?uri=/album/1', pat)).body).toEqual([album._id]);
    const deep = (await call('GET', '/resource_set?owner=test-user@localhost&deep=true', pat)).body as Array<{
      name: string;
    }>;
    expect(deep.map((r) => r.name)).toEqual(['Album 1']);
    expect(
      (
        await call('PUT', `/resource_set/${album._id}`, pat, {
          name: 'Album One',
          uris: ['/album/1'],
          resource_scopes: ['album:view'],
        })
      ).status,
    ).toBe(204);
    expect((await call('POST', '/resource_set', pat, { name: 'Album One', owner: 'test-user@localhost' })).status).toBe(
      409,
    );
    expect((await call('DELETE', `/resource_set/${album._id}`, pat)).status).toBe(204);
    expect((await call('GET', `/resource_set/${album._id}`, pat)).status).toBe(404);
  });

  it('refuses resource registration without the uma_protection role', async () => {
    const user = await userToken(kc.url, 'test', RS, 'secret', 'test-user@localhost', 'password');
    expect(await call('GET', '/resource_set', user)).toEqual({
      status: 403,
      body: { error: 'invalid_scope', error_description: 'Requires uma_protection scope.' },
    });
    expect(await call('GET', '/resource_set', 'nope')).toEqual({
      status: 403,
      body: { error: 'invalid_bearer_token', error_description: 'Could not obtain bearer access_token from request.' },
    });
  });

  it('issues permission tickets that a requesting party exchanges; denial submits a request the owner can grant', async () => {
    const created = await call('POST', '/resource_set', pat, {
      name: 'Shared',
      resource_scopes: ['read'],
      owner: 'test-user@localhost',
      ownerManagedAccess: true,
    });
    const id = (created.body as { _id: string })._id;
    expect((await call('POST', '/permission', pat, [])).status).toBe(400);
    expect((await call('POST', '/permission', pat, [{ resource_id: id, resource_scopes: ['write'] }])).body).toEqual({
      error: 'invalid_scope',
      error_description: 'Scope [write] is invalid',
    });
    const ticket = await call('POST', '/permission', pat, [{ resource_id: id, resource_scopes: ['read'] }]);
    expect(ticket.status).toBe(201);
    const john = await userToken(kc.url, 'test', RS, 'secret', 'john-doh@localhost', 'password');
    const denied = await umaRequest(kc.url, 'test', john, [
      ['ticket', String((ticket.body as { ticket: string }).ticket)],
    ]);
    expect(denied).toMatchObject({
      status: 403,
      body: { error: 'access_denied', error_description: 'request_submitted' },
    });
    const owner = await userToken(kc.url, 'test', RS, 'secret', 'test-user@localhost', 'password');
    const pending = (await call('GET', '/permission/ticket?returnNames=true', owner)).body as Array<{
      id: string;
      granted: boolean;
      requesterName: string;
      scopeName: string;
    }>;
    expect(pending).toEqual([
      expect.objectContaining({ granted: false, requesterName: 'john-doh@localhost', scopeName: 'read' }),
    ]);
    expect((await call('PUT', '/permission/ticket', owner, { id: pending[0]?.id, granted: true })).status).toBe(204);
    const again = await call('POST', '/permission', pat, [{ resource_id: id, resource_scopes: ['read'] }]);
    const granted = await umaRequest(kc.url, 'test', john, [
      ['ticket', String((again.body as { ticket: string }).ticket)],
      ['response_mode', 'permissions'],
    ]);
    expect(granted.body).toEqual([{ rsid: id, rsname: 'Shared', scopes: ['read'] }]);
  });

  it('evaluates the testsuite realm as Keycloak would: a plain user gets the protected resource and the user action', async () => {
    const user = await userToken(kc.url, 'test', RS, 'secret', 'test-user@localhost', 'password');
    const res = await umaRequest(kc.url, 'test', user, [
      ['audience', RS],
      ['permission', 'Protected Resource'],
      ['permission', 'Main Page'],
      ['permission', 'Premium Resource'],
      ['response_mode', 'permissions'],
    ]);
    expect(grantedNames(res.body)).toEqual([
      'Main Page#urn:test-app-authz:page:main:actionForUser',
      'Protected Resource#resource-access',
    ]);
  });
});
