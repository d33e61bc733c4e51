import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let admin: string;

const idp = (alias: string, extra: Record<string, unknown> = {}) => ({
  alias,
  providerId: 'oidc',
  config: { clientId: 'broker', clientSecret: 's3cret', authorizationUrl: 'https://idp.example/auth' },
  ...extra,
});

beforeAll(async () => {
  kc = await startKeycloak({ realms: [{ realm: 'corp', enabled: true }] });
  admin = await tokenFor(kc, 'master', 'admin', 'admin');
  addAdminUser(kc, 'master', 'idp-viewer', 'pw', 'corp-realm', ['view-identity-providers']);
  addAdminUser(kc, 'master', 'realm-viewer', 'pw', 'corp-realm', ['view-realm']);
});
afterAll(async () => {
  await kc.close();
});

describe('identity provider admin endpoints', () => {
  it("creates a provider with a Location of its alias and answers it with Keycloak's defaults and the secret masked", async () => {
    const created = await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, idp('google-like'));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${kc.url}/admin/realms/corp/identity-provider/instances/google-like`);
    const read = await adminCall(kc, 'GET', '/corp/identity-provider/instances/google-like', admin);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      alias: 'google-like',
      providerId: 'oidc',
      enabled: true,
      internalId: expect.any(String),
      config: { clientId: 'broker', clientSecret: '**********' },
    });
  });

  it("refuses a second provider of one alias with 409 and Keycloak's errorMessage", async () => {
    await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, idp('twice'));
    const again = await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, idp('twice'));
    expect(again).toMatchObject({ status: 409, body: { errorMessage: 'Identity Provider twice already exists' } });
  });

  it('refuses a body without alias, a non-object body and a non-JSON media type with 400 or 415', async () => {
    expect(
      (await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, { providerId: 'oidc' })).status,
    ).toBe(400);
    expect(await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, '[1]')).toMatchObject({
      status: 400,
      body: { error_description: 'Cannot parse the JSON' },
    });
    const text = await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, 'alias', {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);
  });

  it('lists providers by alias order with prefix, infix and exact search, paging and brief representations', async () => {
    for (const alias of ['search-b', 'search-a', 'other-search'])
      await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, idp(alias));
    const aliases = async (query: string) =>
      (
        (await adminCall(kc, 'GET', `/corp/identity-provider/instances?${query}`, admin)).body as Array<{
          alias: string;
        }>
      ).map((p) => p.alias);
    expect(await aliases('search=search')).toEqual(['search-a', 'search-b']);
    expect(await aliases('search=*search*')).toEqual(['other-search', 'search-a', 'search-b']);
    expect(await aliases('search=%22search-b%22')).toEqual(['search-b']);
    expect(await aliases('search=search&first=1&max=1')).toEqual(['search-b']);
    const brief = await adminCall(
      kc,
      'GET',
      '/corp/identity-provider/instances?search=%22search-a%22&briefRepresentation=true',
      admin,
    );
    expect(Object.keys((brief.body as object[])[0] ?? {}).sort()).toEqual([
      'alias',
      'config',
      'enabled',
      'internalId',
      'providerId',
    ]);
  });

  it('updates a provider, keeping a masked secret and refusing an alias change', async () => {
    await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, idp('updatable'));
    const path = '/corp/identity-provider/instances/updatable';
    const put = await adminCall(kc, 'PUT', path, admin, {
      alias: 'updatable',
      providerId: 'oidc',
      displayName: 'Updated',
      config: { clientId: 'broker2', clientSecret: '**********' },
    });
    expect(put.status).toBe(204);
    expect((await adminCall(kc, 'GET', path, admin)).body).toMatchObject({
      displayName: 'Updated',
      config: { clientId: 'broker2' },
    });
    const entry = kc.model.realm('corp')?.extensions['identityProviders'] as {
      providers: Map<string, { config: Record<string, string> }>;
    };
    expect(entry.providers.get('updatable')?.config['clientSecret']).toBe('s3cret');
    const renamed = await adminCall(kc, 'PUT', path, admin, { alias: 'renamed', providerId: 'oidc' });
    expect(renamed).toMatchObject({ status: 400, body: { errorMessage: 'Identity Provider alias cannot be changed' } });
  });

  it('deletes a provider with its mappers; an unknown alias is a plain 404 on every verb', async () => {
    await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, idp('doomed'));
    await adminCall(kc, 'POST', '/corp/identity-provider/instances/doomed/mappers', admin, {
      name: 'm',
      identityProviderMapper: 'hardcoded-role-idp-mapper',
      identityProviderAlias: 'doomed',
    });
    expect((await adminCall(kc, 'DELETE', '/corp/identity-provider/instances/doomed', admin)).status).toBe(204);
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const answer = await adminCall(
        kc,
        method,
        '/corp/identity-provider/instances/doomed',
        admin,
        method === 'PUT' ? idp('doomed') : undefined,
      );
      expect(answer).toMatchObject({ status: 404, body: { error: 'HTTP 404 Not Found' } });
    }
    const store = kc.model.realm('corp')?.extensions['identityProviders'] as {
      mappers: Map<string, { identityProviderAlias: string }>;
    };
    expect([...store.mappers.values()].some((m) => m.identityProviderAlias === 'doomed')).toBe(false);
  });

  it('adds, lists, reads, updates and deletes mappers, with "Model not found" for an unknown mapper', async () => {
    await adminCall(kc, 'POST', '/corp/identity-provider/instances', admin, idp('mapped'));
    const base = '/corp/identity-provider/instances/mapped/mappers';
    const added = await adminCall(kc, 'POST', base, admin, {
      name: 'role',
      identityProviderMapper: 'hardcoded-role-idp-mapper',
      identityProviderAlias: 'mapped',
      config: { role: 'r1' },
    });
    expect(added.status).toBe(201);
    const id = added.headers.get('location')?.split('/').pop() ?? '';
    expect((await adminCall(kc, 'GET', base, admin)).body).toEqual([
      {
        id,
        name: 'role',
        identityProviderMapper: 'hardcoded-role-idp-mapper',
        identityProviderAlias: 'mapped',
        config: { role: 'r1' },
      },
    ]);
    const put = await adminCall(kc, 'PUT', `${base}/${id}`, admin, {
      id,
      name: 'role',
      identityProviderMapper: 'hardcoded-role-idp-mapper',
      identityProviderAlias: 'mapped',
      config: { role: 'r2' },
    });
    expect(put.status).toBe(204);
    expect((await adminCall(kc, 'GET', `${base}/${id}`, admin)).body).toMatchObject({ config: { role: 'r2' } });
    expect((await adminCall(kc, 'DELETE', `${base}/${id}`, admin)).status).toBe(204);
    expect(await adminCall(kc, 'GET', `${base}/${id}`, admin)).toMatchObject({
      status: 404,
      body: { error: 'Model not found' },
    });
    const bad = await adminCall(kc, 'POST', base, admin, {
      name: 'no type',
      identityProviderAlias: 'mapped',
      config: {},
    });
    expect(bad).toMatchObject({
      status: 400,
      body: { errorMessage: "Failed to add mapper 'no type' to identity provider [oidc]." },
    });
  });

  it('answers 401 without a token, lets view-identity-providers and view-realm read, and 403s their writes', async () => {
    expect((await adminCall(kc, 'GET', '/corp/identity-provider/instances')).status).toBe(401);
    for (const username of ['idp-viewer', 'realm-viewer']) {
      const token = await tokenFor(kc, 'master', username, 'pw');
      expect((await adminCall(kc, 'GET', '/corp/identity-provider/instances', token)).status).toBe(200);
      expect(
        await adminCall(kc, 'POST', '/corp/identity-provider/instances', token, idp(`by-${username}`)),
      ).toMatchObject({ status: 403, body: { error: 'HTTP 403 Forbidden' } });
    }
  });
});
