import {
  KeycloakDeleteError,
  KeycloakGetError,
  KeycloakPostError,
  KeycloakPutError,
  type KeycloakAdmin,
} from '@keycloak-ts/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer([
  { realm: 'corp', enabled: true },
  { realm: 'closed', enabled: true },
]);

function adminOf(realmName: string): KeycloakAdmin {
  return kc.admin({ realmName, userRealmName: 'master' });
}

const corp = () => adminOf('corp');

beforeAll(async () => {
  const admin = adminOf('corp');
  await admin.updateRealm('corp', { organizationsEnabled: true });
  await admin.close();
});

describe('KeycloakAdmin organization methods', () => {
  it('creates an organization, resolving to its id, and reads it back', async () => {
    const admin = corp();
    const id = await admin.createOrganization({
      name: 'acme',
      attributes: { tier: ['gold'] },
      domains: [{ name: 'acme.example' }],
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect(admin.getOrganization(id)).resolves.toEqual({
      id,
      name: 'acme',
      alias: 'acme',
      enabled: true,
      attributes: { tier: ['gold'] },
      domains: [{ name: 'acme.example', verified: false }],
    });
  });

  it('fails every call with KeycloakGetError 404 while the realm has organizations disabled', async () => {
    const error = await rejectionOf(adminOf('closed').getOrganizations());
    expect(error).toBeInstanceOf(KeycloakGetError);
    expect(error).toMatchObject({
      code: 'ERR_HTTP',
      status: 404,
      message: 'Organizations not enabled for this realm.',
      body: { errorMessage: 'Organizations not enabled for this realm.' },
    });
  });

  it('fails a taken name with KeycloakPostError 409 and a missing name with 400', async () => {
    const admin = corp();
    await admin.createOrganization({ name: 'taken' });
    await expect(admin.createOrganization({ name: 'taken' })).rejects.toSatisfy(
      (e) =>
        e instanceof KeycloakPostError &&
        e.status === 409 &&
        e.message === 'A organization with the same name already exists.',
    );
    await expect(admin.createOrganization({})).rejects.toMatchObject({
      name: 'KeycloakPostError',
      status: 400,
      body: { errorMessage: 'Name can not be null' },
    });
  });

  it("lists every organization across pages by python-keycloak's rule, one page when first or max is given, and iterates on demand", async () => {
    const admin = corp();
    for (let i = 0; i < 12; i += 1) await admin.createOrganization({ name: `page-${String(i).padStart(2, '0')}` });
    // Keycloak answers 10 when max is unset; python-keycloak's paging asks 100 at a time and so gets all 12.
    expect(await admin.getOrganizations({ search: 'page-' })).toHaveLength(12);
    expect((await admin.getOrganizations({ search: 'page-', first: 10 })).map((o) => o.name)).toEqual([
      'page-10',
      'page-11',
    ]);
    kc.server.counters.reset();
    const names: string[] = [];
    for await (const org of admin.iterateOrganizations({ search: 'page-' }, { pageSize: 5 })) {
      names.push(org.name ?? '');
      if (names.length === 7) break;
    }
    expect(names).toEqual(['page-00', 'page-01', 'page-02', 'page-03', 'page-04', 'page-05', 'page-06']);
    expect(kc.server.counters.get('admin')).toBe(2);
  });

  it('updates an organization and fails a changed alias with KeycloakPutError 400', async () => {
    const admin = corp();
    const id = await admin.createOrganization({ name: 'before', alias: 'stable' });
    await admin.updateOrganization(id, { name: 'after', alias: 'stable', description: 'renamed' });
    await expect(admin.getOrganization(id)).resolves.toMatchObject({
      name: 'after',
      alias: 'stable',
      description: 'renamed',
    });
    const error = await rejectionOf(admin.updateOrganization(id, { name: 'after', alias: 'moved' }));
    expect(error).toBeInstanceOf(KeycloakPutError);
    expect(error).toMatchObject({ status: 400, body: { errorMessage: 'Cannot change the alias' } });
  });

  it('deletes an organization, after which reading it fails with 404 "Organization not found."', async () => {
    const admin = corp();
    const id = await admin.createOrganization({ name: 'doomed' });
    await admin.deleteOrganization(id);
    await expect(admin.getOrganization(id)).rejects.toMatchObject({
      name: 'KeycloakGetError',
      status: 404,
      body: { errorMessage: 'Organization not found.' },
    });
    const error = await rejectionOf(admin.deleteOrganization(id));
    expect(error).toBeInstanceOf(KeycloakDeleteError);
    expect(error).toMatchObject({ status: 404 });
  });

  it("links, lists and unlinks identity providers, with Keycloak's refusals as typed errors", async () => {
    const admin = corp();
    const id = await admin.createOrganization({ name: 'brokered' });
    await admin.createIdp({
      alias: 'org-idp',
      providerId: 'oidc',
      config: { clientId: 'broker', clientSecret: 'top-secret' },
    });
    await admin.organizationIdpAdd(id, 'org-idp');
    await expect(admin.getOrganizationIdps(id)).resolves.toEqual([
      expect.objectContaining({
        alias: 'org-idp',
        organizationId: id,
        config: expect.objectContaining({ clientSecret: '**********' }),
      }),
    ]);
    await expect(admin.organizationIdpAdd(id, 'org-idp')).rejects.toMatchObject({
      name: 'KeycloakPostError',
      status: 409,
      body: { errorMessage: 'Identity provider already associated to the organization' },
    });
    await expect(admin.organizationIdpAdd(id, 'missing')).rejects.toMatchObject({
      name: 'KeycloakPostError',
      status: 400,
      body: { errorMessage: 'Identity provider not found with the given alias' },
    });
    await admin.organizationIdpRemove(id, 'org-idp');
    await expect(admin.getOrganizationIdps(id)).resolves.toEqual([]);
    await expect(admin.organizationIdpRemove(id, 'org-idp')).rejects.toMatchObject({
      name: 'KeycloakDeleteError',
      status: 404,
    });
  });

  it("adds members by user id (user first), lists, counts and removes them, and lists a user's organizations", async () => {
    const admin = corp();
    const id = await admin.createOrganization({ name: 'members-inc' });
    const zed = await admin.createUser({ username: 'zed', enabled: true, email: 'zed@members.test' });
    const amy = await admin.createUser({ username: 'amy', enabled: true });
    await expect(admin.organizationUserAdd(zed, id)).resolves.toBe(zed);
    await admin.organizationUserAdd(amy, id);
    expect((await admin.getOrganizationMembers(id)).map((m) => [m.username, m.membershipType])).toEqual([
      ['amy', 'UNMANAGED'],
      ['zed', 'UNMANAGED'],
    ]);
    expect((await admin.getOrganizationMembers(id, { search: 'members.test' })).map((m) => m.id)).toEqual([zed]);
    await expect(admin.getOrganizationMembersCount(id)).resolves.toBe(2);
    await expect(admin.getUserOrganizations(zed)).resolves.toEqual([
      { id, name: 'members-inc', alias: 'members-inc', enabled: true },
    ]);
    await expect(admin.getUserOrganizations(zed, { briefRepresentation: false })).resolves.toEqual([
      expect.objectContaining({ id, attributes: {} }),
    ]);
    await admin.organizationUserRemove(amy, id);
    await expect(admin.getOrganizationMembersCount(id)).resolves.toBe(1);
    await expect(admin.getUserOrganizations(amy)).resolves.toEqual([]);
  });

  it('iterates members a page at a time', async () => {
    const admin = corp();
    const id = await admin.createOrganization({ name: 'paged-members' });
    for (const name of ['m-c', 'm-a', 'm-b'])
      await admin.organizationUserAdd(await admin.createUser({ username: name, enabled: true }), id);
    kc.server.counters.reset();
    const names: string[] = [];
    for await (const member of admin.iterateOrganizationMembers(id, {}, { pageSize: 2 }))
      names.push(member.username ?? '');
    expect(names).toEqual(['m-a', 'm-b', 'm-c']);
    expect(kc.server.counters.get('admin')).toBe(2);
  });

  it("fails member calls with Keycloak's answers as typed errors", async () => {
    const admin = corp();
    const id = await admin.createOrganization({ name: 'strict-members' });
    const bob = await admin.createUser({ username: 'bob', enabled: true });
    await expect(admin.organizationUserAdd('nobody', id)).rejects.toMatchObject({
      name: 'KeycloakPostError',
      status: 404,
      body: { error: 'HTTP 404 Not Found' },
    });
    await admin.organizationUserAdd(bob, id);
    await expect(admin.organizationUserAdd(bob, id)).rejects.toMatchObject({
      name: 'KeycloakPostError',
      status: 409,
      body: { errorMessage: 'User is already a member of the organization.' },
    });
    await expect(admin.organizationUserRemove('nobody', id)).rejects.toMatchObject({
      name: 'KeycloakDeleteError',
      status: 404,
    });
    await expect(admin.getUserOrganizations('nobody')).rejects.toMatchObject({ name: 'KeycloakGetError', status: 404 });
    await expect(admin.getOrganizationMembersCount('no-such-org')).rejects.toMatchObject({
      name: 'KeycloakGetError',
      status: 404,
      body: { errorMessage: 'Organization not found.' },
    });
  });
});
