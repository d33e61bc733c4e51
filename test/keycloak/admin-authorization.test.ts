import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeycloakAdmin, KeycloakOpenIDConnection, KeycloakUMA } from '@keycloak-ts/core';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let admin: KeycloakAdmin;
let clientCount = 0;

type Json = Record<string, unknown>;
const idFrom = (location: string | null): string => location?.split('/').pop() ?? '';

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-authz', {
    roles: { realm: [{ name: 'reader' }] },
    groups: [{ name: 'staff' }],
    users: [
      {
        username: 'alice',
        email: 'alice@example.org',
        firstName: 'Alice',
        lastName: 'L',
        enabled: true,
        credentials: [{ type: 'password', value: 'alice-pw', temporary: false }],
      },
      {
        username: 'bobby',
        email: 'bobby@example.org',
        firstName: 'Bob',
        lastName: 'L',
        enabled: true,
        credentials: [{ type: 'password', value: 'bobby-pw', temporary: false }],
      },
    ],
  });
  admin = new KeycloakAdmin({
    serverUrl: target.url,
    username: 'admin',
    password: 'admin',
    realmName: realm,
    userRealmName: 'master',
  });
});
afterAll(() => target.close());

/** A new confidential client with Authorization Services; answers its id and its resource-server path. */
async function resourceServer(): Promise<{ id: string; clientId: string; rs: string }> {
  const clientId = `rs-${++clientCount}`;
  const created = await target.request('POST', `/admin/realms/${realm}/clients`, {
    token: 'admin',
    json: {
      clientId,
      secret: 'rs-secret',
      serviceAccountsEnabled: true,
      authorizationServicesEnabled: true,
      directAccessGrantsEnabled: true,
      publicClient: false,
    },
  });
  expect(created.status).toBe(201);
  const id = idFrom(created.headers.get('location'));
  return { id, clientId, rs: `/admin/realms/${realm}/clients/${id}/authz/resource-server` };
}

async function post(path: string, json: unknown): Promise<Json> {
  const answer = await target.request('POST', path, { token: 'admin', json });
  expect([path, answer.status]).toEqual([path, 201]);
  return answer.json as Json;
}

const get = async (path: string) => target.request('GET', path, { token: 'admin' });

async function roleId(name: string): Promise<string> {
  return ((await get(`/admin/realms/${realm}/roles/${name}`)).json as { id: string }).id;
}

async function userId(username: string): Promise<string> {
  return (
    ((await get(`/admin/realms/${realm}/users?username=${username}&exact=true`)).json as { id: string }[])[0]?.id ?? ''
  );
}

describe(`resource server settings (${targetKind})`, () => {
  it('gives a new resource server no resource, policy or permission of its own', async () => {
    const { id, clientId, rs } = await resourceServer();
    expect((await get(rs)).json).toEqual({
      id,
      clientId: id,
      name: clientId,
      allowRemoteResourceManagement: true,
      policyEnforcementMode: 'ENFORCING',
      resources: [],
      policies: [],
      scopes: [],
      decisionStrategy: 'UNANIMOUS',
    });
    expect((await get(`${rs}/settings`)).json).toEqual({
      allowRemoteResourceManagement: true,
      policyEnforcementMode: 'ENFORCING',
      resources: [],
      policies: [],
      scopes: [],
      decisionStrategy: 'UNANIMOUS',
    });
  });

  it('replaces the settings with PUT (204), and answers 409 conflict without a policyEnforcementMode', async () => {
    const { rs } = await resourceServer();
    const put = await target.request('PUT', rs, {
      token: 'admin',
      json: {
        policyEnforcementMode: 'PERMISSIVE',
        decisionStrategy: 'AFFIRMATIVE',
        allowRemoteResourceManagement: false,
      },
    });
    expect([put.status, put.text]).toEqual([204, '']);
    expect((await get(rs)).json).toMatchObject({
      policyEnforcementMode: 'PERMISSIVE',
      decisionStrategy: 'AFFIRMATIVE',
      allowRemoteResourceManagement: false,
    });
    const empty = await target.request('PUT', rs, { token: 'admin', json: {} });
    expect([empty.status, empty.json]).toEqual([
      409,
      { error: 'conflict', error_description: 'Duplicate resource error' },
    ]);
  });

  it('exports settings without ids, imports them into another client, and resets settings an import leaves out', async () => {
    const from = await resourceServer();
    await post(`${from.rs}/scope`, { name: 'read' });
    await post(`${from.rs}/resource`, { name: 'doc', type: 'urn:doc', uris: ['/doc/*'], scopes: [{ name: 'read' }] });
    await post(`${from.rs}/policy/role`, { name: 'readers', roles: [{ id: await roleId('reader'), required: false }] });
    await post(`${from.rs}/permission/resource`, { name: 'doc-perm', resources: ['doc'], policies: ['readers'] });
    const exported = (await get(`${from.rs}/settings`)).json as Json;
    expect(exported).toEqual({
      allowRemoteResourceManagement: true,
      policyEnforcementMode: 'ENFORCING',
      decisionStrategy: 'UNANIMOUS',
      resources: [
        {
          name: 'doc',
          type: 'urn:doc',
          ownerManagedAccess: false,
          attributes: {},
          uris: ['/doc/*'],
          scopes: [{ name: 'read' }],
        },
      ],
      policies: [
        {
          name: 'readers',
          type: 'role',
          logic: 'POSITIVE',
          decisionStrategy: 'UNANIMOUS',
          config: { roles: '[{"id":"reader","required":false}]' },
        },
        {
          name: 'doc-perm',
          type: 'resource',
          logic: 'POSITIVE',
          decisionStrategy: 'UNANIMOUS',
          config: { resources: '["doc"]', applyPolicies: '["readers"]' },
        },
      ],
      scopes: [{ name: 'read' }],
    });
    const to = await resourceServer();
    await target.request('PUT', to.rs, {
      token: 'admin',
      json: {
        policyEnforcementMode: 'PERMISSIVE',
        decisionStrategy: 'AFFIRMATIVE',
        allowRemoteResourceManagement: false,
      },
    });
    const imported = await target.request('POST', `${to.rs}/import`, {
      token: 'admin',
      json: { resources: exported['resources'], policies: exported['policies'], scopes: exported['scopes'] },
    });
    expect(imported.status).toBe(204);
    expect((await get(`${to.rs}/settings`)).json).toEqual(exported);
  });
});

describe(`scopes and resources (${targetKind})`, () => {
  it('creates a scope (201 with the scope), and a second create of the name updates and answers that scope', async () => {
    const { rs } = await resourceServer();
    const scope = await post(`${rs}/scope`, { name: 'view', displayName: 'View', iconUri: 'http://127.0.0.1/i' });
    expect(scope).toEqual({ id: expect.any(String), name: 'view', displayName: 'View', iconUri: 'http://127.0.0.1/i' });
    const again = await post(`${rs}/scope`, { name: 'view', displayName: 'Other' });
    expect(again).toEqual({ id: scope['id'], name: 'view', displayName: 'Other' });
    expect((await get(`${rs}/scope`)).json).toEqual([{ id: scope['id'], name: 'view', displayName: 'Other' }]);
  });

  it('answers a scope without name with 409 conflict, a search miss with 204 and an unknown scope with an empty 404', async () => {
    const { rs } = await resourceServer();
    const noName = await target.request('POST', `${rs}/scope`, { token: 'admin', json: {} });
    expect([noName.status, noName.json]).toEqual([
      409,
      { error: 'conflict', error_description: 'Duplicate resource error' },
    ]);
    await post(`${rs}/scope`, { name: 'edit' });
    expect((await get(`${rs}/scope/search?name=edit`)).json).toEqual({ id: expect.any(String), name: 'edit' });
    const miss = await get(`${rs}/scope/search?name=nope`);
    expect([miss.status, miss.text]).toEqual([204, '']);
    const unknown = await get(`${rs}/scope/nope`);
    expect([unknown.status, unknown.text]).toEqual([404, '']);
  });

  it('creates a resource, answering it with its owner and scopes (no display names), and lists its scopes by id and name', async () => {
    const { id, clientId, rs } = await resourceServer();
    const scope = await post(`${rs}/scope`, { name: 'view', displayName: 'View', iconUri: 'http://127.0.0.1/i' });
    const resource = await post(`${rs}/resource`, {
      name: 'doc',
      type: 'urn:doc',
      uris: ['/doc/*'],
      scopes: [{ name: 'view' }],
      attributes: { a: ['b'] },
    });
    expect(resource).toEqual({
      name: 'doc',
      type: 'urn:doc',
      owner: { id, name: clientId },
      ownerManagedAccess: false,
      attributes: { a: ['b'] },
      _id: expect.any(String),
      uris: ['/doc/*'],
      scopes: [{ id: scope['id'], name: 'view', iconUri: 'http://127.0.0.1/i' }],
    });
    expect((await get(`${rs}/resource/${resource['_id']}/scopes`)).json).toEqual([{ id: scope['id'], name: 'view' }]);
  });

  it('answers a resource without name or with a taken one with 409', async () => {
    const { rs } = await resourceServer();
    const noName = await target.request('POST', `${rs}/resource`, { token: 'admin', json: { uris: ['/x'] } });
    expect([noName.status, noName.json]).toEqual([
      409,
      { error: 'conflict', error_description: 'Duplicate resource error' },
    ]);
    await post(`${rs}/resource`, { name: 'taken' });
    const taken = await target.request('POST', `${rs}/resource`, { token: 'admin', json: { name: 'taken' } });
    expect([taken.status, taken.json]).toEqual([
      409,
      { error: 'invalid_request', error_description: 'Resource with name [taken] already exists.' },
    ]);
  });

  it('updates a resource keeping attributes left out, and answers unknown resources with the plain 404', async () => {
    const { rs } = await resourceServer();
    const resource = await post(`${rs}/resource`, { name: 'doc', type: 'urn:doc', attributes: { a: ['b'] } });
    const put = await target.request('PUT', `${rs}/resource/${resource['_id']}`, {
      token: 'admin',
      json: { _id: resource['_id'], name: 'doc', type: 'urn:doc2', uris: ['/d'] },
    });
    expect(put.status).toBe(204);
    expect((await get(`${rs}/resource/${resource['_id']}`)).json).toMatchObject({
      type: 'urn:doc2',
      uris: ['/d'],
      attributes: { a: ['b'] },
    });
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const answer = await target.request(method, `${rs}/resource/nope`, {
        token: 'admin',
        ...(method === 'PUT' ? { json: { name: 'x' } } : {}),
      });
      expect([method, answer.status, answer.json]).toEqual([method, 404, { error: 'HTTP 404 Not Found' }]);
    }
    const miss = await get(`${rs}/resource/search?name=nope`);
    expect([miss.status, miss.text]).toEqual([204, '']);
  });
});

describe(`policies and permissions (${targetKind})`, () => {
  it('lists the policy providers', async () => {
    const { rs } = await resourceServer();
    const providers = (await get(`${rs}/policy/providers`)).json as { type: string }[];
    expect(providers.map((p) => p.type)).toEqual([
      'regex',
      'role',
      'resource',
      'scope',
      'client',
      'time',
      'user',
      'client-scope',
      'group',
      'aggregate',
    ]);
    expect(providers[0]).toEqual({ type: 'regex', name: 'Regex', group: 'Identity Based' });
  });

  it('echoes role, group and client-scope definitions resolved to ids, their flags written even when not sent', async () => {
    const { rs } = await resourceServer();
    const base = { logic: 'POSITIVE', decisionStrategy: 'UNANIMOUS' };
    expect(await post(`${rs}/policy/role`, { name: 'by-role-name', roles: [{ id: 'reader' }] })).toEqual({
      id: expect.any(String),
      name: 'by-role-name',
      type: 'role',
      ...base,
      roles: [{ id: await roleId('reader'), required: false }],
    });
    const staff = ((await get(`/admin/realms/${realm}/groups?search=staff&exact=true`)).json as { id: string }[])[0];
    expect(await post(`${rs}/policy/group`, { name: 'by-group-path', groups: [{ path: '/staff' }] })).toEqual({
      id: expect.any(String),
      name: 'by-group-path',
      type: 'group',
      ...base,
      groups: [{ id: staff?.id, extendChildren: false }],
    });
    const scopes = (await get(`/admin/realms/${realm}/client-scopes`)).json as { id: string; name: string }[];
    expect(await post(`${rs}/policy/client-scope`, { name: 'by-scope-name', clientScopes: [{ id: 'email' }] })).toEqual(
      {
        id: expect.any(String),
        name: 'by-scope-name',
        type: 'client-scope',
        ...base,
        clientScopes: [{ id: scopes.find((s) => s.name === 'email')?.id, required: false }],
      },
    );
  });

  it('creates each policy type and echoes the representation as Keycloak binds it', async () => {
    const { id, rs } = await resourceServer();
    const reader = await roleId('reader');
    const alice = await userId('alice');
    expect(await post(`${rs}/policy/role`, { name: 'role-p', roles: [{ id: reader, required: true }] })).toEqual({
      id: expect.any(String),
      name: 'role-p',
      type: 'role',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      roles: [{ id: reader, required: true }],
    });
    expect(await post(`${rs}/policy/user`, { name: 'user-p', users: [alice] })).toEqual({
      id: expect.any(String),
      name: 'user-p',
      type: 'user',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      users: [alice],
    });
    expect(await post(`${rs}/policy/client`, { name: 'client-p', clients: [id] })).toEqual({
      id: expect.any(String),
      name: 'client-p',
      type: 'client',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      clients: [id],
    });
    expect(
      await post(`${rs}/policy/time`, { name: 'time-p', notBefore: '2020-01-01 00:00:00', hour: 1, hourEnd: 5 }),
    ).toEqual({
      id: expect.any(String),
      name: 'time-p',
      type: 'time',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      notBefore: '2020-01-01 00:00:00',
      hour: '1',
      hourEnd: '5',
    });
    expect(await post(`${rs}/policy/regex`, { name: 'regex-p', targetClaim: 'sub', pattern: '.*' })).toEqual({
      id: expect.any(String),
      name: 'regex-p',
      type: 'regex',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      targetClaim: 'sub',
      pattern: '.*',
      targetContextAttributes: false,
    });
    const time = ((await get(`${rs}/policy?name=time-p`)).json as Json[])[0];
    expect((await get(`${rs}/policy/time/${time?.['id']}`)).json).toEqual({
      id: time?.['id'],
      name: 'time-p',
      type: 'time',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      notBefore: '2020-01-01 00:00:00',
      hour: '1',
      hourEnd: '5',
    });
  });

  it("resolves an aggregate policy's policies by name and echoes their ids; refuses js policies (404) and a taken name (409)", async () => {
    const { rs } = await resourceServer();
    const a = await post(`${rs}/policy/user`, { name: 'a', users: [await userId('alice')] });
    const b = await post(`${rs}/policy/user`, { name: 'b', users: [await userId('bobby')] });
    const aggregate = await post(`${rs}/policy/aggregate`, {
      name: 'both',
      policies: ['a', 'b'],
      decisionStrategy: 'AFFIRMATIVE',
    });
    // Keycloak keeps the policies in a set: their order is not the request's.
    expect(aggregate).toEqual({
      id: expect.any(String),
      name: 'both',
      type: 'aggregate',
      policies: expect.arrayContaining([a['id'], b['id']]),
      logic: 'POSITIVE',
      decisionStrategy: 'AFFIRMATIVE',
    });
    expect(aggregate['policies']).toHaveLength(2);
    const js = await target.request('POST', `${rs}/policy/js`, { token: 'admin', json: { name: 'js', code: 'x' } });
    expect([js.status, js.json]).toEqual([404, { error: 'HTTP 404 Not Found' }]);
    const taken = await target.request('POST', `${rs}/policy/user`, { token: 'admin', json: { name: 'a', users: [] } });
    expect([taken.status, taken.json]).toEqual([
      409,
      { error: 'Policy with name [a] already exists', error_description: 'Conflicting policy' },
    ]);
  });

  it('creates resource and scope permissions, echoing their relations as ids, and lists them typed', async () => {
    const { rs } = await resourceServer();
    const scope = await post(`${rs}/scope`, { name: 'read' });
    const resource = await post(`${rs}/resource`, { name: 'doc', type: 'urn:doc', scopes: [{ name: 'read' }] });
    const policy = await post(`${rs}/policy/user`, { name: 'alice-p', users: [await userId('alice')] });
    expect(
      await post(`${rs}/permission/resource`, { name: 'by-resource', resources: ['doc'], policies: ['alice-p'] }),
    ).toEqual({
      id: expect.any(String),
      name: 'by-resource',
      type: 'resource',
      policies: [policy['id']],
      resources: [resource['_id']],
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
    });
    expect(
      await post(`${rs}/permission/scope`, {
        name: 'by-scope',
        scopes: ['read'],
        resources: [resource['_id']],
        policies: [policy['id']],
      }),
    ).toEqual({
      id: expect.any(String),
      name: 'by-scope',
      type: 'scope',
      policies: [policy['id']],
      resources: [resource['_id']],
      scopes: [scope['id']],
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
    });
    const byType = await post(`${rs}/permission/resource`, {
      name: 'by-type',
      resourceType: 'urn:doc',
      policies: ['alice-p'],
    });
    expect(byType).toMatchObject({ resourceType: 'urn:doc', policies: [policy['id']] });
    expect((await get(`${rs}/permission`)).json).toEqual([
      {
        id: expect.any(String),
        name: 'by-resource',
        type: 'resource',
        logic: 'POSITIVE',
        decisionStrategy: 'UNANIMOUS',
      },
      { id: expect.any(String), name: 'by-scope', type: 'scope', logic: 'POSITIVE', decisionStrategy: 'UNANIMOUS' },
      {
        id: byType['id'],
        name: 'by-type',
        type: 'resource',
        logic: 'POSITIVE',
        decisionStrategy: 'UNANIMOUS',
        resourceType: 'urn:doc',
      },
    ]);
    expect((await get(`${rs}/policy/${byType['id']}`)).json).toEqual({
      id: byType['id'],
      name: 'by-type',
      type: 'resource',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      config: { defaultResourceType: 'urn:doc' },
    });
  });

  it("lists a permission's resources, scopes and policies (with descriptions), and a policy's dependents, as unloaded summaries", async () => {
    const { rs } = await resourceServer();
    const scope = await post(`${rs}/scope`, { name: 'read' });
    const resource = await post(`${rs}/resource`, { name: 'doc', scopes: [{ name: 'read' }] });
    const policy = await post(`${rs}/policy/user`, {
      name: 'alice-p',
      description: 'only alice',
      users: [await userId('alice')],
    });
    const permission = await post(`${rs}/permission/scope`, {
      name: 'perm',
      scopes: ['read'],
      resources: ['doc'],
      policies: ['alice-p'],
      decisionStrategy: 'AFFIRMATIVE',
    });
    const summary = (p: Json) => ({
      id: p['id'],
      name: p['name'],
      type: p['type'],
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      config: {},
    });
    expect((await get(`${rs}/policy/${permission['id']}/associatedPolicies`)).json).toEqual([
      { ...summary(policy), description: 'only alice' },
    ]);
    expect((await get(`${rs}/policy/${policy['id']}/dependentPolicies`)).json).toEqual([summary(permission)]);
    expect((await get(`${rs}/policy/${permission['id']}/resources`)).json).toEqual([
      { name: 'doc', _id: resource['_id'] },
    ]);
    expect((await get(`${rs}/policy/${permission['id']}/scopes`)).json).toEqual([{ id: scope['id'], name: 'read' }]);
    expect((await get(`${rs}/resource/${resource['_id']}/permissions`)).json).toEqual([summary(permission)]);
    expect((await get(`${rs}/scope/${scope['id']}/permissions`)).json).toEqual([summary(permission)]);
  });

  it('updates a permission with PUT (201 without body) and reads the change back', async () => {
    const { rs } = await resourceServer();
    await post(`${rs}/resource`, { name: 'doc' });
    await post(`${rs}/policy/user`, { name: 'alice-p', users: [await userId('alice')] });
    const permission = await post(`${rs}/permission/resource`, {
      name: 'perm',
      resources: ['doc'],
      policies: ['alice-p'],
    });
    const put = await target.request('PUT', `${rs}/permission/resource/${permission['id']}`, {
      token: 'admin',
      json: { ...permission, description: 'changed', decisionStrategy: 'AFFIRMATIVE' },
    });
    expect([put.status, put.text]).toEqual([201, '']);
    expect((await get(`${rs}/permission/resource/${permission['id']}`)).json).toEqual({
      id: permission['id'],
      name: 'perm',
      description: 'changed',
      type: 'resource',
      logic: 'POSITIVE',
      decisionStrategy: 'AFFIRMATIVE',
    });
  });

  it('deletes a policy with the permissions left applying nothing, and answers unknown policies with the plain 404', async () => {
    const { rs } = await resourceServer();
    await post(`${rs}/resource`, { name: 'doc' });
    const a = await post(`${rs}/policy/user`, { name: 'a', users: [await userId('alice')] });
    await post(`${rs}/policy/user`, { name: 'b', users: [await userId('bobby')] });
    await post(`${rs}/permission/resource`, { name: 'only-a', resources: ['doc'], policies: ['a'] });
    await post(`${rs}/permission/resource`, { name: 'a-and-b', resources: ['doc'], policies: ['a', 'b'] });
    expect((await target.request('DELETE', `${rs}/policy/${a['id']}`, { token: 'admin' })).status).toBe(204);
    expect(((await get(`${rs}/permission`)).json as Json[]).map((p) => p['name'])).toEqual(['a-and-b']);
    const gone = await get(`${rs}/policy/${a['id']}`);
    expect([gone.status, gone.json]).toEqual([404, { error: 'HTTP 404 Not Found' }]);
    const miss = await get(`${rs}/policy/search?name=a`);
    expect([miss.status, miss.text]).toEqual([204, '']);
  });
});

describe(`python-keycloak's authorization methods through KeycloakAdmin (${targetKind})`, () => {
  it('manages resources and scopes', async () => {
    const { id } = await resourceServer();
    expect(await admin.getClientAuthzSettings(id)).toMatchObject({ resources: [], policies: [], scopes: [] });
    const scope = await admin.createClientAuthzScopes(id, { name: 'py-read' });
    expect(await admin.createClientAuthzScopes(id, { name: 'py-read' })).toEqual({ id: scope.id, name: 'py-read' });
    expect((await admin.getClientAuthzScopes(id)).map((s) => s.name)).toEqual(['py-read']);
    const resource = await admin.createClientAuthzResource(id, {
      name: 'py-doc',
      uris: ['/py'],
      scopes: [{ name: 'py-read' }],
    });
    expect(await admin.createClientAuthzResource(id, { name: 'py-doc' }, { skipExists: true })).toMatchObject({
      _id: resource._id,
      name: 'py-doc',
    });
    await admin.updateClientAuthzResource(id, resource._id ?? '', {
      name: 'py-doc',
      uris: ['/py2'],
      scopes: [{ name: 'py-read' }],
    });
    expect(await admin.getClientAuthzResource(id, resource._id ?? '')).toMatchObject({ uris: ['/py2'] });
    expect((await admin.getClientAuthzResources(id)).map((r) => r.name)).toEqual(['py-doc']);
    await admin.deleteClientAuthzResource(id, resource._id ?? '');
    await expect(admin.getClientAuthzResource(id, resource._id ?? '')).rejects.toMatchObject({ status: 404 });
  });

  it('manages policies and permissions', async () => {
    const { id, clientId } = await resourceServer();
    await admin.createClientAuthzScopes(id, { name: 'py-read' });
    const resource = await admin.createClientAuthzResource(id, { name: 'py-doc', scopes: [{ name: 'py-read' }] });
    const role = await admin.createClientAuthzRoleBasedPolicy(id, {
      name: 'py-role',
      roles: [{ id: await roleId('reader') }],
    });
    const client = await admin.createClientAuthzClientPolicy(
      { name: 'py-client', clients: [clientId], logic: 'POSITIVE', decisionStrategy: 'UNANIMOUS' },
      id,
    );
    expect((await admin.getClientAuthzClientPolicies(id)).map((p) => p.name)).toEqual(['py-client']);
    const generic = await admin.createClientAuthzPolicy(id, {
      name: 'py-user',
      type: 'user',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      config: { users: JSON.stringify([await userId('bobby')]) },
    });
    const permission = await admin.createClientAuthzResourceBasedPermission(id, {
      name: 'py-res-perm',
      resources: [resource._id ?? ''],
      policies: [role.id ?? ''],
    });
    await admin.updateClientAuthzResourcePermission(
      { name: 'py-res-perm', resources: [resource._id ?? ''], policies: [client.id ?? ''] },
      id,
      permission.id ?? '',
    );
    expect(
      (await admin.getClientAuthzPermissionAssociatedPolicies(id, permission.id ?? '')).map((p) => p.name),
    ).toEqual(['py-client']);
    expect((await admin.getClientAuthzPolicyResources(id, permission.id ?? '')).map((r) => r.name)).toEqual(['py-doc']);
    const scopePermission = await admin.createClientAuthzScopePermission(
      { name: 'py-scope-perm', scopes: ['py-read'], policies: [generic.id ?? ''] },
      id,
    );
    await admin.updateClientAuthzScopePermission(
      { name: 'py-scope-perm', description: 'now', scopes: ['py-read'], policies: [generic.id ?? ''] },
      id,
      scopePermission.id ?? '',
    );
    expect(await admin.getClientAuthzScopePermission(id, scopePermission.id ?? '')).toMatchObject({
      name: 'py-scope-perm',
      description: 'now',
    });
    expect((await admin.getClientAuthzPolicyScopes(id, scopePermission.id ?? '')).map((s) => s.name)).toEqual([
      'py-read',
    ]);
    expect((await admin.getClientAuthzPermissions(id)).map((p) => p.name)).toEqual(['py-res-perm', 'py-scope-perm']);
    expect((await admin.getClientAuthzPolicies(id)).map((p) => p.name)).toEqual(['py-client', 'py-role', 'py-user']);
    expect(await admin.getClientAuthzPolicy(id, role.id ?? '')).toMatchObject({ name: 'py-role', type: 'role' });
    await admin.deleteClientAuthzPolicy(id, role.id ?? '');
    await expect(admin.getClientAuthzPolicy(id, role.id ?? '')).rejects.toMatchObject({ status: 404 });
  });
});

describe(`the UMA policy API (${targetKind})`, () => {
  async function ownedResource(): Promise<{ clientId: string; resourceId: string }> {
    const { clientId, rs } = await resourceServer();
    await post(`${rs}/scope`, { name: 'read' });
    const resource = await post(`${rs}/resource`, {
      name: 'alice-doc',
      owner: { id: await userId('alice') },
      ownerManagedAccess: true,
      scopes: [{ name: 'read' }],
    });
    return { clientId, resourceId: String(resource['_id']) };
  }

  async function token(form: Record<string, string>): Promise<string> {
    const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, { form });
    return (answer.json as { access_token: string }).access_token;
  }

  it('lets the owner create, find, update and delete a policy on the resource', async () => {
    const { clientId, resourceId } = await ownedResource();
    const alice = await token({
      grant_type: 'password',
      client_id: clientId,
      client_secret: 'rs-secret',
      username: 'alice',
      password: 'alice-pw',
    });
    const P = `/realms/${realm}/authz/protection/uma-policy`;
    const created = await target.request('POST', `${P}/${resourceId}`, {
      token: alice,
      json: { name: 'share', description: 'd', scopes: ['read'], users: ['bobby'] },
    });
    expect(created.status).toBe(200);
    const id = (created.json as { id: string }).id;
    const twice = await target.request('POST', `${P}/${resourceId}`, {
      token: alice,
      json: { name: 'share', scopes: ['read'], users: ['bobby'] },
    });
    expect([twice.status, twice.json]).toEqual([
      409,
      { error: 'Policy with name [share] already exists', error_description: 'Conflicting policy' },
    ]);
    expect(
      ((await target.request('GET', `${P}?name=sha`, { token: alice })).json as { id: string }[]).map((p) => p.id),
    ).toEqual([id]);
    const put = await target.request('PUT', `${P}/${id}`, {
      token: alice,
      json: { id, name: 'share', scopes: ['read'], users: ['bobby'], clients: [clientId] },
    });
    expect(put.status).toBe(201);
    expect((await target.request('GET', `${P}/${id}`, { token: alice })).json).toMatchObject({
      id,
      name: 'share',
      clients: [clientId],
      users: ['bobby'],
      scopes: ['read'],
    });
    expect((await target.request('DELETE', `${P}/${id}`, { token: alice })).status).toBe(204);
    const gone = await target.request('DELETE', `${P}/${id}`, { token: alice });
    expect([gone.status, gone.json]).toEqual([
      404,
      { error: 'invalid_request', error_description: `Policy with [${id}] does not exist` },
    ]);
  });

  it("refuses the resource server's own token, an unknown resource and a missing token", async () => {
    const { clientId, resourceId } = await ownedResource();
    const P = `/realms/${realm}/authz/protection/uma-policy`;
    const pat = await token({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'rs-secret' });
    const byServer = await target.request('POST', `${P}/${resourceId}`, {
      token: pat,
      json: { name: 'by-rs', scopes: ['read'], roles: ['reader'] },
    });
    expect([byServer.status, byServer.json]).toEqual([
      400,
      {
        error: 'invalid_request',
        error_description: `Only resource owner can access policies for resource [${resourceId}]`,
      },
    ]);
    const alice = await token({
      grant_type: 'password',
      client_id: clientId,
      client_secret: 'rs-secret',
      username: 'alice',
      password: 'alice-pw',
    });
    const unknown = await target.request('POST', `${P}/nope`, { token: alice, json: { name: 'x', scopes: ['read'] } });
    expect([unknown.status, unknown.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Resource [nope] cannot be found' },
    ]);
    const anonymous = await target.request('GET', P);
    expect([anonymous.status, anonymous.json, anonymous.headers.get('www-authenticate')]).toEqual([
      403,
      { error: 'invalid_bearer_token', error_description: 'Could not obtain bearer access_token from request.' },
      null,
    ]);
  });

  it("works through KeycloakUMA with the owner's connection, a 201 update included", async () => {
    const { clientId, resourceId } = await ownedResource();
    const connection = new KeycloakOpenIDConnection({
      serverUrl: target.url,
      realmName: realm,
      clientId,
      clientSecretKey: 'rs-secret',
      username: 'alice',
      password: 'alice-pw',
    });
    const uma = new KeycloakUMA({ connection });
    const created = await uma.policyResourceCreate(resourceId, {
      name: 'py-share',
      scopes: ['read'],
      users: ['bobby'],
    });
    expect(created).toMatchObject({ name: 'py-share', type: 'uma', scopes: ['read'], users: ['bobby'] });
    expect((await uma.policyQuery({ name: 'py-share' })).map((p) => p.id)).toEqual([created.id]);
    await uma.policyUpdate(created.id ?? '', {
      id: created.id,
      name: 'py-share',
      description: 'updated',
      scopes: ['read'],
      users: ['bobby'],
    });
    expect((await uma.policyQuery({ resource: resourceId }))[0]).toMatchObject({ description: 'updated' });
    await uma.policyDelete(created.id ?? '');
    expect(await uma.policyQuery({ name: 'py-share' })).toEqual([]);
  });
});
