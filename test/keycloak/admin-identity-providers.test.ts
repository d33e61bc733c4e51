import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeycloakAdmin } from '@keycloak-ts/core';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let admin: KeycloakAdmin;
let I: string;

const OIDC_TYPES = [
  'USER_AUTHENTICATION',
  'CLIENT_ASSERTION',
  'TRUST_MATERIAL',
  'EXCHANGE_EXTERNAL_TOKEN',
  'JWT_AUTHORIZATION_GRANT',
];

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-idp');
  I = `/admin/realms/${realm}/identity-provider`;
  admin = new KeycloakAdmin({
    serverUrl: target.url,
    username: 'admin',
    password: 'admin',
    realmName: realm,
    userRealmName: 'master',
  });
});
afterAll(() => target.close());

async function createIdp(json: Record<string, unknown>): Promise<void> {
  const created = await target.request('POST', `${I}/instances`, { token: 'admin', json });
  expect(created.status).toBe(201);
}

describe(`identity providers (${targetKind})`, () => {
  it('creates a provider (201, Location by alias) and reads back only the fields it set, secrets masked, with its types', async () => {
    const created = await target.request('POST', `${I}/instances`, {
      token: 'admin',
      json: { alias: 'oidc-min', providerId: 'oidc', config: { clientId: 'c', clientSecret: 's' } },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${target.url}${I}/instances/oidc-min`);
    const read = await target.request('GET', `${I}/instances/oidc-min`, { token: 'admin' });
    expect(read.json).toEqual({
      alias: 'oidc-min',
      internalId: expect.any(String),
      providerId: 'oidc',
      enabled: true,
      config: { clientId: 'c', clientSecret: '**********' },
      types: OIDC_TYPES,
    });
  });

  it('keeps every flag a representation sets, and drops an empty post-broker flow', async () => {
    await createIdp({
      alias: 'oidc-full',
      providerId: 'oidc',
      displayName: 'Full',
      trustEmail: true,
      storeToken: false,
      linkOnly: false,
      hideOnLogin: true,
      addReadTokenRoleOnCreate: false,
      authenticateByDefault: false,
      firstBrokerLoginFlowAlias: 'first broker login',
      postBrokerLoginFlowAlias: '',
      updateProfileFirstLoginMode: 'on',
      config: { clientId: 'x' },
    });
    expect((await target.request('GET', `${I}/instances/oidc-full`, { token: 'admin' })).json).toEqual({
      alias: 'oidc-full',
      displayName: 'Full',
      internalId: expect.any(String),
      providerId: 'oidc',
      enabled: true,
      trustEmail: true,
      storeToken: false,
      addReadTokenRoleOnCreate: false,
      authenticateByDefault: false,
      linkOnly: false,
      hideOnLogin: true,
      firstBrokerLoginFlowAlias: 'first broker login',
      config: { clientId: 'x' },
      types: OIDC_TYPES,
    });
  });

  it('gives SAML, social and kubernetes providers their own types and defaults', async () => {
    await createIdp({
      alias: 'saml-1',
      providerId: 'saml',
      config: { singleSignOnServiceUrl: 'http://127.0.0.1/sso' },
    });
    await createIdp({ alias: 'gh-1', providerId: 'github', config: { clientId: 'a' } });
    await createIdp({ alias: 'k8s', providerId: 'kubernetes' });
    expect(
      ((await target.request('GET', `${I}/instances/saml-1`, { token: 'admin' })).json as { types: string[] }).types,
    ).toEqual(['USER_AUTHENTICATION']);
    expect(
      ((await target.request('GET', `${I}/instances/gh-1`, { token: 'admin' })).json as { types: string[] }).types,
    ).toEqual([]);
    expect((await target.request('GET', `${I}/instances/k8s`, { token: 'admin' })).json).toEqual({
      alias: 'k8s',
      internalId: expect.any(String),
      providerId: 'kubernetes',
      enabled: true,
      hideOnLogin: true,
      config: { issuer: 'https://kubernetes.default.svc.cluster.local' },
      types: ['CLIENT_ASSERTION'],
    });
  });

  it('refuses an unknown or missing provider id, a missing alias and an alias with a space (400)', async () => {
    const unknown = await target.request('POST', `${I}/instances`, {
      token: 'admin',
      json: { alias: 'bad', providerId: 'nope' },
    });
    expect([unknown.status, unknown.json]).toEqual([400, { errorMessage: 'Invalid identity provider id [nope]' }]);
    const noProvider = await target.request('POST', `${I}/instances`, { token: 'admin', json: { alias: 'bad' } });
    expect([noProvider.status, noProvider.json]).toEqual([
      400,
      { errorMessage: 'Invalid identity provider id [null]' },
    ]);
    const noAlias = await target.request('POST', `${I}/instances`, { token: 'admin', json: { providerId: 'github' } });
    expect([noAlias.status, noAlias.json]).toEqual([400, { errorMessage: 'path is null' }]);
    const space = await target.request('POST', `${I}/instances`, {
      token: 'admin',
      json: { alias: 'has space', providerId: 'github' },
    });
    expect([space.status, space.json]).toEqual([400, { error: 'Empty Space not allowed.' }]);
    expect((await target.request('GET', `${I}/instances?search=bad`, { token: 'admin' })).json).toEqual([]);
  });

  it('answers 409 for a second provider with the same alias', async () => {
    await createIdp({ alias: 'twice', providerId: 'github' });
    const again = await target.request('POST', `${I}/instances`, {
      token: 'admin',
      json: { alias: 'twice', providerId: 'github' },
    });
    expect([again.status, again.json]).toEqual([409, { errorMessage: 'Identity Provider twice already exists' }]);
  });

  it('lists providers by alias, briefly with an empty config, and searches by prefix', async () => {
    await createIdp({ alias: 'list-b', providerId: 'github', displayName: 'B' });
    await createIdp({ alias: 'list-a', providerId: 'google' });
    const brief = await target.request('GET', `${I}/instances?briefRepresentation=true&search=list-`, {
      token: 'admin',
    });
    expect(brief.json).toEqual([
      { alias: 'list-a', internalId: expect.any(String), providerId: 'google', enabled: true, config: {} },
      {
        alias: 'list-b',
        displayName: 'B',
        internalId: expect.any(String),
        providerId: 'github',
        enabled: true,
        config: {},
      },
    ]);
    const paged = (await target.request('GET', `${I}/instances?search=list-&first=1&max=1`, { token: 'admin' }))
      .json as { alias: string }[];
    expect(paged.map((p) => p.alias)).toEqual(['list-b']);
  });

  it('updates a provider keeping a masked secret, and refuses to change its alias', async () => {
    await createIdp({ alias: 'upd', providerId: 'oidc', config: { clientId: 'a', clientSecret: 'secret' } });
    const put = await target.request('PUT', `${I}/instances/upd`, {
      token: 'admin',
      json: {
        alias: 'upd',
        providerId: 'oidc',
        displayName: 'U',
        config: { clientId: 'b', clientSecret: '**********' },
      },
    });
    expect(put.status).toBe(204);
    expect((await target.request('GET', `${I}/instances/upd`, { token: 'admin' })).json).toMatchObject({
      displayName: 'U',
      config: { clientId: 'b', clientSecret: '**********' },
    });
    const rename = await target.request('PUT', `${I}/instances/upd`, {
      token: 'admin',
      json: { alias: 'upd2', providerId: 'oidc' },
    });
    expect([rename.status, rename.json]).toEqual([400, { errorMessage: 'Identity Provider alias cannot be changed' }]);
  });

  it('answers 404 for an unknown provider on every operation', async () => {
    for (const [method, path] of [
      ['GET', 'nope'],
      ['PUT', 'nope'],
      ['DELETE', 'nope'],
      ['GET', 'nope/mappers'],
    ] as const) {
      const answer = await target.request(method, `${I}/instances/${path}`, {
        token: 'admin',
        ...(method === 'PUT' ? { json: { alias: 'nope', providerId: 'github' } } : {}),
      });
      expect([method, answer.status, answer.json]).toEqual([method, 404, { error: 'HTTP 404 Not Found' }]);
    }
  });

  it('deletes a provider (204), then 404', async () => {
    await createIdp({ alias: 'gone', providerId: 'github' });
    expect((await target.request('DELETE', `${I}/instances/gone`, { token: 'admin' })).status).toBe(204);
    expect((await target.request('GET', `${I}/instances/gone`, { token: 'admin' })).status).toBe(404);
  });
});

describe(`identity provider mappers and factories (${targetKind})`, () => {
  it('creates, reads, replaces and deletes a mapper', async () => {
    await createIdp({ alias: 'mapped', providerId: 'oidc' });
    const created = await target.request('POST', `${I}/instances/mapped/mappers`, {
      token: 'admin',
      json: {
        name: 'm1',
        identityProviderAlias: 'mapped',
        identityProviderMapper: 'hardcoded-attribute-idp-mapper',
        config: { attribute: 'a', syncMode: 'INHERIT' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(new RegExp(`${I}/instances/mapped/mappers/[0-9a-f-]{36}$`));
    const id = created.headers.get('location')?.split('/').pop();
    const expected = {
      id,
      name: 'm1',
      identityProviderAlias: 'mapped',
      identityProviderMapper: 'hardcoded-attribute-idp-mapper',
      config: { attribute: 'a', syncMode: 'INHERIT' },
    };
    expect((await target.request('GET', `${I}/instances/mapped/mappers/${id}`, { token: 'admin' })).json).toEqual(
      expected,
    );
    expect((await target.request('GET', `${I}/instances/mapped/mappers`, { token: 'admin' })).json).toEqual([expected]);
    const put = await target.request('PUT', `${I}/instances/mapped/mappers/${id}`, {
      token: 'admin',
      json: { ...expected, config: { attribute: 'b' } },
    });
    expect(put.status).toBe(204);
    expect((await target.request('GET', `${I}/instances/mapped/mappers/${id}`, { token: 'admin' })).json).toEqual({
      ...expected,
      config: { attribute: 'b' },
    });
    expect((await target.request('DELETE', `${I}/instances/mapped/mappers/${id}`, { token: 'admin' })).status).toBe(
      204,
    );
    const gone = await target.request('GET', `${I}/instances/mapped/mappers/${id}`, { token: 'admin' });
    expect([gone.status, gone.json]).toEqual([404, { error: 'Model not found' }]);
  });

  it('answers 409 conflict for a mapper without identityProviderAlias, the store refusing the empty column', async () => {
    await createIdp({ alias: 'unmapped', providerId: 'oidc' });
    const created = await target.request('POST', `${I}/instances/unmapped/mappers`, {
      token: 'admin',
      json: { name: 'm', identityProviderMapper: 'hardcoded-attribute-idp-mapper', config: {} },
    });
    expect([created.status, created.json]).toEqual([
      409,
      { error: 'conflict', error_description: 'Duplicate resource error' },
    ]);
    expect((await target.request('GET', `${I}/instances/unmapped/mappers`, { token: 'admin' })).json).toEqual([]);
  });

  it('lists the mapper types a provider accepts', async () => {
    await createIdp({ alias: 'typed', providerId: 'github' });
    const types = (await target.request('GET', `${I}/instances/typed/mapper-types`, { token: 'admin' })).json as Record<
      string,
      { id: string; name: string; category: string }
    >;
    expect(Object.keys(types)).toEqual([
      'github-user-attribute-mapper',
      'hardcoded-user-session-attribute-idp-mapper',
      'oidc-hardcoded-role-idp-mapper',
      'oidc-hardcoded-group-idp-mapper',
      'hardcoded-attribute-idp-mapper',
      'oidc-username-idp-mapper',
    ]);
    expect(types['oidc-hardcoded-role-idp-mapper']).toMatchObject({
      id: 'oidc-hardcoded-role-idp-mapper',
      name: 'Hardcoded Role',
      category: 'Role Importer',
    });
  });

  it('describes a provider factory, and answers 400 for an unknown one', async () => {
    expect((await target.request('GET', `${I}/providers/oidc`, { token: 'admin' })).json).toEqual({
      id: 'oidc',
      name: 'OpenID Connect v1.0',
      helpText: '',
      configProperties: [],
      configMetadata: [],
    });
    const github = (await target.request('GET', `${I}/providers/github`, { token: 'admin' })).json as {
      name: string;
      configProperties: { name: string }[];
    };
    expect([github.name, github.configProperties.map((p) => p.name)]).toEqual([
      'GitHub',
      ['baseUrl', 'apiUrl', 'githubJsonFormat'],
    ]);
    const unknown = await target.request('GET', `${I}/providers/nope`, { token: 'admin' });
    expect([unknown.status, unknown.json]).toEqual([400, { error: 'HTTP 400 Bad Request' }]);
  });

  it('imports an OpenID provider config from its discovery document', async () => {
    const fromUrl = `${target.url}/realms/master/.well-known/openid-configuration`;
    const imported = await target.request('POST', `${I}/import-config`, {
      token: 'admin',
      json: { providerId: 'oidc', fromUrl },
    });
    const base = `${target.url}/realms/master`;
    expect([imported.status, imported.json]).toEqual([
      200,
      {
        issuer: base,
        authorizationUrl: `${base}/protocol/openid-connect/auth`,
        tokenUrl: `${base}/protocol/openid-connect/token`,
        userInfoUrl: `${base}/protocol/openid-connect/userinfo`,
        logoutUrl: `${base}/protocol/openid-connect/logout`,
        tokenIntrospectionUrl: `${base}/protocol/openid-connect/token/introspect`,
        jwksUrl: `${base}/protocol/openid-connect/certs`,
        useJwksUrl: 'true',
        validateSignature: 'true',
        metadataDescriptorUrl: fromUrl,
      },
    ]);
    const noUrl = await target.request('POST', `${I}/import-config`, { token: 'admin', json: { providerId: 'oidc' } });
    expect([noUrl.status, noUrl.json]).toEqual([400, { error: 'HTTP 400 Bad Request' }]);
  });

  it('answers the fine-grained permissions of a provider as not enabled', async () => {
    await createIdp({ alias: 'perms', providerId: 'github' });
    expect(
      (await target.request('GET', `${I}/instances/perms/management/permissions`, { token: 'admin' })).json,
    ).toEqual({ enabled: false });
  });
});

describe(`python-keycloak's identity provider methods through KeycloakAdmin (${targetKind})`, () => {
  it('creates, reads, lists, updates and deletes a provider', async () => {
    await admin.createIdp({ alias: 'py-idp', providerId: 'oidc', config: { clientId: 'py' } });
    expect(await admin.getIdp('py-idp')).toMatchObject({
      alias: 'py-idp',
      providerId: 'oidc',
      enabled: true,
      config: { clientId: 'py' },
    });
    expect((await admin.getIdps()).map((p) => p.alias)).toContain('py-idp');
    await admin.updateIdp('py-idp', {
      alias: 'py-idp',
      providerId: 'oidc',
      enabled: false,
      config: { clientId: 'py2' },
    });
    expect(await admin.getIdp('py-idp')).toMatchObject({ enabled: false, config: { clientId: 'py2' } });
    await admin.deleteIdp('py-idp');
    await expect(admin.getIdp('py-idp')).rejects.toMatchObject({ name: 'KeycloakGetError', status: 404 });
  });

  it('adds a mapper without naming the provider in the payload, updates and lists it', async () => {
    await admin.createIdp({ alias: 'py-mapped', providerId: 'oidc' });
    const id = await admin.addMapperToIdp('py-mapped', {
      name: 'py-m',
      identityProviderMapper: 'oidc-hardcoded-role-idp-mapper',
      config: { role: 'r' },
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await admin.updateMapperInIdp('py-mapped', id, {
      id,
      name: 'py-m',
      identityProviderAlias: 'py-mapped',
      identityProviderMapper: 'oidc-hardcoded-role-idp-mapper',
      config: { role: 's' },
    });
    expect(await admin.getIdpMappers('py-mapped')).toEqual([
      {
        id,
        name: 'py-m',
        identityProviderAlias: 'py-mapped',
        identityProviderMapper: 'oidc-hardcoded-role-idp-mapper',
        config: { role: 's' },
      },
    ]);
  });
});
