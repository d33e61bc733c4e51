import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_JSON, namesOf, realmAdmin, type RealmAdmin } from './support/admin-conformance.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let api: RealmAdmin;
let app: string;
let scope: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-client-scopes');
  api = realmAdmin(target, realm);
  app = await api.create('/clients', { clientId: 'app' });
});
afterAll(() => target.close());

describe(`client scopes (${targetKind})`, () => {
  it('creates a scope with 201 and answers it without empty protocolMappers', async () => {
    const created = await api.call('POST', '/client-scopes', { json: { name: 'orders', protocol: 'openid-connect' } });
    expect(created.status).toBe(201);
    scope = (created.headers.get('location') ?? '').split('/').pop() ?? '';
    const got = await api.call('GET', `/client-scopes/${scope}`);
    expect(got.headers.get('content-type')).toBe(ADMIN_JSON);
    expect(got.json).toEqual({ id: scope, name: 'orders', protocol: 'openid-connect', attributes: {} });
  });

  it('refuses a name with spaces, an unknown protocol and a taken name', async () => {
    expect(
      await api.call('POST', '/client-scopes', { json: { name: 'two words', protocol: 'openid-connect' } }),
    ).toMatchObject({ status: 400, json: { errorMessage: 'Unexpected name "two words" for ClientScope' } });
    expect(await api.call('POST', '/client-scopes', { json: { name: 'noproto' } })).toMatchObject({
      status: 400,
      json: { errorMessage: 'Unexpected protocol' },
    });
    expect(await api.call('POST', '/client-scopes', { json: { name: 'badproto', protocol: 'cas' } })).toMatchObject({
      status: 400,
      json: { errorMessage: 'Unexpected protocol' },
    });
    expect(
      await api.call('POST', '/client-scopes', { json: { name: 'orders', protocol: 'openid-connect' } }),
    ).toMatchObject({ status: 409, json: { errorMessage: 'Client Scope orders already exists' } });
  });

  it('ignores fields a client scope does not know, unlike the other representations', async () => {
    expect(
      (
        await api.call('POST', '/client-scopes', {
          json: { name: 'lenient', protocol: 'openid-connect', colour: 'red' },
        })
      ).status,
    ).toBe(201);
    expect(await api.call('POST', '/groups', { json: '{"name":"g","colour":true}' })).toMatchObject({
      status: 400,
      json: {
        error: 'Invalid json representation for GroupRepresentation. Unrecognized field "colour" at line 1 column 26.',
      },
    });
    expect(await api.call('POST', '/roles', { json: '{"name":"r","colour":[1]}' })).toMatchObject({
      status: 400,
      json: {
        error: 'Invalid json representation for RoleRepresentation. Unrecognized field "colour" at line 1 column 23.',
      },
    });
    expect(await api.call('POST', '/clients', { json: '{"clientId":"c","colour":"x"}' })).toMatchObject({
      status: 400,
      json: {
        error: 'Invalid json representation for ClientRepresentation. Unrecognized field "colour" at line 1 column 27.',
      },
    });
  });

  it("updates a scope's description and attributes", async () => {
    expect(
      (
        await api.call('PUT', `/client-scopes/${scope}`, {
          json: { name: 'orders', description: 'Orders API', attributes: { 'include.in.token.scope': 'true' } },
        })
      ).status,
    ).toBe(204);
    expect((await api.call('GET', `/client-scopes/${scope}`)).json).toEqual({
      id: scope,
      name: 'orders',
      description: 'Orders API',
      protocol: 'openid-connect',
      attributes: { 'include.in.token.scope': 'true' },
    });
  });

  it('answers 404 "Could not find client scope" for an unknown id', async () => {
    expect(await api.call('GET', '/client-scopes/nope')).toMatchObject({
      status: 404,
      json: { error: 'Could not find client scope' },
    });
    expect(await api.call('DELETE', '/client-scopes/nope')).toMatchObject({
      status: 404,
      json: { error: 'Could not find client scope' },
    });
  });

  it('adds protocol mappers to a scope, shown in its representation', async () => {
    expect(
      (
        await api.call('POST', `/client-scopes/${scope}/protocol-mappers/models`, {
          json: { name: 'm', protocol: 'openid-connect', protocolMapper: 'oidc-hardcoded-claim-mapper', config: {} },
        })
      ).status,
    ).toBe(201);
    expect((await api.call('GET', `/client-scopes/${scope}/protocol-mappers/models`)).json).toEqual([
      {
        id: expect.any(String),
        name: 'm',
        protocol: 'openid-connect',
        protocolMapper: 'oidc-hardcoded-claim-mapper',
        consentRequired: false,
        config: {},
      },
    ]);
    expect(
      ((await api.call('GET', `/client-scopes/${scope}`)).json as { protocolMappers: unknown[] }).protocolMappers,
    ).toHaveLength(1);
  });
});

describe(`default and optional client scopes of a client (${targetKind})`, () => {
  it("lists a new client's default and optional scopes by id and name", async () => {
    const defaults = (await api.call('GET', `/clients/${app}/default-client-scopes`)).json as Record<string, unknown>[];
    expect(namesOf(defaults)).toEqual(['acr', 'basic', 'email', 'profile', 'roles', 'web-origins']);
    expect(Object.keys(defaults[0] ?? {}).sort()).toEqual(['id', 'name']);
    expect(namesOf((await api.call('GET', `/clients/${app}/optional-client-scopes`)).json)).toEqual([
      'address',
      'microprofile-jwt',
      'offline_access',
      'organization',
      'phone',
    ]);
  });

  it('links a scope once, whichever list is asked second, and unlinks it idempotently', async () => {
    expect((await api.call('PUT', `/clients/${app}/default-client-scopes/${scope}`)).status).toBe(204);
    expect((await api.call('PUT', `/clients/${app}/default-client-scopes/${scope}`)).status).toBe(204);
    expect((await api.call('PUT', `/clients/${app}/optional-client-scopes/${scope}`)).status).toBe(204);
    expect(namesOf((await api.call('GET', `/clients/${app}/default-client-scopes`)).json)).toContain('orders');
    expect(namesOf((await api.call('GET', `/clients/${app}/optional-client-scopes`)).json)).not.toContain('orders');
    expect((await api.call('DELETE', `/clients/${app}/default-client-scopes/${scope}`)).status).toBe(204);
    expect((await api.call('DELETE', `/clients/${app}/default-client-scopes/${scope}`)).status).toBe(204);
    expect(namesOf((await api.call('GET', `/clients/${app}/default-client-scopes`)).json)).not.toContain('orders');
  });

  it('answers 404 "Client scope not found" for an unknown scope', async () => {
    expect(await api.call('PUT', `/clients/${app}/default-client-scopes/nope`)).toMatchObject({
      status: 404,
      json: { error: 'Client scope not found' },
    });
  });
});

describe(`realm default client scopes (${targetKind})`, () => {
  it("lists a new realm's default default scopes in Keycloak's order, SAML's AuthnContextClassRef among them", async () => {
    const defaults = (await api.call('GET', '/default-default-client-scopes')).json as Record<string, unknown>[];
    expect(defaults.map((s) => [s['name'], s['protocol']])).toEqual([
      ['role_list', 'saml'],
      ['saml_organization', 'saml'],
      ['AuthnContextClassRef', 'saml'],
      ['profile', 'openid-connect'],
      ['email', 'openid-connect'],
      ['roles', 'openid-connect'],
      ['web-origins', 'openid-connect'],
      ['acr', 'openid-connect'],
      ['basic', 'openid-connect'],
    ]);
    const id = defaults.find((s) => s['name'] === 'AuthnContextClassRef')?.['id'];
    expect((await api.call('GET', `/client-scopes/${String(id)}`)).json).toEqual({
      id,
      name: 'AuthnContextClassRef',
      description: 'AuthnContextClassRef Level of Authentiation',
      protocol: 'saml',
      attributes: {},
      protocolMappers: [
        {
          id: expect.any(String),
          name: 'AuthnContextClassRef',
          protocol: 'saml',
          protocolMapper: 'saml-authn-context-class-ref-mapper',
          consentRequired: false,
          config: {},
        },
      ],
    });
  });

  it('lists the realm defaults with their protocol, and adds one', async () => {
    const defaults = (await api.call('GET', '/default-default-client-scopes')).json as Record<string, unknown>[];
    expect(defaults.find((s) => s['name'] === 'profile')).toEqual({
      id: expect.any(String),
      name: 'profile',
      protocol: 'openid-connect',
    });
    expect((await api.call('PUT', `/default-default-client-scopes/${scope}`)).status).toBe(204);
    expect((await api.call('GET', '/default-default-client-scopes')).json).toContainEqual({
      id: scope,
      name: 'orders',
      protocol: 'openid-connect',
    });
    expect(namesOf((await api.call('GET', '/default-optional-client-scopes')).json)).toEqual([
      'address',
      'microprofile-jwt',
      'offline_access',
      'organization',
      'phone',
    ]);
    expect((await api.call('DELETE', `/default-default-client-scopes/${scope}`)).status).toBe(204);
  });

  it('deletes a scope, then answers 404', async () => {
    const id = await api.create('/client-scopes', { name: 'doomed', protocol: 'saml' });
    expect((await api.call('DELETE', `/client-scopes/${id}`)).status).toBe(204);
    expect(await api.call('GET', `/client-scopes/${id}`)).toMatchObject({
      status: 404,
      json: { error: 'Could not find client scope' },
    });
  });
});

describe(`python-keycloak client-scope methods through KeycloakAdmin (${targetKind})`, () => {
  it('creates, reads, updates, links and deletes a client scope', async () => {
    const admin = api.keycloakAdmin();
    try {
      const id = await admin.createClientScope({ name: 'py-scope', protocol: 'openid-connect' });
      await expect(admin.createClientScope({ name: 'py-scope', protocol: 'openid-connect' })).rejects.toMatchObject({
        name: 'KeycloakPostError',
        status: 409,
      });
      expect(await admin.getClientScope(id)).toMatchObject({ id, name: 'py-scope' });
      await admin.updateClientScope(id, { name: 'py-scope', description: 'py' });
      expect((await admin.getClientScope(id)).description).toBe('py');
      await admin.addClientDefaultClientScope(app, id);
      expect((await admin.getClientDefaultClientScopes(app)).map((s) => s.name)).toContain('py-scope');
      await admin.addDefaultDefaultClientScope(id);
      expect(await admin.getDefaultDefaultClientScopes()).toContainEqual({
        id,
        name: 'py-scope',
        protocol: 'openid-connect',
      });
      await admin.deleteClientScope(id);
      await expect(admin.getClientScope(id)).rejects.toMatchObject({ name: 'KeycloakGetError', status: 404 });
    } finally {
      await admin.close();
    }
  });
});
