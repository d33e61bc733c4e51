import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardsRealm, pat, userToken } from './support/guards-realm.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let token: string;
let names: Map<string, string>;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('protection-uri', guardsRealm());
  token = await pat(target, realm);
  const all = await target.request('GET', `/realms/${realm}/authz/protection/resource_set?deep=true&max=-1`, { token });
  names = new Map((all.json as Array<{ _id: string; name: string }>).map((r) => [r._id, r.name]));
});
afterAll(() => target.close());

const find = async (query: string): Promise<string[]> => {
  const answer = await target.request('GET', `/realms/${realm}/authz/protection/resource_set?${query}`, { token });
  expect(answer.status).toBe(200);
  return (answer.json as string[]).map((id) => names.get(id) ?? id);
};

describe(`resource_set?uri=...&matchingUri=true answers as ResourceSetService.find (${targetKind})`, () => {
  it.each([
    ['/api/resourcea', ['Resource A'], 'the resource holding the uri exactly, not the /* one that also matches'],
    ['/api/resourcez', ['Root'], 'else the one best match'],
    ['/v1/tenants/1', ['tenant:1'], 'a template instance beats the wider template'],
    ['/v1/tenants/3', ['tenant-resource'], 'the template when no instance matches'],
    ['/resources', ['resources'], '/resources matches /resources/*'],
    ['/resources/x/y', ['resources'], 'the longest wildcard beats /*'],
  ])('%s -> %j (%s)', async (uri, expected) => {
    expect(await find(`uri=${encodeURIComponent(uri)}&matchingUri=true`)).toEqual(expected);
  });

  it('matches nothing by pattern without matchingUri', async () => {
    expect(await find(`uri=${encodeURIComponent('/api/resourcez')}`)).toEqual([]);
    expect(await find(`uri=${encodeURIComponent('/{ver}/tenants/1')}`)).toEqual(['tenant:1']);
  });
});

describe(`the UMA grant and scopes a resource does not hold (${targetKind})`, () => {
  it.each([
    ['Resource With HTTP Scopes#GET', 200, [{ rsname: 'Resource With HTTP Scopes', scopes: ['GET'] }]],
    ['Resource With HTTP Scopes#GET,PATCH', 200, [{ rsname: 'Resource With HTTP Scopes', scopes: ['GET'] }]],
    [
      'Resource With HTTP Scopes#PATCH',
      400,
      { error: 'invalid_resource', error_description: 'Resource with id [Resource With HTTP Scopes] does not exist.' },
    ],
    ['{id}#PATCH', 403, { error: 'access_denied', error_description: 'not_authorized' }],
    ['{id}#GET,PATCH', 200, [{ rsname: 'Resource With HTTP Scopes', scopes: ['GET'] }]],
    [
      'Resource With HTTP Scopes#NOPE',
      400,
      { error: 'invalid_scope', error_description: 'One of the given scopes [NOPE] is invalid' },
    ],
  ])('answers %s with %i', async (permission, status, body) => {
    const marta = await userToken(target, realm, 'marta');
    const id = [...names].find(([, name]) => name === 'Resource With HTTP Scopes')?.[0] as string;
    const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
      token: marta,
      form: {
        grant_type: 'urn:ietf:params:oauth:grant-type:uma-ticket',
        audience: 'resource-server-test',
        permission: permission.replace('{id}', id),
        response_mode: 'permissions',
      },
    });
    expect({ status: answer.status, body: answer.json }).toEqual({
      status,
      body: Array.isArray(body) ? body.map((entry) => expect.objectContaining(entry)) : body,
    });
  });
});
