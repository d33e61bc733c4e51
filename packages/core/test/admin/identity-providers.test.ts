import {
  KeycloakDeleteError,
  KeycloakGetError,
  KeycloakPostError,
  KeycloakPutError,
  type KeycloakAdmin,
} from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer([{ realm: 'corp', enabled: true }]);

function corpAdmin(): KeycloakAdmin {
  return kc.admin({ realmName: 'corp', userRealmName: 'master' });
}

const oidc = (alias: string) => ({
  alias,
  providerId: 'oidc',
  config: { clientId: 'broker', clientSecret: 'top-secret' },
});

describe('KeycloakAdmin identity provider methods', () => {
  it('creates a provider, resolving to its alias, and reads it back with the secret masked', async () => {
    const admin = corpAdmin();
    await expect(admin.createIdp(oidc('partner'))).resolves.toBe('partner');
    await expect(admin.getIdp('partner')).resolves.toMatchObject({
      alias: 'partner',
      providerId: 'oidc',
      enabled: true,
      config: { clientId: 'broker', clientSecret: '**********' },
    });
  });

  it("fails a taken alias with KeycloakPostError 409 and Keycloak's message", async () => {
    const admin = corpAdmin();
    await admin.createIdp(oidc('taken'));
    const error = await rejectionOf(admin.createIdp(oidc('taken')));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({
      code: 'ERR_HTTP',
      status: 409,
      message: 'Identity Provider taken already exists',
      body: { errorMessage: 'Identity Provider taken already exists' },
    });
  });

  it("lists providers with Keycloak's search, and iterates them a page at a time", async () => {
    const admin = corpAdmin();
    for (const alias of ['list-c', 'list-a', 'list-b']) await admin.createIdp(oidc(alias));
    expect((await admin.getIdps({ search: 'list-' })).map((p) => p.alias)).toEqual(['list-a', 'list-b', 'list-c']);
    expect(await admin.getIdps({ search: '"list-b"', briefRepresentation: true })).toEqual([
      expect.objectContaining({ alias: 'list-b' }),
    ]);
    kc.server.counters.reset();
    const aliases: string[] = [];
    for await (const idp of admin.iterateIdps({ search: 'list-' }, { pageSize: 2 })) aliases.push(idp.alias ?? '');
    expect(aliases).toEqual(['list-a', 'list-b', 'list-c']);
    expect(kc.server.counters.get('admin')).toBe(2);
  });

  it('updates a provider and refuses a renaming with KeycloakPutError 400', async () => {
    const admin = corpAdmin();
    await admin.createIdp(oidc('renamable'));
    await admin.updateIdp('renamable', {
      alias: 'renamable',
      providerId: 'oidc',
      displayName: 'Partner SSO',
      config: { clientSecret: '**********' },
    });
    await expect(admin.getIdp('renamable')).resolves.toMatchObject({ displayName: 'Partner SSO' });
    const error = await rejectionOf(admin.updateIdp('renamable', { alias: 'other', providerId: 'oidc' }));
    expect(error).toBeInstanceOf(KeycloakPutError);
    expect(error).toMatchObject({ status: 400, body: { errorMessage: 'Identity Provider alias cannot be changed' } });
  });

  it('adds, lists and updates mappers, resolving a new mapper to its id', async () => {
    const admin = corpAdmin();
    await admin.createIdp(oidc('with-mappers'));
    const mapper = {
      name: 'dept',
      identityProviderMapper: 'hardcoded-attribute-idp-mapper',
      identityProviderAlias: 'with-mappers',
      config: { attribute: 'dept', 'attribute.value': 'sales' },
    };
    const id = await admin.addMapperToIdp('with-mappers', mapper);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect(admin.getIdpMappers('with-mappers')).resolves.toEqual([{ ...mapper, id }]);
    await admin.updateMapperInIdp('with-mappers', id, {
      ...mapper,
      id,
      config: { attribute: 'dept', 'attribute.value': 'support' },
    });
    await expect(admin.getIdpMappers('with-mappers')).resolves.toEqual([
      expect.objectContaining({ id, config: { attribute: 'dept', 'attribute.value': 'support' } }),
    ]);
    await expect(admin.updateMapperInIdp('with-mappers', 'no-such-mapper', mapper)).rejects.toMatchObject({
      name: 'KeycloakPutError',
      status: 404,
      body: { error: 'Model not found' },
    });
  });

  it('deletes a provider, after which it is a 404 for each verb', async () => {
    const admin = corpAdmin();
    await admin.createIdp(oidc('gone'));
    await admin.deleteIdp('gone');
    const get = await rejectionOf(admin.getIdp('gone'));
    const del = await rejectionOf(admin.deleteIdp('gone'));
    const mappers = await rejectionOf(admin.getIdpMappers('gone'));
    expect(get).toBeInstanceOf(KeycloakGetError);
    expect(del).toBeInstanceOf(KeycloakDeleteError);
    expect(mappers).toMatchObject({ name: 'KeycloakGetError', code: 'ERR_HTTP', status: 404 });
  });
});
