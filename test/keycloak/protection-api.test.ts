import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';
import { aliceTokens, body, claimsOf, headerOf, protocolRealm, token } from './support/protocol-realm.js';

let target: KeycloakTarget;
let realm: string;
let issuer: string;
let pat: string;
let apiId: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('protection-api', protocolRealm());
  issuer = `${target.url}/realms/${realm}`;
  pat = String(
    body(
      await token(target, realm, { grant_type: 'client_credentials', client_id: 'api', client_secret: 'api-secret' }),
    )['access_token'],
  );
  apiId = String(
    (
      (await target.request('GET', `/admin/realms/${realm}/clients?clientId=api`, { token: 'admin' })).json as {
        id: string;
      }[]
    )[0]?.id,
  );
});
afterAll(() => target.close());

const path = (rest: string): string => `/realms/${realm}/authz/protection${rest}`;
const call = (method: string, rest: string, json?: unknown, bearer = pat) =>
  target.request(method, path(rest), { token: bearer, ...(json !== undefined ? { json } : {}) });
const JSON_UTF8 = 'application/json;charset=UTF-8';
const sortIds = (list: unknown): string[] => [...(list as string[])].sort();

async function create(rep: Record<string, unknown>): Promise<string> {
  const answer = await call('POST', '/resource_set', rep);
  expect(answer.status).toBe(201);
  return String(body(answer)['_id']);
}

describe(`resource_set registration (${targetKind})`, () => {
  it('creates a resource: 201 with owner (id and name), scopes with ids and no attributes', async () => {
    const answer = await call('POST', '/resource_set', {
      name: 'album-1',
      type: 'urn:api:album',
      uris: ['/albums/1'],
      resource_scopes: ['view', 'share'],
      ownerManagedAccess: true,
      attributes: { color: ['red'] },
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('content-type')).toBe(JSON_UTF8);
    const json = body(answer);
    const scopes = json['resource_scopes'] as { id: string; name: string }[];
    expect(json).toEqual({
      name: 'album-1',
      type: 'urn:api:album',
      owner: { id: apiId, name: 'api' },
      ownerManagedAccess: true,
      _id: expect.any(String),
      uris: ['/albums/1'],
      resource_scopes: [
        { id: expect.any(String), name: 'view' },
        { id: expect.any(String), name: 'share' },
      ],
      scopes,
    });
  });

  it('reads a resource by id: owner id only, scopes by name, attributes kept', async () => {
    const id = await create({
      name: 'album-2',
      type: 'urn:api:album',
      uris: ['/albums/2'],
      resource_scopes: ['view'],
      attributes: { color: ['blue'] },
    });
    const answer = await call('GET', `/resource_set/${id}`);
    expect([answer.status, answer.headers.get('content-type')]).toEqual([200, JSON_UTF8]);
    expect(answer.json).toEqual({
      name: 'album-2',
      type: 'urn:api:album',
      owner: { id: apiId },
      ownerManagedAccess: false,
      attributes: { color: ['blue'] },
      _id: id,
      uris: ['/albums/2'],
      resource_scopes: [{ name: 'view' }],
      scopes: [{ name: 'view' }],
    });
  });

  it('keeps icon_uri', async () => {
    const answer = await call('POST', '/resource_set', { name: 'with-icon', icon_uri: 'http://127.0.0.1:9/icon.png' });
    expect(body(answer)['icon_uri']).toBe('http://127.0.0.1:9/icon.png');
  });

  it('answers a resource without name 409 conflict "Duplicate resource error"', async () => {
    const answer = await call('POST', '/resource_set', { type: 'urn:api:nameless' });
    expect([answer.status, answer.json]).toEqual([
      409,
      { error: 'conflict', error_description: 'Duplicate resource error' },
    ]);
  });

  it('answers the same name twice 409', async () => {
    await create({ name: 'twice' });
    const answer = await call('POST', '/resource_set', { name: 'twice' });
    expect(answer.status).toBe(409);
  });

  it('updates a resource (204); attributes not sent are kept, other fields replaced', async () => {
    const id = await create({
      name: 'album-3',
      type: 'urn:api:album',
      uris: ['/albums/3'],
      resource_scopes: ['view', 'share'],
      ownerManagedAccess: true,
      attributes: { color: ['red'] },
    });
    const put = await call('PUT', `/resource_set/${id}`, {
      name: 'album-3',
      type: 'urn:api:album2',
      resource_scopes: ['view'],
    });
    expect([put.status, put.text]).toEqual([204, '']);
    expect((await call('GET', `/resource_set/${id}`)).json).toEqual({
      name: 'album-3',
      type: 'urn:api:album2',
      owner: { id: apiId },
      ownerManagedAccess: false,
      attributes: { color: ['red'] },
      _id: id,
      uris: [],
      resource_scopes: [{ name: 'view' }],
      scopes: [{ name: 'view' }],
    });
  });

  it('deletes a resource (204); reading it then answers the bare 404', async () => {
    const id = await create({ name: 'to-delete' });
    expect((await call('DELETE', `/resource_set/${id}`)).status).toBe(204);
    const answer = await call('GET', `/resource_set/${id}`);
    expect([answer.status, answer.json]).toEqual([404, { error: 'HTTP 404 Not Found' }]);
  });

  it('answers PUT and DELETE of an unknown id 404', async () => {
    expect([
      (await call('PUT', '/resource_set/nope', { name: 'x' })).status,
      (await call('DELETE', '/resource_set/nope')).status,
    ]).toEqual([404, 404]);
  });
});

describe(`resource_set queries (${targetKind})`, () => {
  let photos: string;
  let reports: string;
  beforeAll(async () => {
    photos = ((await call('GET', '/resource_set?name=photos&exactName=true')).json as string[])[0]!;
    reports = ((await call('GET', '/resource_set?name=reports&exactName=true')).json as string[])[0]!;
  });

  it('lists ids with Cache-Control no-cache', async () => {
    const answer = await call('GET', '/resource_set');
    expect([answer.status, answer.headers.get('cache-control'), answer.headers.get('content-type')]).toEqual([
      200,
      'no-cache',
      JSON_UTF8,
    ]);
    expect(answer.json).toEqual(expect.arrayContaining([photos, reports]));
  });

  it('finds by exact name', async () => {
    expect((await call('GET', '/resource_set?name=photos&exactName=true')).json).toEqual([photos]);
  });

  it('finds by part of a name, ignoring case', async () => {
    expect(sortIds((await call('GET', '/resource_set?name=PHOT')).json)).toEqual([photos]);
  });

  it('finds by type', async () => {
    expect((await call('GET', '/resource_set?type=urn:api:report')).json).toEqual([reports]);
  });

  it('finds by uri', async () => {
    expect((await call('GET', '/resource_set?uri=/reports')).json).toEqual([reports]);
  });

  it('finds by scope name', async () => {
    expect((await call('GET', '/resource_set?scope=delete')).json).toEqual([photos]);
  });

  it('answers whole resources with deep=true: owner with name, scopes with ids, no resource_scopes', async () => {
    const answer = await call('GET', '/resource_set?name=photos&exactName=true&deep=true');
    expect(answer.json).toEqual([
      {
        name: 'photos',
        type: 'urn:api:photo',
        owner: { id: apiId, name: 'api' },
        ownerManagedAccess: false,
        attributes: {},
        _id: photos,
        uris: ['/photos/*'],
        scopes: expect.arrayContaining([
          { id: expect.any(String), name: 'view' },
          { id: expect.any(String), name: 'delete' },
        ]),
      },
    ]);
  });

  it('pages with first and max', async () => {
    const all = (await call('GET', '/resource_set')).json as string[];
    expect((await call('GET', '/resource_set?first=1&max=2')).json).toEqual(all.slice(1, 3));
  });
});

describe(`Protection API access (${targetKind})`, () => {
  it('answers no bearer token 403 invalid_bearer_token without a challenge', async () => {
    const answer = await target.request('GET', path('/resource_set'));
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'invalid_bearer_token', error_description: 'Could not obtain bearer access_token from request.' },
    ]);
    expect(answer.headers.get('www-authenticate')).toBeNull();
  });

  it('answers a bad bearer token the same way', async () => {
    const answer = await call('GET', '/resource_set', undefined, 'abc');
    expect([answer.status, body(answer)['error']]).toEqual([403, 'invalid_bearer_token']);
  });

  it('answers a token of a client that is not a resource server 403 invalid_clientId', async () => {
    const alice = (await aliceTokens(target, realm))['access_token']!;
    const answer = await call('POST', '/permission', [{ resource_id: 'x' }], alice);
    expect([answer.status, answer.json]).toEqual([
      403,
      {
        error: 'invalid_clientId',
        error_description: 'Client application [app] is not registered as a resource server.',
      },
    ]);
  });
});

describe(`permission tickets (${targetKind})`, () => {
  let photos: string;
  beforeAll(async () => {
    photos = ((await call('GET', '/resource_set?name=photos&exactName=true')).json as string[])[0]!;
  });

  it('answers 201 with an HS512 ticket naming the realm, the resource server and the permissions', async () => {
    const answer = await call('POST', '/permission', [{ resource_id: photos, resource_scopes: ['view'] }]);
    expect([answer.status, answer.headers.get('content-type')]).toEqual([201, JSON_UTF8]);
    const ticket = body(answer)['ticket'];
    expect(headerOf(ticket)['alg']).toBe('HS512');
    const claims = claimsOf(ticket);
    expect(claims).toEqual({
      exp: Number(claims['iat']) + 300,
      iat: expect.any(Number),
      permissions: [{ rsid: photos, scopes: ['view'] }],
      jti: expect.stringMatching(/^[0-9a-f-]{36}-\d{13}$/),
      aud: issuer,
      sub: claimsOf(pat)['sub'],
      azp: 'api',
    });
  });

  it('refuses a single object (not an array): 400 "Cannot parse the JSON"', async () => {
    const answer = await call('POST', '/permission', { resource_id: photos });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'unknown_error', error_description: 'Cannot parse the JSON' },
    ]);
  });

  it('refuses an empty list: 400 invalid_permission_request', async () => {
    const answer = await call('POST', '/permission', []);
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_permission_request', error_description: 'Invalid permission request.' },
    ]);
  });

  it('refuses an unknown resource: 400 invalid_resource_id', async () => {
    const answer = await call('POST', '/permission', [{ resource_id: 'nope' }]);
    expect([answer.status, answer.json]).toEqual([
      400,
      {
        error: 'invalid_resource_id',
        error_description: 'Resource set with id [nope] does not exists in this server.',
      },
    ]);
  });

  it('refuses an unknown scope: 400 invalid_scope', async () => {
    const answer = await call('POST', '/permission', [{ resource_id: photos, resource_scopes: ['nope'] }]);
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_scope', error_description: 'Scope [nope] is invalid' },
    ]);
  });
});

describe(`permission/ticket records (${targetKind})`, () => {
  it('creates a granted record on a user-managed resource and lists it with names', async () => {
    const doc = await create({ name: 'shared-doc', ownerManagedAccess: true, resource_scopes: ['read'] });
    const created = await call('POST', '/permission/ticket', {
      resource: doc,
      requesterName: 'bob',
      scopeName: 'read',
      granted: true,
    });
    expect(created.status).toBe(200);
    const bobId = String(
      (
        (await target.request('GET', `/admin/realms/${realm}/users?username=bob&exact=true`, { token: 'admin' }))
          .json as { id: string }[]
      )[0]?.id,
    );
    expect(created.json).toEqual({
      id: expect.any(String),
      owner: apiId,
      resource: doc,
      scope: expect.any(String),
      granted: true,
      requester: bobId,
    });
    const listed = await call('GET', `/permission/ticket?resourceId=${doc}&returnNames=true`);
    expect([listed.status, listed.headers.get('content-type')]).toEqual([200, JSON_UTF8]);
    expect(listed.json).toEqual([
      {
        ...(created.json as object),
        scopeName: 'read',
        resourceName: 'shared-doc',
        ownerName: 'api',
        requesterName: 'bob',
      },
    ]);
    expect(Object.keys((listed.json as object[])[0]!)).toEqual([
      'id',
      'owner',
      'resource',
      'scope',
      'granted',
      'scopeName',
      'resourceName',
      'requester',
      'ownerName',
      'requesterName',
    ]);
  });

  it('counts records', async () => {
    const answer = await call('GET', '/permission/ticket/count');
    expect([answer.status, answer.headers.get('content-type'), typeof answer.json]).toEqual([200, JSON_UTF8, 'number']);
  });

  it('refuses a record for a resource without user-managed access', async () => {
    const id = await create({ name: 'not-shared' });
    const answer = await call('POST', '/permission/ticket', { resource: id, requesterName: 'bob', scopeName: 'read' });
    expect([answer.status, answer.json]).toEqual([
      400,
      {
        error: 'invalid_permission',
        error_description: 'permission can only be created for resources with user-managed access enabled',
      },
    ]);
  });

  it('asks for resource, then scope, before it looks the resource up', async () => {
    const none = await call('POST', '/permission/ticket', {});
    expect([none.status, none.json]).toEqual([
      400,
      { error: 'invalid_permission', error_description: 'created permissions should have resource' },
    ]);
    const noScope = await call('POST', '/permission/ticket', { resource: 'nope' });
    expect([noScope.status, noScope.json]).toEqual([
      400,
      { error: 'invalid_permission', error_description: 'created permissions should have scope or scopeName' },
    ]);
  });

  it('reads an empty resource with attributes {} and resource_scopes [] but no scopes', async () => {
    const id = await create({ name: 'bare' });
    expect((await call('GET', `/resource_set/${id}`)).json).toEqual({
      name: 'bare',
      owner: { id: apiId },
      ownerManagedAccess: false,
      attributes: {},
      _id: id,
      uris: [],
      resource_scopes: [],
    });
  });

  it('refuses a record without requester before anything about the resource', async () => {
    const id = await create({ name: 'no-requester' });
    const answer = await call('POST', '/permission/ticket', { resource: id, scopeName: 'read' });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_permission', error_description: 'created permissions should have requester or requesterName' },
    ]);
  });

  it('refuses an unknown requester and an unknown resource', async () => {
    const doc = await create({ name: 'shared-2', ownerManagedAccess: true, resource_scopes: ['read'] });
    const nobody = await call('POST', '/permission/ticket', {
      resource: doc,
      requesterName: 'nobody',
      scopeName: 'read',
    });
    expect([nobody.status, nobody.json]).toEqual([
      400,
      { error: 'invalid_permission', error_description: 'Requester does not exists in this server as user.' },
    ]);
    const missing = await call('POST', '/permission/ticket', {
      resource: 'nope',
      requesterName: 'bob',
      scopeName: 'read',
    });
    expect([missing.status, missing.json]).toEqual([
      400,
      {
        error: 'invalid_resource_id',
        error_description: 'Resource set with id [nope] does not exists in this server.',
      },
    ]);
  });
});
