import {
  KeycloakDeleteError,
  KeycloakGetError,
  KeycloakOpenID,
  KeycloakPostError,
  KeycloakPutError,
  type KeycloakAdmin,
} from '@keycloak-ts/core';
import type { RealmRepresentation } from '@keycloak-ts/testing';
import { describe, expect, it } from 'vitest';
import { rejectionOf, useAdminServer } from './support.js';

// `app` is a resource server (Keycloak 26.7 gives it no default resource, policy or permission);
// alice holds the realm role `reader`, bob does not.
const authzRealm: RealmRepresentation = {
  realm: 'shop',
  enabled: true,
  roles: { realm: [{ name: 'reader' }] },
  users: [
    {
      username: 'alice',
      enabled: true,
      realmRoles: ['reader'],
      credentials: [{ type: 'password', value: 'alice-pw' }],
    },
    { username: 'bob', enabled: true, credentials: [{ type: 'password', value: 'bob-pw' }] },
    {
      username: 'viewer',
      enabled: true,
      credentials: [{ type: 'password', value: 'viewer-pw' }],
      clientRoles: { 'realm-management': ['view-clients'] },
    },
  ],
  clients: [
    { clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true, authorizationServicesEnabled: true },
    { clientId: 'plain', secret: 'plain-secret' },
  ],
};

const kc = useAdminServer([authzRealm]);

function shopAdmin(): KeycloakAdmin {
  return kc.admin({ realmName: 'shop', userRealmName: 'master' });
}

function clientUuid(clientId: string): string {
  const id = kc.server.model.realm('shop')?.clients.get(clientId)?.id;
  if (id === undefined) throw new Error(`no client ${clientId}`);
  return id;
}

describe('KeycloakAdmin client authorization: resource server, resources and scopes', () => {
  it('exports the settings of a new resource server, which has no default resource, policy or permission', async () => {
    const settings = await shopAdmin().getClientAuthzSettings(clientUuid('app'));
    expect(settings).toMatchObject({
      policyEnforcementMode: 'ENFORCING',
      decisionStrategy: 'UNANIMOUS',
      resources: [],
      policies: [],
    });
  });

  it('creates a resource, reads it back by id, updates and deletes it', async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    const created = await admin.createClientAuthzResource(app, {
      name: 'album',
      uris: ['/album/*'],
      type: 'urn:app:album',
    });
    expect(created).toMatchObject({
      name: 'album',
      uris: ['/album/*'],
      type: 'urn:app:album',
      owner: { id: app, name: 'app' },
    });
    const id = created._id ?? '';
    await expect(admin.getClientAuthzResource(app, id)).resolves.toMatchObject({ _id: id, name: 'album' });
    await admin.updateClientAuthzResource(app, id, { name: 'album', uris: ['/albums/*'], displayName: 'Albums' });
    await expect(admin.getClientAuthzResource(app, id)).resolves.toMatchObject({
      uris: ['/albums/*'],
      displayName: 'Albums',
    });
    await admin.deleteClientAuthzResource(app, id);
    const error = await rejectionOf(admin.getClientAuthzResource(app, id));
    expect(error).toBeInstanceOf(KeycloakGetError);
    expect(error).toMatchObject({ code: 'ERR_HTTP', status: 404 });
  });

  it('lists every resource in one request, and iterates them a page at a time', async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    for (const name of ['page-a', 'page-b', 'page-c'])
      await admin.createClientAuthzResource(app, { name, type: 'urn:app:paged' });
    const all = await admin.getClientAuthzResources(app);
    expect(all.map((r) => r.name)).toEqual(expect.arrayContaining(['page-a', 'page-b', 'page-c']));
    kc.server.counters.reset();
    const names: string[] = [];
    for await (const resource of admin.iterateClientAuthzResources(app, { type: 'urn:app:paged' }, { pageSize: 2 }))
      names.push(resource.name);
    expect(names).toEqual(['page-a', 'page-b', 'page-c']);
    expect(kc.server.counters.get('admin')).toBe(2);
  });

  it("fails a duplicate resource name with KeycloakPostError 409 and Keycloak's body, or resolves to the existing one with skipExists", async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    const first = await admin.createClientAuthzResource(app, { name: 'dup-resource' });
    const error = await rejectionOf(admin.createClientAuthzResource(app, { name: 'dup-resource' }));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({
      code: 'ERR_HTTP',
      status: 409,
      message: 'Resource with name [dup-resource] already exists.',
      body: { error: 'invalid_request', error_description: 'Resource with name [dup-resource] already exists.' },
    });
    await expect(
      admin.createClientAuthzResource(app, { name: 'dup-resource' }, { skipExists: true }),
    ).resolves.toMatchObject({ _id: first._id, name: 'dup-resource' });
  });

  it('creates and lists scopes, refusing a second scope of one name', async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    const scope = await admin.createClientAuthzScopes(app, { name: 'album:view', displayName: 'View albums' });
    expect(scope).toMatchObject({ name: 'album:view', displayName: 'View albums', id: expect.any(String) });
    await expect(admin.getClientAuthzScopes(app)).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ id: scope.id, name: 'album:view' })]),
    );
    const names: string[] = [];
    for await (const s of admin.iterateClientAuthzScopes(app, { name: 'album:' })) names.push(s.name);
    expect(names).toEqual(['album:view']);
    // Keycloak updates the scope of that name from the representation and answers it (201), never a 409.
    await expect(admin.createClientAuthzScopes(app, { name: 'album:view' })).resolves.toEqual({
      id: scope.id,
      name: 'album:view',
    });
  });

  it('imports exported settings, referring to roles and resources by name', async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    await admin.importClientAuthzConfig(app, {
      resources: [{ name: 'imported-resource', uris: ['/imported'] }],
      policies: [
        { name: 'Imported readers', type: 'role', config: { roles: '[{"id":"reader","required":false}]' } },
        {
          name: 'Imported permission',
          type: 'resource',
          config: { resources: '["imported-resource"]', applyPolicies: '["Imported readers"]' },
        },
      ],
    });
    const resources = await admin.getClientAuthzResources(app);
    expect(resources.map((r) => r.name)).toContain('imported-resource');
    const permissions = await admin.getClientAuthzPermissions(app);
    const permission = permissions.find((p) => p.name === 'Imported permission');
    expect(permission).toMatchObject({ type: 'resource' });
    await expect(admin.getClientAuthzPolicyResources(app, permission?.id ?? '')).resolves.toEqual([
      expect.objectContaining({ name: 'imported-resource' }),
    ]);
  });

  it('answers 404 for a client without Authorization Services and for an unknown client', async () => {
    const admin = shopAdmin();
    const plain = await rejectionOf(admin.getClientAuthzResources(clientUuid('plain')));
    const unknown = await rejectionOf(admin.getClientAuthzScopes('no-such-client'));
    expect(plain).toMatchObject({ name: 'KeycloakGetError', code: 'ERR_HTTP', status: 404 });
    expect(unknown).toMatchObject({
      name: 'KeycloakGetError',
      status: 404,
      message: 'Could not find client',
      body: { error: 'Could not find client' },
    });
  });

  it('refuses changes from an admin who may only view clients with KeycloakPostError 403', async () => {
    const viewer = kc.admin({ realmName: 'shop', username: 'viewer', password: 'viewer-pw' });
    const error = await rejectionOf(viewer.createClientAuthzResource(clientUuid('app'), { name: 'forbidden' }));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({ code: 'ERR_HTTP', status: 403 });
  });
});

describe('KeycloakAdmin client authorization: policies and permissions', () => {
  async function readerRoleId(admin: KeycloakAdmin): Promise<string> {
    return (await admin.getRealmRole('reader')).id ?? '';
  }

  it('creates a role policy, lists it among policies but not permissions, and deletes it', async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    const created = await admin.createClientAuthzRoleBasedPolicy(app, {
      name: 'Role readers',
      roles: [{ id: await readerRoleId(admin), required: true }],
    });
    expect(created).toMatchObject({
      name: 'Role readers',
      type: 'role',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      id: expect.any(String),
    });
    const id = created.id ?? '';
    await expect(admin.getClientAuthzPolicy(app, id)).resolves.toMatchObject({
      id,
      name: 'Role readers',
      type: 'role',
      config: { roles: expect.stringContaining('"required":true') },
    });
    expect((await admin.getClientAuthzPolicies(app)).map((p) => p.name)).toContain('Role readers');
    expect((await admin.getClientAuthzPermissions(app)).map((p) => p.name)).not.toContain('Role readers');
    await admin.deleteClientAuthzPolicy(app, id);
    const error = await rejectionOf(admin.deleteClientAuthzPolicy(app, id));
    expect(error).toBeInstanceOf(KeycloakDeleteError);
    expect(error).toMatchObject({ status: 404 });
  });

  it("fails a duplicate policy name with Keycloak's 409 body, or resolves to the existing one with skipExists", async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    const payload = { name: 'Twice', roles: [{ id: await readerRoleId(admin) }] };
    const first = await admin.createClientAuthzRoleBasedPolicy(app, payload);
    const error = await rejectionOf(admin.createClientAuthzRoleBasedPolicy(app, payload));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({
      status: 409,
      body: { error: 'Policy with name [Twice] already exists', error_description: 'Conflicting policy' },
    });
    // The typed create resolves to the typed form, the generic one to the generic form (roles in config).
    await expect(admin.createClientAuthzRoleBasedPolicy(app, payload, { skipExists: true })).resolves.toMatchObject({
      id: first.id,
      type: 'role',
      roles: [expect.objectContaining({ id: payload.roles[0]?.id })],
    });
    await expect(
      admin.createClientAuthzPolicy(app, { ...payload, type: 'role' }, { skipExists: true }),
    ).resolves.toMatchObject({ id: first.id, config: { roles: expect.any(String) } });
    const permission = await admin.createClientAuthzResourceBasedPermission(app, {
      name: 'Twice permission',
      policies: [first.id ?? ''],
    });
    await expect(
      admin.createClientAuthzResourceBasedPermission(app, { name: 'Twice permission' }, { skipExists: true }),
    ).resolves.toMatchObject({ id: permission.id, name: 'Twice permission', type: 'resource' });
  });

  it('creates a policy of any type through the generic endpoint, and refuses an unknown type with 400', async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    const created = await admin.createClientAuthzPolicy(app, {
      name: 'Generic regex',
      type: 'regex',
      targetClaim: 'email',
      pattern: '.*@shop\\.example$',
    });
    expect(created).toMatchObject({ name: 'Generic regex', type: 'regex', id: expect.any(String) });
    const error = await rejectionOf(admin.createClientAuthzPolicy(app, { name: 'Nonsense', type: 'no-such-type' }));
    expect(error).toMatchObject({ name: 'KeycloakPostError', status: 400 });
  });

  it('creates client policies with the payload first, and lists only the client policies', async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    const created = await admin.createClientAuthzClientPolicy(
      { name: 'Only plain', clients: [clientUuid('plain')] },
      app,
    );
    expect(created).toMatchObject({ name: 'Only plain', type: 'client', id: expect.any(String) });
    const clientPolicies = await admin.getClientAuthzClientPolicies(app);
    expect(clientPolicies.map((p) => [p.name, p.type])).toEqual([['Only plain', 'client']]);
    await expect(admin.createClientAuthzClientPolicy({ name: 'Only plain', clients: [] }, app)).rejects.toMatchObject({
      name: 'KeycloakPostError',
      status: 409,
    });
  });

  it('creates a resource permission, shows its resources and associated policies, and updates it', async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    const first = await admin.createClientAuthzResource(app, { name: 'perm-res-1' });
    const second = await admin.createClientAuthzResource(app, { name: 'perm-res-2' });
    const policy = await admin.createClientAuthzRoleBasedPolicy(app, {
      name: 'Perm readers',
      roles: [{ id: await readerRoleId(admin) }],
    });
    const permission = await admin.createClientAuthzResourceBasedPermission(app, {
      name: 'Resource permission',
      resources: [first._id ?? ''],
      policies: [policy.id ?? ''],
    });
    expect(permission).toMatchObject({ name: 'Resource permission', type: 'resource', id: expect.any(String) });
    const id = permission.id ?? '';
    await expect(admin.getClientAuthzPolicyResources(app, id)).resolves.toEqual([
      { _id: first._id, name: 'perm-res-1' },
    ]);
    await expect(admin.getClientAuthzPermissionAssociatedPolicies(app, id)).resolves.toEqual([
      {
        id: policy.id,
        name: 'Perm readers',
        type: 'role',
        logic: 'POSITIVE',
        decisionStrategy: 'UNANIMOUS',
        config: {},
      },
    ]);
    await admin.updateClientAuthzResourcePermission(
      { name: 'Resource permission', resources: [second._id ?? ''], policies: [policy.id ?? ''] },
      app,
      id,
    );
    await expect(admin.getClientAuthzPolicyResources(app, id)).resolves.toEqual([
      { _id: second._id, name: 'perm-res-2' },
    ]);
    const missing = await rejectionOf(
      admin.updateClientAuthzResourcePermission({ name: 'x' }, app, 'no-such-permission'),
    );
    expect(missing).toBeInstanceOf(KeycloakPutError);
    expect(missing).toMatchObject({ status: 404 });
  });

  it('creates a scope permission with the payload first, reads it typed, updates it, and lists its scopes', async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    const view = await admin.createClientAuthzScopes(app, { name: 'sp:view' });
    const edit = await admin.createClientAuthzScopes(app, { name: 'sp:edit' });
    const policy = await admin.createClientAuthzRoleBasedPolicy(app, {
      name: 'Scope readers',
      roles: [{ id: await readerRoleId(admin) }],
    });
    const created = await admin.createClientAuthzScopePermission(
      { name: 'Scope permission', scopes: [view.id ?? ''], policies: [policy.id ?? ''] },
      app,
    );
    expect(created).toMatchObject({ name: 'Scope permission', type: 'scope', id: expect.any(String) });
    const id = created.id ?? '';
    await expect(admin.getClientAuthzScopePermission(app, id)).resolves.toMatchObject({
      id,
      name: 'Scope permission',
      type: 'scope',
      decisionStrategy: 'UNANIMOUS',
    });
    await admin.updateClientAuthzScopePermission(
      {
        name: 'Scope permission',
        scopes: [edit.id ?? ''],
        policies: [policy.id ?? ''],
        decisionStrategy: 'AFFIRMATIVE',
      },
      app,
      id,
    );
    await expect(admin.getClientAuthzScopePermission(app, id)).resolves.toMatchObject({
      decisionStrategy: 'AFFIRMATIVE',
    });
    await expect(admin.getClientAuthzPolicyScopes(app, id)).resolves.toEqual([{ id: edit.id, name: 'sp:edit' }]);
    const names: string[] = [];
    for await (const p of admin.iterateClientAuthzPermissions(app, { type: 'scope', name: 'Scope permission' }))
      names.push(p.name);
    expect(names).toEqual(['Scope permission']);
    await expect(admin.getClientAuthzScopePermission(app, 'no-such-permission')).rejects.toMatchObject({
      name: 'KeycloakGetError',
      status: 404,
    });
  });

  it("iterates policies with Keycloak's permission filter", async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    await admin.createClientAuthzPolicy(app, {
      name: 'Filtered Policy',
      type: 'user',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      config: { users: '[]' },
    });
    await admin.createClientAuthzResourceBasedPermission(app, {
      name: 'Filtered Permission',
      resourceType: 'urn:app:filtered',
    });
    const policies: string[] = [];
    for await (const p of admin.iterateClientAuthzPolicies(app, { name: 'Filtered', permission: false }))
      policies.push(p.name);
    const both: string[] = [];
    for await (const p of admin.iterateClientAuthzPolicies(app, { name: 'Filtered' })) both.push(p.name);
    expect(policies).toEqual(['Filtered Policy']);
    expect(both).toEqual(['Filtered Permission', 'Filtered Policy']);
  });
});

describe('KeycloakAdmin client authorization, enforced by the UMA grant', () => {
  it('grants a scope permission set up by KeycloakAdmin to a user with the role, and not to one without', async () => {
    const admin = shopAdmin();
    const app = clientUuid('app');
    const read = await admin.createClientAuthzScopes(app, { name: 'invoice:read' });
    const resource = await admin.createClientAuthzResource(app, {
      name: 'invoices',
      uris: ['/invoices/*'],
      scopes: [{ name: 'invoice:read' }],
    });
    const readers = await admin.createClientAuthzRoleBasedPolicy(app, {
      name: 'Invoice readers',
      roles: [{ id: (await admin.getRealmRole('reader')).id ?? '' }],
    });
    await admin.createClientAuthzScopePermission(
      { name: 'Read invoices', resources: [resource._id ?? ''], scopes: [read.id ?? ''], policies: [readers.id ?? ''] },
      app,
    );

    const openid = new KeycloakOpenID({
      serverUrl: kc.server.url,
      realmName: 'shop',
      clientId: 'app',
      clientSecretKey: 'app-secret',
    });
    try {
      const alice = (await openid.token('alice', 'alice-pw')).access_token;
      const bob = (await openid.token('bob', 'bob-pw')).access_token;
      await expect(openid.umaPermissions(alice, 'invoices#invoice:read')).resolves.toEqual([
        { rsid: resource._id, rsname: 'invoices', scopes: ['invoice:read'] },
      ]);
      await expect(openid.hasUmaAccess(alice, 'invoices#invoice:read')).resolves.toEqual({
        is_logged_in: true,
        is_authorized: true,
        missing_permissions: [],
      });
      await expect(openid.hasUmaAccess(bob, 'invoices#invoice:read')).resolves.toEqual({
        is_logged_in: true,
        is_authorized: false,
        missing_permissions: ['invoices#invoice:read'],
      });
    } finally {
      await openid.close();
    }
  });
});
