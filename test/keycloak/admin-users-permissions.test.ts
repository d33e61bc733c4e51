import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
const path = (rest: string) => `/admin/realms/${realm}${rest}`;
const SCOPES = ['view', 'manage', 'map-roles', 'manage-group-membership', 'impersonate', 'user-impersonated'];

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-users-permissions');
});
afterAll(() => target.close());

async function managementServer(rest: string): Promise<{ name: string; id: string }[]> {
  const [client] = (await target.request('GET', path('/clients?clientId=realm-management'), { token: 'admin' }))
    .json as { id: string }[];
  return (await target.request('GET', path(`/clients/${client!.id}/authz/resource-server/${rest}`), { token: 'admin' }))
    .json as { name: string; id: string }[];
}

describe(`users management permissions, fine-grained admin permissions v1 (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it('are off in a new realm', async () => {
    const answer = await target.request('GET', path('/users-management-permissions'), { token: 'admin' });
    expect([answer.status, answer.json]).toEqual([200, { enabled: false }]);
  });

  it('answer the Users resource and one permission per scope once enabled', async () => {
    const answer = await target.request('PUT', path('/users-management-permissions'), {
      token: 'admin',
      json: { enabled: true },
    });
    expect(answer.status).toBe(200);
    const ref = answer.json as { enabled: boolean; resource: string; scopePermissions: Record<string, string> };
    expect(ref).toEqual({ enabled: true, resource: expect.any(String), scopePermissions: expect.any(Object) });
    expect(Object.keys(ref.scopePermissions).sort()).toEqual([...SCOPES].sort());
    expect((await target.request('GET', path('/users-management-permissions'), { token: 'admin' })).json).toEqual(ref);
  });

  it("keep them in realm-management's resource server under Keycloak's names", async () => {
    const resources = await managementServer('resource');
    expect(resources.map((r) => r.name)).toContain('Users');
    const names = (await managementServer('permission')).map((p) => p.name).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'admin-impersonating.permission.users',
        'manage-group-membership.permission.users',
        'manage.permission.users',
        'map-roles.permission.users',
        'user-impersonated.permission.users',
        'view.permission.users',
      ]),
    );
  });

  it('answer enabled false once disabled, and remove the Users resource', async () => {
    const answer = await target.request('PUT', path('/users-management-permissions'), {
      token: 'admin',
      json: { enabled: false },
    });
    expect([answer.status, answer.json]).toEqual([200, { enabled: false }]);
    expect((await managementServer('resource')).map((r) => r.name)).not.toContain('Users');
    expect((await managementServer('permission')).map((p) => p.name)).not.toContain('view.permission.users');
  });

  it('refuse an unknown field with 400', async () => {
    const answer = await target.request('PUT', path('/users-management-permissions'), {
      token: 'admin',
      json: { enabled: true, nope: 1 },
    });
    expect(answer.status).toBe(400);
  });
});
