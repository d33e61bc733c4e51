import { startKeycloak } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

// Keycloak's experimental v2 clients admin API (feature client-admin-api:v2), as 26.7.3 answers it.
let target: KeycloakTarget;
let realm: string;
let v2: string;

const UUID = /^[0-9a-f-]{36}$/;
const SERVER_ERROR = {
  error: 'unknown_error',
  error_description: 'For more on this error consult the server log.',
};

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('clients-v2');
  v2 = `/admin/api/${realm}/clients/v2`;
});
afterAll(() => target.close());

const admin = { token: 'admin' as const };

/** A v2 body with `loginFlows` sorted: Keycloak keeps them in a set and answers them in a per-run order. */
function sortedFlows(body: unknown): Record<string, unknown> {
  const record = body as Record<string, unknown>;
  const flows = record['loginFlows'];
  return Array.isArray(flows) ? { ...record, loginFlows: [...flows].sort() } : record;
}

describe(`the v2 clients admin API (${targetKind})`, () => {
  it('creates a client with its whole representation, answered 201 with the v2 form and no Cache-Control', async () => {
    const created = await target.request('POST', v2, {
      ...admin,
      json: {
        clientId: 'full',
        protocol: 'openid-connect',
        displayName: 'Full app',
        description: 'all fields',
        enabled: true,
        appUrl: 'http://app.example/',
        redirectUris: ['http://app.example/*'],
        webOrigins: ['+'],
        loginFlows: ['STANDARD', 'DIRECT_GRANT', 'SERVICE_ACCOUNT'],
        auth: { method: 'client-secret', secret: 's3cret-123' },
        roles: ['reader'],
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(created.headers.get('cache-control')).toBeNull();
    expect(created.headers.get('location')).toBeNull();
    const body = sortedFlows(created.json);
    expect(body).toEqual({
      uuid: expect.stringMatching(UUID),
      clientId: 'full',
      displayName: 'Full app',
      description: 'all fields',
      enabled: true,
      appUrl: 'http://app.example/',
      redirectUris: ['http://app.example/*'],
      roles: ['reader'],
      protocol: 'openid-connect',
      createdTimestamp: expect.any(Number),
      updatedTimestamp: expect.any(Number),
      loginFlows: ['DIRECT_GRANT', 'SERVICE_ACCOUNT', 'STANDARD'],
      auth: { method: 'client-secret', secret: 's3cret-123' },
      webOrigins: ['+'],
    });
    const fetched = await target.request('GET', `${v2}/full`, admin);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('cache-control')).toBeNull();
    // The service account made for the SERVICE_ACCOUNT flow has no role, not even the realm's default one.
    expect(sortedFlows(fetched.json)).toEqual({ ...body, updatedTimestamp: expect.any(Number) });
    const account = await target.request(
      'GET',
      `/admin/realms/${realm}/users?username=service-account-full&exact=true`,
      admin,
    );
    const accountId = (account.json as Array<{ id: string }>)[0]?.id;
    const mappings = await target.request('GET', `/admin/realms/${realm}/users/${accountId}/role-mappings`, admin);
    expect(mappings.json).toEqual({});
  });

  it('leaves off what the body lacks: disabled, public, no flow, no full scope (seen through v1)', async () => {
    const created = await target.request('POST', v2, {
      ...admin,
      json: { clientId: 'bare', protocol: 'openid-connect' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      uuid: expect.stringMatching(UUID),
      clientId: 'bare',
      enabled: false,
      protocol: 'openid-connect',
      createdTimestamp: expect.any(Number),
      updatedTimestamp: expect.any(Number),
    });
    const v1 = await target.request('GET', `/admin/realms/${realm}/clients?clientId=bare`, admin);
    expect(v1.json).toEqual([
      expect.objectContaining({
        id: (created.json as { uuid: string }).uuid,
        clientId: 'bare',
        enabled: false,
        publicClient: true,
        standardFlowEnabled: false,
        implicitFlowEnabled: false,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: false,
        fullScopeAllowed: false,
        redirectUris: [],
        webOrigins: [],
      }),
    ]);
    expect((v1.json as Array<Record<string, unknown>>)[0]).not.toHaveProperty('secret');
  });

  it('generates an 86-character secret for a confidential client sent without one', async () => {
    const created = await target.request('POST', v2, {
      ...admin,
      json: { clientId: 'gen-secret', protocol: 'openid-connect', auth: { method: 'client-secret' } },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      auth: { method: 'client-secret', secret: expect.stringMatching(/^[A-Za-z0-9]{86}$/) },
    });
  });

  it('shows a client made through v1 in its v2 form: name, baseUrl, flows, secret, service-account roles', async () => {
    const made = await target.request('POST', `/admin/realms/${realm}/clients`, {
      ...admin,
      json: {
        clientId: 'from-v1',
        name: 'From v1',
        baseUrl: '/home',
        secret: 'v1-secret-x',
        serviceAccountsEnabled: true,
      },
    });
    expect(made.status).toBe(201);
    const id = made.headers.get('location')?.split('/').pop();
    const fetched = await target.request('GET', `${v2}/from-v1`, admin);
    expect(fetched.status).toBe(200);
    expect(sortedFlows(fetched.json)).toEqual({
      uuid: id,
      clientId: 'from-v1',
      displayName: 'From v1',
      enabled: true,
      appUrl: '/home',
      protocol: 'openid-connect',
      createdTimestamp: expect.any(Number),
      updatedTimestamp: expect.any(Number),
      loginFlows: ['SERVICE_ACCOUNT', 'STANDARD'],
      auth: { method: 'client-secret', secret: 'v1-secret-x' },
      serviceAccountRoles: [`default-roles-${realm}`],
    });
  });

  it('lists the realm clients sorted by clientId, paged by offset and limit', async () => {
    const all = await target.request('GET', v2, admin);
    expect(all.status).toBe(200);
    expect(all.headers.get('cache-control')).toBeNull();
    const ids = (all.json as Array<{ clientId: string }>).map((c) => c.clientId);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(
      expect.arrayContaining(['account', 'admin-cli', 'bare', 'from-v1', 'full', 'realm-management']),
    );
    const page = await target.request('GET', `${v2}?offset=1&limit=2`, admin);
    expect((page.json as Array<{ clientId: string }>).map((c) => c.clientId)).toEqual(ids.slice(1, 3));
    const adminCli = (all.json as Array<Record<string, unknown>>).find((c) => c['clientId'] === 'admin-cli');
    expect(adminCli).toMatchObject({ enabled: true, protocol: 'openid-connect', loginFlows: ['DIRECT_GRANT'] });
    expect(adminCli).not.toHaveProperty('auth');
  });

  it('creates through PUT on a new clientId (201), and refuses a body naming another clientId', async () => {
    const put = await target.request('PUT', `${v2}/by-put`, {
      ...admin,
      json: { clientId: 'by-put', protocol: 'openid-connect', enabled: true },
    });
    expect(put.status).toBe(201);
    expect(put.json).toMatchObject({ clientId: 'by-put', enabled: true, protocol: 'openid-connect' });
    const other = await target.request('PUT', `${v2}/by-put`, {
      ...admin,
      json: { clientId: 'other', protocol: 'openid-connect' },
    });
    expect(other.status).toBe(400);
    expect(other.json).toEqual({ error: "Field 'clientId' in payload does not match the provided 'clientId'" });
  });

  it('answers 500 to a taken clientId and to any update of an existing client, as Keycloak 26.7.3 does', async () => {
    const again = await target.request('POST', v2, {
      ...admin,
      json: { clientId: 'bare', protocol: 'openid-connect' },
    });
    expect(again.status).toBe(500);
    expect(again.json).toEqual(SERVER_ERROR);
    const put = await target.request('PUT', `${v2}/bare`, {
      ...admin,
      json: { clientId: 'bare', protocol: 'openid-connect', displayName: 'Bare' },
    });
    expect(put.status).toBe(500);
    expect(put.json).toEqual(SERVER_ERROR);
    const patch = await target.request('PATCH', `${v2}/bare`, {
      ...admin,
      headers: { 'content-type': 'application/merge-patch+json' },
      json: { description: 'patched' },
    });
    expect(patch.status).toBe(500);
    expect(patch.json).toEqual(SERVER_ERROR);
  });

  it('takes a PATCH only as JSON Merge Patch (415) and on an existing client (404)', async () => {
    const plain = await target.request('PATCH', `${v2}/bare`, { ...admin, json: { description: 'x' } });
    expect(plain.status).toBe(415);
    expect(plain.json).toEqual({ error: 'Unsupported media type' });
    const missing = await target.request('PATCH', `${v2}/missing`, {
      ...admin,
      headers: { 'content-type': 'application/merge-patch+json' },
      json: { description: 'x' },
    });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'Cannot find the specified client' });
  });

  it('deletes a client (204), gone from both APIs; a second delete is 404', async () => {
    const removed = await target.request('DELETE', `${v2}/by-put`, admin);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    const v2Get = await target.request('GET', `${v2}/by-put`, admin);
    expect(v2Get.status).toBe(404);
    expect(v2Get.json).toEqual({ error: 'Cannot find the specified client' });
    const v1 = await target.request('GET', `/admin/realms/${realm}/clients?clientId=by-put`, admin);
    expect(v1.json).toEqual([]);
    const again = await target.request('DELETE', `${v2}/by-put`, admin);
    expect(again.status).toBe(404);
    expect(again.json).toEqual({ error: 'Could not find client' });
  });

  it('no longer shows a client deleted through v1', async () => {
    const made = await target.request('POST', v2, {
      ...admin,
      json: { clientId: 'short-lived', protocol: 'openid-connect' },
    });
    const uuid = (made.json as { uuid: string }).uuid;
    expect((await target.request('DELETE', `/admin/realms/${realm}/clients/${uuid}`, admin)).status).toBe(204);
    expect((await target.request('GET', `${v2}/short-lived`, admin)).status).toBe(404);
  });
});

describe(`the v2 clients listing options (${targetKind})`, () => {
  const ids = async (query: Record<string, string>): Promise<unknown> => {
    const answer = await target.request('GET', `${v2}?${new URLSearchParams(query)}`, admin);
    expect(answer.status).toBe(200);
    return answer.json;
  };

  beforeAll(async () => {
    for (const [clientId, enabled, roles] of [
      ['list-a', true, ['editor']],
      ['list-b', false, []],
      ['list-c', true, []],
      ['list-d', false, ['editor', 'viewer']],
    ] as const) {
      const made = await target.request('POST', v2, {
        ...admin,
        json: { clientId, protocol: 'openid-connect', enabled, roles },
      });
      expect(made.status).toBe(201);
    }
  });

  it('filters with q (a list field matches by any item), keeps the asked fields', async () => {
    expect(await ids({ q: 'clientId sw "list-"', fields: 'clientId,enabled' })).toEqual([
      { clientId: 'list-a', enabled: true },
      { clientId: 'list-b', enabled: false },
      { clientId: 'list-c', enabled: true },
      { clientId: 'list-d', enabled: false },
    ]);
    expect(await ids({ q: 'roles eq "editor" and clientId co "list"', fields: 'clientId' })).toEqual([
      { clientId: 'list-a' },
      { clientId: 'list-d' },
    ]);
    expect(await ids({ q: 'clientId eq "list-b" or clientId eq "list-c"', fields: 'clientId' })).toEqual([
      { clientId: 'list-b' },
      { clientId: 'list-c' },
    ]);
  });

  it('sorts all matching clients before paging with q, and only the page cut in clientId order without', async () => {
    expect(
      await ids({ q: 'clientId sw "list-"', limit: '3', sort: 'enabled,clientId|desc', fields: 'clientId' }),
    ).toEqual([{ clientId: 'list-d' }, { clientId: 'list-b' }, { clientId: 'list-c' }]);
    expect(await ids({ q: 'clientId sw "list-"', offset: '2', fields: 'clientId' })).toEqual([
      { clientId: 'list-c' },
      { clientId: 'list-d' },
    ]);
    // Without q, Keycloak 26.7.3 cuts the page in clientId order first: the first two clientIds, reversed.
    const firstTwo = ((await ids({ limit: '2', fields: 'clientId' })) as Array<{ clientId: string }>).map(
      (c) => c.clientId,
    );
    expect(await ids({ limit: '2', sort: 'clientId|desc', fields: 'clientId' })).toEqual(
      firstTwo.reverse().map((clientId) => ({ clientId })),
    );
  });

  const refusals: Array<[string, Record<string, string>, number, unknown]> = [
    ['a limit below 1', { limit: '0' }, 400, { error: 'limit must be greater than or equal to 1' }],
    ['a negative offset', { offset: '-1' }, 400, { error: 'offset must be greater than or equal to 0' }],
    ['a limit that is no number', { limit: 'abc' }, 404, { error: 'HTTP 404 Not Found' }],
    ['an unsortable field', { sort: 'nope' }, 400, { error: 'nope is not a sortable field' }],
    ['an unknown field', { fields: 'nope' }, 400, { error: 'nope is an unknown field' }],
    ['an unknown query field', { q: 'foo eq 1' }, 400, { error: 'Unknown query field: foo' }],
  ];
  it.each(refusals)('refuses %s', async (_name, query, status, body) => {
    const answer = await target.request('GET', `${v2}?${new URLSearchParams(query)}`, admin);
    expect(answer.status).toBe(status);
    expect(answer.json).toEqual(body);
  });
});

describe(`a SAML client through the v2 API (${targetKind})`, () => {
  it('is created with its SAML fields and the front-channel logout flag', async () => {
    const created = await target.request('POST', v2, {
      ...admin,
      json: { clientId: 'saml-sp', protocol: 'saml', signDocuments: true, nameIdFormat: 'email' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      uuid: expect.stringMatching(UUID),
      clientId: 'saml-sp',
      enabled: false,
      protocol: 'saml',
      createdTimestamp: expect.any(Number),
      updatedTimestamp: expect.any(Number),
      nameIdFormat: 'email',
      signDocuments: true,
      frontChannelLogout: false,
    });
  });
});

describe(`the v2 clients admin API's refusals (${targetKind})`, () => {
  const refusals: Array<[string, unknown, number, unknown]> = [
    ['a body without protocol', { clientId: 'x' }, 400, { error: 'protocol is required' }],
    [
      'an unknown protocol',
      { clientId: 'x', protocol: 'saml2' },
      400,
      { error: 'Mapper not found, unsupported client protocol: saml2' },
    ],
    [
      'an undeclared field (before the protocol check)',
      { clientId: 'x', unknownField: 1 },
      400,
      { error: 'Payload contains unknown fields: [unknownField]' },
    ],
    [
      'a blank clientId',
      { clientId: '  ', protocol: 'openid-connect' },
      400,
      { error: 'Provided data is invalid', violations: ['clientId: must not be blank'] },
    ],
    [
      'a service account without auth',
      { clientId: 'x', protocol: 'openid-connect', loginFlows: ['SERVICE_ACCOUNT'] },
      400,
      {
        error: 'Provided data is invalid',
        violations: ['loginFlows: SERVICE_ACCOUNT requires a confidential client (auth must be specified)'],
      },
    ],
    [
      'a too short secret',
      { clientId: 'x', protocol: 'openid-connect', auth: { method: 'client-secret', secret: 'abc' } },
      400,
      { error: 'Provided data is invalid', violations: ['auth.secret: size must be between 6 and 255'] },
    ],
    [
      'an unknown authenticator',
      { clientId: 'x', protocol: 'openid-connect', auth: { method: 'nope' } },
      400,
      { error: 'Provided data is invalid', violations: ['auth.method: valid client authenticator type is required'] },
    ],
    [
      'a login flow outside the enum',
      { clientId: 'x', protocol: 'openid-connect', loginFlows: ['NOPE'] },
      400,
      { error: 'unknown_error', error_description: 'Cannot parse the JSON' },
    ],
    [
      'a string for a boolean',
      { clientId: 'x', protocol: 'openid-connect', enabled: 'yes' },
      400,
      { error: 'unknown_error', error_description: 'Cannot parse the JSON' },
    ],
    ['an array body', [], 400, { error: 'unknown_error', error_description: 'Cannot parse the JSON' }],
  ];
  it.each(refusals)('refuses %s', async (_name, json, status, body) => {
    const answer = await target.request('POST', v2, { ...admin, json });
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.json).toEqual(body);
  });

  it('refuses bytes that are not JSON, and a body that is not JSON', async () => {
    const bad = await target.request('POST', v2, {
      ...admin,
      headers: { 'content-type': 'application/json' },
      json: '{bad',
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: 'invalid_request', error_description: 'Cannot parse the JSON' });
    const text = await target.request('POST', v2, {
      ...admin,
      headers: { 'content-type': 'text/plain' },
      json: '{"clientId":"x","protocol":"openid-connect"}',
    });
    expect(text.status).toBe(415);
    expect(text.json).toEqual({ error: 'No supported MessageBodyReader found' });
  });

  it('answers 404 for a missing client, a missing realm, and 401 without a token', async () => {
    const missing = await target.request('GET', `${v2}/missing`, admin);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'Cannot find the specified client' });
    const noRealm = await target.request('GET', '/admin/api/no-such-realm-v2/clients/v2', admin);
    expect(noRealm.status).toBe(404);
    expect(noRealm.json).toEqual({ error: 'Realm not found.' });
    const anonymous = await target.request('GET', v2);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toEqual({ error: 'HTTP 401 Unauthorized' });
  });
});

describe('the v2 clients admin API without its feature', () => {
  it.skipIf(targetKind === 'real')(
    'does not exist (in-memory only: the real tier runs with the feature on)',
    async () => {
      const server = await startKeycloak({ features: ['token-exchange:v1'] });
      try {
        const token = await fetch(`${server.url}/realms/master/protocol/openid-connect/token`, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'password',
            client_id: 'admin-cli',
            username: 'admin',
            password: 'admin',
          }),
        }).then((r) => r.json() as Promise<{ access_token: string }>);
        const answer = await fetch(`${server.url}/admin/api/master/clients/v2`, {
          headers: { authorization: `Bearer ${token.access_token}` },
        });
        expect(answer.status).toBe(404);
        expect(await answer.json()).toEqual({ error: 'Unable to find matching target resource method' });
      } finally {
        await server.close();
      }
    },
  );
});
