import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm } from '../../support.js';
import { adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let token: string;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm], maxBodyBytes: 64 * 1024 });
  token = await tokenFor(kc, 'master', 'admin', 'admin');
});
afterAll(() => kc.close());

describe('realm collection', () => {
  it('lists every realm with full representations, or brief ones on request', async () => {
    const full = (await adminCall(kc, 'GET', '', token)).body as Record<string, unknown>[];
    expect(full.map((r) => r['realm'])).toEqual(expect.arrayContaining(['master', 'demo']));
    expect(full.find((r) => r['realm'] === 'demo')).toMatchObject({
      enabled: true,
      sslRequired: 'external',
      accessTokenLifespan: 300,
      registrationAllowed: false,
      defaultRole: { name: 'default-roles-demo' },
    });
    const brief = (await adminCall(kc, 'GET', '?briefRepresentation=true', token)).body as Record<string, unknown>[];
    expect(Object.keys(brief.find((r) => r['realm'] === 'demo') ?? {})).toEqual(['id', 'realm', 'enabled']);
  });

  it('creates a realm from a full representation with 201 and its Location', async () => {
    const answer = await adminCall(kc, 'POST', '', token, {
      realm: 'fresh',
      enabled: true,
      displayName: 'Fresh',
      registrationAllowed: true,
      users: [{ username: 'u1', enabled: true }],
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toBe(`${kc.url}/admin/realms/fresh`);
    expect(answer.body).toBeUndefined();
    const got = (await adminCall(kc, 'GET', '/fresh', token)).body as Record<string, unknown>;
    expect(got).toMatchObject({ realm: 'fresh', displayName: 'Fresh', registrationAllowed: true });
    expect(kc.model.realm('fresh')?.clients.has('realm-management')).toBe(true);
    expect(await tokenFor(kc, 'fresh', 'u1', 'x').catch((e: Error) => e.message)).toContain('400');
  });

  it('answers 409 with the realm name for a duplicate realm', async () => {
    expect(await adminCall(kc, 'POST', '', token, { realm: 'demo' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'Realm demo already exists' },
    });
  });

  it('answers 400 for a representation without a realm name', async () => {
    expect(await adminCall(kc, 'POST', '', token, { enabled: true })).toMatchObject({
      status: 400,
      body: { errorMessage: 'Realm name cannot be empty' },
    });
  });
});

describe('one realm', () => {
  it('changes only the fields a PUT sends', async () => {
    expect(
      (
        await adminCall(kc, 'PUT', '/demo', token, {
          accessTokenLifespan: 120,
          loginTheme: 'keycloak',
          attributes: { frontendUrl: '' },
        })
      ).status,
    ).toBe(204);
    const got = (await adminCall(kc, 'GET', '/demo', token)).body as Record<string, unknown>;
    expect(got).toMatchObject({
      realm: 'demo',
      enabled: true,
      accessTokenLifespan: 120,
      loginTheme: 'keycloak',
      ssoSessionIdleTimeout: 1800,
    });
    expect(kc.model.realm('demo')?.tokens.accessTokenLifespan).toBe(120);
  });

  it('renames a realm when the representation carries a new name', async () => {
    await adminCall(kc, 'POST', '', token, { realm: 'before' });
    expect((await adminCall(kc, 'PUT', '/before', token, { realm: 'after' })).status).toBe(204);
    expect(await adminCall(kc, 'GET', '/before', token)).toMatchObject({
      status: 404,
      body: { error: 'Realm not found.' },
    });
    expect((await adminCall(kc, 'GET', '/after', token)).body).toMatchObject({ realm: 'after' });
    expect(kc.model.realm('master')?.clients.has('after-realm')).toBe(true);
    expect(await adminCall(kc, 'PUT', '/after', token, { realm: 'demo' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'Realm with same name exists' },
    });
  });

  it('deletes a realm with 204 and then answers 404', async () => {
    await adminCall(kc, 'POST', '', token, { realm: 'doomed' });
    expect((await adminCall(kc, 'DELETE', '/doomed', token)).status).toBe(204);
    expect(await adminCall(kc, 'DELETE', '/doomed', token)).toMatchObject({
      status: 404,
      body: { error: 'Realm not found.' },
    });
    expect(kc.model.realm('master')?.clients.has('doomed-realm')).toBe(false);
  });

  it('refuses to delete master', async () => {
    expect(await adminCall(kc, 'DELETE', '/master', token)).toMatchObject({
      status: 400,
      body: { errorMessage: "Can't delete master realm" },
    });
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 "Cannot parse the JSON"', async () => {
    expect(await adminCall(kc, 'PUT', '/demo', token, '{"realm":')).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Cannot parse the JSON' },
    });
    expect(await adminCall(kc, 'PUT', '/demo', token, '[1]')).toMatchObject({
      status: 400,
      body: { error: 'unknown_error', error_description: 'Cannot parse the JSON' },
    });
  });

  it('answers a field of the wrong type with 400 "Cannot parse the JSON"', async () => {
    expect(await adminCall(kc, 'PUT', '/demo', token, { accessTokenLifespan: 'long' })).toMatchObject({
      status: 400,
      body: { error_description: 'Cannot parse the JSON' },
    });
  });

  it('answers an unknown field with Jackson\'s "Unrecognized field" 400', async () => {
    expect(await adminCall(kc, 'PUT', '/demo', token, { nonsense: 1 })).toMatchObject({
      status: 400,
      body: {
        error: expect.stringMatching(
          /^Invalid json representation for RealmRepresentation\. Unrecognized field "nonsense" at line 1 column \d+\.$/,
        ),
      },
    });
  });

  it('answers another content type with 415', async () => {
    expect(
      await adminCall(kc, 'PUT', '/demo', token, 'realm=demo', { 'content-type': 'application/x-www-form-urlencoded' }),
    ).toMatchObject({
      status: 415,
      body: { error: 'The content-type header value did not match the value in @Consumes' },
    });
  });

  it('answers an oversized body with 413', async () => {
    const answer = await adminCall(kc, 'POST', '', token, { realm: 'big', displayName: 'x'.repeat(70 * 1024) });
    expect(answer.status).toBe(413);
    expect(kc.model.realm('big')).toBeUndefined();
  });

  it('counts admin requests under the admin endpoint', async () => {
    const before = kc.counters.get('admin');
    await adminCall(kc, 'GET', '/demo', token);
    expect(kc.counters.get('admin')).toBe(before + 1);
  });
});
