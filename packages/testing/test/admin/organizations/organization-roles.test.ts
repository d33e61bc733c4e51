import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

// Keycloak 26.7's organization admin roles (AdminRoles.VIEW/MANAGE/QUERY_ORGANIZATIONS).
const ORG_ROLES = ['manage-organizations', 'query-organizations', 'view-organizations'];

let kc: KeycloakTestServer;
let admin: string;

const names = (body: unknown): string[] => (body as { name: string }[]).map((r) => r.name).sort();

async function clientUuid(realm: string, clientId: string): Promise<string> {
  const { body } = await adminCall(kc, 'GET', `/${realm}/clients?clientId=${clientId}`, admin);
  return String((body as { id: string }[])[0]?.id);
}

beforeAll(async () => {
  kc = await startKeycloak({ realms: [{ realm: 'corp', enabled: true }] });
  admin = await tokenFor(kc, 'master', 'admin', 'admin');
  await adminCall(kc, 'PUT', '/corp', admin, { organizationsEnabled: true });
});
afterAll(() => kc.close());

describe('organization admin roles', () => {
  it('gives realm-management the three organization roles, inside realm-admin, with query inside view', async () => {
    const id = await clientUuid('corp', 'realm-management');
    const roles = names((await adminCall(kc, 'GET', `/corp/clients/${id}/roles`, admin)).body);
    expect(roles).toEqual(expect.arrayContaining(ORG_ROLES));
    const realmAdmin = names(
      (await adminCall(kc, 'GET', `/corp/clients/${id}/roles/realm-admin/composites`, admin)).body,
    );
    expect(realmAdmin).toEqual(expect.arrayContaining(ORG_ROLES));
    expect(
      names((await adminCall(kc, 'GET', `/corp/clients/${id}/roles/view-organizations/composites`, admin)).body),
    ).toEqual(['query-organizations']);
    expect((await adminCall(kc, 'GET', `/corp/clients/${id}/roles/manage-organizations`, admin)).body).toMatchObject({
      composite: false,
      description: '${role_manage-organizations}',
    });
  });

  it("gives master's corp-realm client the same roles, all inside master's admin role", async () => {
    const id = await clientUuid('master', 'corp-realm');
    expect(names((await adminCall(kc, 'GET', `/master/clients/${id}/roles`, admin)).body)).toEqual(
      expect.arrayContaining(ORG_ROLES),
    );
    const composites = (await adminCall(kc, 'GET', `/master/roles/admin/composites`, admin)).body as {
      name: string;
      containerId: string;
    }[];
    expect(
      composites
        .filter((r) => r.containerId === id && ORG_ROLES.includes(r.name))
        .map((r) => r.name)
        .sort(),
    ).toEqual(ORG_ROLES);
  });

  it('lets a realm admin holding only view-organizations read organizations but not create them', async () => {
    const created = await adminCall(kc, 'POST', '/corp/organizations', admin, { name: 'Acme' });
    const org = created.headers.get('location')?.split('/').pop() ?? '';
    addAdminUser(kc, 'corp', 'org-viewer', 'pw', 'realm-management', ['view-organizations']);
    const viewer = await tokenFor(kc, 'corp', 'org-viewer', 'pw');
    expect(await adminCall(kc, 'GET', '/corp/organizations', viewer)).toMatchObject({
      status: 200,
      body: [{ id: org, name: 'Acme' }],
    });
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}`, viewer)).toMatchObject({
      status: 200,
      body: { name: 'Acme' },
    });
    expect(await adminCall(kc, 'POST', '/corp/organizations', viewer, { name: 'Nope' })).toMatchObject({
      status: 403,
      body: { error: 'HTTP 403 Forbidden' },
    });
  });

  it('lets query-organizations list organizations but not read one, and manage-organizations create one', async () => {
    addAdminUser(kc, 'corp', 'org-querier', 'pw', 'realm-management', ['query-organizations']);
    addAdminUser(kc, 'corp', 'org-manager', 'pw', 'realm-management', ['manage-organizations']);
    const querier = await tokenFor(kc, 'corp', 'org-querier', 'pw');
    const manager = await tokenFor(kc, 'corp', 'org-manager', 'pw');
    const created = await adminCall(kc, 'POST', '/corp/organizations', manager, { name: 'Managed' });
    expect(created.status).toBe(201);
    const org = created.headers.get('location')?.split('/').pop() ?? '';
    expect((await adminCall(kc, 'GET', '/corp/organizations/count', querier)).status).toBe(200);
    expect(await adminCall(kc, 'GET', `/corp/organizations/${org}`, querier)).toMatchObject({
      status: 403,
      body: { error: 'HTTP 403 Forbidden' },
    });
  });
});
