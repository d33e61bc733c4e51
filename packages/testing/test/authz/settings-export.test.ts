import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';
import { adminCall, tokenFor } from '../admin/admin-support.js';
import { namesOf, startAuthzAdmin, type AuthzAdminFixture } from './admin-support.js';
import { grantedNames, sampleRealm, SAMPLES, umaRequest, userToken } from './support.js';
import { readFileSync } from 'node:fs';

let f: AuthzAdminFixture;
let copy: KeycloakTestServer | undefined;

beforeAll(async () => {
  f = await startAuthzAdmin();
});
afterAll(async () => {
  await f.kc.close();
  await copy?.close();
});

type Settings = {
  resources: Array<{ name: string }>;
  policies: Array<{ name: string; type: string; config?: Record<string, string> }>;
  scopes: Array<{ name: string }>;
};

/** A settings export without `id`/`_id` fields, as `GET .../resource-server/settings` writes it. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'id' && k !== '_id')
        .map(([k, v]) => [k, withoutIds(v)]),
    );
  return value;
}

describe('authorization settings export and import', () => {
  it('exports settings with references by name, policies before permissions', async () => {
    const res = await f.rs('GET', '/settings');
    expect(res.status).toBe(200);
    const settings = res.body as Settings & Record<string, unknown>;
    expect(Object.keys(settings)).toEqual([
      'allowRemoteResourceManagement',
      'policyEnforcementMode',
      'resources',
      'policies',
      'scopes',
      'decisionStrategy',
    ]);
    const byName = Object.fromEntries(settings.policies.map((p) => [p.name, p]));
    expect(byName['All Users Policy']?.config?.['applyPolicies']).toBe(
      JSON.stringify(['Any User Policy', 'Any Admin Policy', 'Only Premium User Policy']),
    );
    expect(byName['Any Admin Policy']?.config?.['roles']).toBe(JSON.stringify([{ id: 'admin', required: false }]));
    expect(byName['Premium Resource Permission']?.config).toEqual({
      resources: '["Premium Resource"]',
      applyPolicies: '["Only Premium User Policy"]',
    });
    const types = settings.policies.map((p) => p.type);
    expect(types.findIndex((t) => t === 'resource' || t === 'scope')).toBeGreaterThan(types.lastIndexOf('role'));
  });

  it('writes authorizationSettings in a realm export that imports into an equivalent server', async () => {
    await f.rs('POST', '/policy/user', { name: 'Only John', users: ['john-doh@localhost'] });
    const exported = await f.kc.model.exportRealm('test');
    const client = exported.clients?.find((c) => c.clientId === 'test-app-authz') as Record<string, unknown>;
    expect(client['authorizationServicesEnabled']).toBe(true);
    const original = (await f.rs('GET', '/settings')).body as Settings;
    // The realm export keeps the ids; the settings endpoint of Keycloak 26.7.3 leaves them out.
    expect(withoutIds(client['authorizationSettings'])).toEqual(original);
    copy = await startKeycloak({ realms: [exported as RealmRepresentation] });
    const admin = await tokenFor(copy, 'master', 'admin', 'admin');
    const uuid = copy.model.realm('test')?.clients.get('test-app-authz')?.id;
    const again = (await adminCall(copy, 'GET', `/test/clients/${uuid}/authz/resource-server/settings`, admin))
      .body as Settings;
    expect(again).toEqual(original);
    const user = await userToken(copy.url, 'test', 'test-app-authz', 'secret', 'test-user@localhost', 'password');
    const res = await umaRequest(copy.url, 'test', user, [
      ['audience', 'test-app-authz'],
      ['permission', 'Protected Resource'],
      ['permission', 'Main Page'],
      ['response_mode', 'permissions'],
    ]);
    expect(grantedNames(res.body)).toEqual([
      'Main Page#urn:test-app-authz:page:main:actionForUser',
      'Protected Resource#resource-access',
    ]);
  });

  it('imports an exported settings file into another client over the admin API', async () => {
    const realm = sampleRealm('realm-import-testsuite-testrealm.json');
    const other = realm.clients?.find((c) => c.clientId === 'test-app');
    if (other) Object.assign(other, { authorizationServicesEnabled: true });
    const kc = await startKeycloak({ realms: [realm] });
    try {
      const admin = await tokenFor(kc, 'master', 'admin', 'admin');
      const uuid = kc.model.realm('test')?.clients.get('test-app')?.id;
      const base = `/test/clients/${uuid}/authz/resource-server`;
      const file = JSON.parse(readFileSync(new URL('authz-settings-export-testsuite.json', SAMPLES), 'utf8')) as Record<
        string,
        unknown
      >;
      // The sample's "Default Policy" is a deployed script; the import keeps its type as is.
      expect((await adminCall(kc, 'POST', `${base}/import`, admin, file)).status).toBe(204);
      expect(namesOf((await adminCall(kc, 'GET', `${base}/resource`, admin)).body)).toEqual([
        'Default Resource',
        'test',
      ]);
      expect(namesOf((await adminCall(kc, 'GET', `${base}/permission`, admin)).body)).toEqual([
        'Default Permission',
        'test-permission',
      ]);
      expect(
        (
          await adminCall(kc, 'POST', `${base}/import`, admin, {
            policies: [{ name: 'Broken', type: 'resource', config: { applyPolicies: '["missing"]' } }],
          })
        ).status,
      ).toBe(400);
      expect((await adminCall(kc, 'POST', `${base}/import`, admin, { resources: 'no' })).status).toBe(400);
    } finally {
      await kc.close();
    }
  });
});
