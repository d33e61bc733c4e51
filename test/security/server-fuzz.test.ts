import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken, startShop, type ShopKeycloak } from '../support/guard/realm.js';
import { umaShopRealm } from '../support/guard/uma-realm.js';
import { rawRequest } from './support/raw-http.js';

// A bounded, seeded fuzz of the test server (loopback only): 360 requests to its public endpoints,
// 300 JSON bodies to its admin API. Malformed forms, JSON, multipart and credentials must get a 4xx
// (or a 2xx/3xx where the input happens to be acceptable), never a 5xx. A failure names the
// endpoint and the body that broke it.

const ENDPOINTS: Array<[method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string]> = [
  ['POST', '/realms/uma-shop/protocol/openid-connect/token'],
  ['POST', '/realms/uma-shop/protocol/openid-connect/token/introspect'],
  ['POST', '/realms/uma-shop/protocol/openid-connect/revoke'],
  ['POST', '/realms/uma-shop/protocol/openid-connect/logout'],
  ['POST', '/realms/uma-shop/protocol/openid-connect/userinfo'],
  ['POST', '/realms/uma-shop/protocol/openid-connect/auth'],
  ['POST', '/realms/uma-shop/protocol/openid-connect/auth/device'],
  ['POST', '/realms/uma-shop/login-actions/authenticate'],
  ['POST', '/realms/uma-shop/device'],
  ['POST', '/realms/uma-shop/clients-registrations/default'],
  ['PUT', '/realms/uma-shop/clients-registrations/default/web'],
  ['POST', '/realms/uma-shop/authz/protection/resource_set'],
  ['PUT', '/realms/uma-shop/authz/protection/resource_set/x'],
  ['POST', '/realms/uma-shop/authz/protection/permission'],
  ['POST', '/realms/uma-shop/authz/protection/uma-policy/x'],
  ['DELETE', '/realms/uma-shop/authz/protection/uma-policy/x'],
  ['GET', '/realms/uma-shop/protocol/openid-connect/userinfo'],
  ['GET', '/realms/uma-shop/protocol/openid-connect/auth'],
];

/** A small deterministic PRNG (mulberry32), so a failure replays with the same inputs. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FuzzCase {
  contentType: string | undefined;
  body: Buffer;
  authorization?: string;
  query?: string;
}

const FIELDS = [
  'grant_type',
  'client_id',
  'client_secret',
  'username',
  'password',
  'token',
  'refresh_token',
  'code',
  'redirect_uri',
  'scope',
  'permission',
  'audience',
  'response_type',
  'state',
  'token_type_hint',
  'device_code',
  'resource_set_id',
  'name',
  'scopes',
  'uris',
];
const VALUES = [
  '',
  '%',
  '%zz',
  '%00',
  '\u0000',
  'password',
  'client_credentials',
  'urn:ietf:params:oauth:grant-type:uma-ticket',
  'refresh_token',
  'authorization_code',
  'web',
  'orders-api',
  'a'.repeat(70_000),
  'é\ud800',
  '[]',
  '{}',
  'null',
  '__proto__',
  'constructor',
  '../../admin',
  'http://evil.example.com/',
  '#',
  '?',
  '1e309',
  '-1',
];
const JSON_BODIES = [
  '{',
  '[',
  'null',
  '"x"',
  '1e309',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"name":{"$ne":null}}',
  '{"uris":"x","scopes":7}',
  '[{"resource_id":null}]',
  JSON.stringify(nested(2_000)),
  '{"redirect_uris":[1,2,{}],"client_id":[]}',
  '\u0000',
  '{"name":"a","name":"b"}',
];
const AUTHORIZATIONS = [
  undefined,
  'Basic',
  'Basic !!!',
  `Basic ${Buffer.from('nocolon').toString('base64')}`,
  `Basic ${Buffer.from('web:').toString('base64')}`,
  `Basic ${Buffer.from('%zz:%zz').toString('base64')}`,
  'Bearer',
  'Bearer a.b.c',
  'Bearer ..',
  `Bearer ${'x'.repeat(9_000)}`,
  'Negotiate x',
];

/** Admin endpoints that read a JSON body; ID, CID, GID and RID are replaced by existing ids. */
const ADMIN_WRITES = [
  'POST /admin/realms',
  'PUT /admin/realms/uma-shop',
  'POST /admin/realms/uma-shop/users',
  'PUT /admin/realms/uma-shop/users/ID',
  'PUT /admin/realms/uma-shop/users/ID/reset-password',
  'POST /admin/realms/uma-shop/clients',
  'PUT /admin/realms/uma-shop/clients/CID',
  'POST /admin/realms/uma-shop/groups',
  'PUT /admin/realms/uma-shop/groups/GID',
  'POST /admin/realms/uma-shop/groups/GID/children',
  'POST /admin/realms/uma-shop/roles',
  'POST /admin/realms/uma-shop/roles-by-id/RID/composites',
  'POST /admin/realms/uma-shop/users/ID/role-mappings/realm',
  'DELETE /admin/realms/uma-shop/users/ID/role-mappings/realm',
  'POST /admin/realms/uma-shop/client-scopes',
  'POST /admin/realms/uma-shop/identity-provider/instances',
  'POST /admin/realms/uma-shop/components',
  'POST /admin/realms/uma-shop/partialImport',
  'POST /admin/realms/uma-shop/organizations',
  'PUT /admin/realms/uma-shop/users/ID/execute-actions-email',
  'POST /admin/realms/uma-shop/clients/CID/protocol-mappers/models',
  'POST /admin/realms/uma-shop/clients/CID/authz/resource-server/resource',
  'POST /admin/realms/uma-shop/clients/CID/authz/resource-server/policy/role',
  'POST /admin/realms/uma-shop/authentication/flows',
  'PUT /admin/realms/uma-shop/users/profile',
  'PUT /admin/realms/uma-shop/events/config',
  'POST /admin/realms/uma-shop/clients/CID/roles',
];
const ADMIN_BODIES = [
  ...JSON_BODIES,
  '[]',
  '{"name":{"a":1}}',
  '{"username":[],"enabled":"yes"}',
  '{"id":"../x","name":"../x"}',
  '{"attributes":{"__proto__":["x"]}}',
  '{"attributes":"x"}',
  '{"credentials":[{"type":"password","value":7}]}',
  '{"credentials":"x"}',
  '{"realmRoles":"x","clientRoles":[1]}',
  '{"clientId":7,"redirectUris":"x"}',
  '{"roles":{"realm":"x"}}',
  '{"composites":{"realm":7}}',
  '{"subGroups":"x"}',
  '{"protocolMappers":"x"}',
  '{"config":"x"}',
  '[{"id":7}]',
  '[null]',
  '{"name":""}',
  '{"realm":""}',
  '{"type":7,"value":{}}',
  '{"groups":"x"}',
  '{"requiredActions":"x"}',
  '{"alias":{},"providerId":[]}',
  '{"email":{},"firstName":[]}',
  '{"secret":[]}',
];

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

/** `valid` holds working credentials, so some cases get past client authentication to the parsers behind it. */
function fuzzCase(rand: () => number, valid: readonly string[]): FuzzCase {
  const authorization = rand() < 0.5 ? pick(rand, valid) : pick(rand, AUTHORIZATIONS);
  const kind = Math.floor(rand() * 4);
  if (kind === 0) {
    const pairs = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => {
      const value = pick(rand, VALUES);
      // Raw or encoded: raw values reach the server's form parser as they are (bad escapes included).
      return `${pick(rand, FIELDS)}=${rand() < 0.5 ? value : encodeURIComponent(value.replace(/[\ud800-\udfff]/g, ''))}`;
    });
    const client = rand() < 0.3 ? 'client_id=orders-api&client_secret=orders-secret&' : '';
    return {
      contentType: 'application/x-www-form-urlencoded',
      body: Buffer.from(client + pairs.join(pick(rand, ['&', '&&', ';', '&=&']))),
      authorization,
    };
  }
  if (kind === 1)
    return {
      contentType: pick(rand, ['application/json', 'application/json; charset=utf-16', 'text/plain']),
      body: Buffer.from(pick(rand, JSON_BODIES)),
      authorization,
    };
  if (kind === 2) {
    const boundary = pick(rand, ['b', '', '"quoted"', 'x'.repeat(100)]);
    const body = pick(rand, [
      `--b\r\nContent-Disposition: form-data; name="grant_type"\r\n\r\npassword\r\n--b--`,
      `--b\r\n\r\n`,
      `--other\r\nContent-Disposition: form-data\r\n\r\nx\r\n--other--`,
      '--b',
    ]);
    return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(body), authorization };
  }
  const bytes = Buffer.alloc(1 + Math.floor(rand() * 512));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
  return {
    contentType: pick(rand, [
      undefined,
      'application/octet-stream',
      'application/x-www-form-urlencoded',
      'application/json',
    ]),
    body: bytes,
    authorization,
    query: pick(rand, [
      '',
      '?client_id=%zz',
      '?response_type=code&client_id=web&redirect_uri=%ff',
      '?a=1&a=2&__proto__=x',
    ]),
  };
}

describe('the test server under fuzzed requests', () => {
  let shop: ShopKeycloak;
  const valid: string[] = [`Basic ${Buffer.from('orders-api:orders-secret').toString('base64')}`];

  beforeAll(async () => {
    shop = await startShop([umaShopRealm]);
    const pat = await fetch(`${shop.serverUrl}/realms/uma-shop/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'orders-api',
        client_secret: 'orders-secret',
      }),
    });
    valid.push(
      `Bearer ${((await pat.json()) as { access_token: string }).access_token}`,
      `Bearer ${await shop.tokenFor('alice', 'uma-shop')}`,
    );
  });
  afterAll(() => shop?.close());

  it('answers 360 malformed requests to its public endpoints without a single 5xx', async () => {
    const rand = random(0x5eed);
    const failures: string[] = [];
    const statuses = new Set<number>();
    for (let round = 0; round < 20; round++) {
      for (const [method, path] of ENDPOINTS) {
        const input = fuzzCase(rand, valid);
        const head = [
          `${method} ${path}${input.query ?? ''} HTTP/1.1`,
          ...(input.contentType === undefined ? [] : [`Content-Type: ${input.contentType}`]),
          ...(input.authorization === undefined ? [] : [`Authorization: ${input.authorization}`]),
        ].join('\r\n');
        const reply = await rawRequest(shop.serverUrl, head, input.body);
        statuses.add(reply.status);
        if (!(reply.status >= 200 && reply.status < 500)) {
          failures.push(
            `${reply.status} ${method} ${path} ${input.contentType} ${input.authorization?.slice(0, 20)}: ${input.body.toString('latin1').slice(0, 120)} -> ${reply.body.slice(0, 200)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect([...statuses].every((status) => status >= 200 && status < 500)).toBe(true);
    expect(statuses.has(400)).toBe(true);
  });

  it('answers 300 malformed JSON bodies to admin endpoints, with an admin token, without a single 5xx', async () => {
    const token = await passwordToken(shop.serverUrl, 'master', 'admin', 'admin', 'admin-cli');
    const auth = { authorization: `Bearer ${token}` };
    const first = async (path: string): Promise<string> => {
      const body = (await (await fetch(`${shop.serverUrl}/admin/realms/uma-shop/${path}`, { headers: auth })).json()) as
        | Array<{ id: string }>
        | { id: string };
      return (Array.isArray(body) ? body[0]?.id : body.id) as string;
    };
    const ids: Record<string, string> = {
      ID: await first('users'),
      CID: await first('clients?clientId=orders-api'),
      GID: '',
      RID: '',
    };
    await fetch(`${shop.serverUrl}/admin/realms/uma-shop/groups`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"name":"fuzz"}',
    });
    ids['GID'] = await first('groups');
    ids['RID'] = await first('roles/uma_authorization');
    const rand = random(0xad81);
    const failures: string[] = [];
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const [method, template] = pick(rand, ADMIN_WRITES).split(' ') as [string, string];
      const path = template.replace(/\b(CID|GID|RID|ID)\b/g, (name) => ids[name] as string);
      const body = pick(rand, ADMIN_BODIES);
      const reply = await rawRequest(
        shop.serverUrl,
        `${method} ${path} HTTP/1.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json`,
        body,
      );
      statuses.add(reply.status);
      if (!(reply.status >= 200 && reply.status < 500))
        failures.push(`${reply.status} ${method} ${template}: ${body.slice(0, 80)} -> ${reply.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    // The token was good all along: the bodies reached the handlers, which refused most of them.
    expect([statuses.has(400), statuses.has(401), statuses.has(403)]).toEqual([true, false, false]);
  });
});
