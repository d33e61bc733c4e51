import { KeycloakGetError, KeycloakOperationError, KeycloakPostError } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer();

function demoAdmin() {
  return kc.admin({ realmName: 'demo', userRealmName: 'master' });
}

const mapper = {
  name: 'tier',
  protocol: 'openid-connect',
  protocolMapper: 'oidc-hardcoded-claim-mapper',
  config: { 'claim.name': 'tier', 'claim.value': 'gold' },
};

describe('KeycloakAdmin client-scope methods', () => {
  it('creates a scope, finds it by id and by name, updates and deletes it', async () => {
    const admin = demoAdmin();
    const id = await admin.createClientScope({
      name: 'invoices',
      description: 'Invoices API',
      protocol: 'openid-connect',
    });
    await expect(admin.getClientScope(id)).resolves.toEqual({
      id,
      name: 'invoices',
      description: 'Invoices API',
      protocol: 'openid-connect',
      attributes: {},
    });
    await expect(admin.getClientScopeByName('invoices')).resolves.toMatchObject({ id });
    await expect(admin.getClientScopeByName('invoice')).resolves.toBeUndefined();
    await admin.updateClientScope(id, { description: 'Bills' });
    await expect(admin.getClientScope(id)).resolves.toMatchObject({ description: 'Bills' });
    expect((await admin.getClientScopes()).map((s) => s.name)).toEqual(
      expect.arrayContaining(['invoices', 'profile', 'email']),
    );
    await admin.deleteClientScope(id);
    const error = await rejectionOf(admin.getClientScope(id));
    expect(error).toBeInstanceOf(KeycloakGetError);
    expect(error).toMatchObject({ status: 404, body: { error: 'Could not find client scope' } });
  });

  it('fails a duplicate name with KeycloakPostError 409, and resolves to the existing id with skipExists', async () => {
    const admin = demoAdmin();
    const id = await admin.createClientScope({ name: 'once', protocol: 'openid-connect' });
    const error = await rejectionOf(admin.createClientScope({ name: 'once', protocol: 'openid-connect' }));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({ status: 409, body: { errorMessage: 'Client Scope once already exists' } });
    await expect(
      admin.createClientScope({ name: 'once', protocol: 'openid-connect' }, { skipExists: true }),
    ).resolves.toBe(id);
  });

  it('refuses an empty name in getClientScopeByName before asking Keycloak', async () => {
    const admin = demoAdmin();
    const before = kc.server.counters.get('admin');
    await expect(admin.getClientScopeByName('')).rejects.toBeInstanceOf(KeycloakOperationError);
    expect(kc.server.counters.get('admin')).toBe(before);
  });

  it('adds, lists, updates and deletes mappers of a scope', async () => {
    const admin = demoAdmin();
    const scope = await admin.createClientScope({ name: 'mapped-scope', protocol: 'openid-connect' });
    const mapperId = await admin.addMapperToClientScope(scope, mapper);
    expect(await admin.getMappersFromClientScope(scope)).toEqual([{ id: mapperId, ...mapper, consentRequired: false }]);
    await admin.updateMapperInClientScope(scope, mapperId, { ...mapper, name: 'level' });
    expect((await admin.getMappersFromClientScope(scope)).map((m) => m.name)).toEqual(['level']);
    await admin.deleteMapperFromClientScope(scope, mapperId);
    await expect(admin.getMappersFromClientScope(scope)).resolves.toEqual([]);
    await expect(admin.addMapperToClientScope(scope, { name: 'typeless' })).rejects.toMatchObject({
      name: 'KeycloakPostError',
      status: 404,
      body: { error: 'ProtocolMapper provider not found' },
    });
    await expect(admin.updateMapperInClientScope(scope, mapperId, mapper)).rejects.toMatchObject({
      name: 'KeycloakPutError',
      status: 404,
    });
  });

  it('adds and removes the realm default and optional scopes that new clients get', async () => {
    const admin = demoAdmin();
    const scope = await admin.createClientScope({ name: 'house-default', protocol: 'openid-connect' });
    await admin.addDefaultDefaultClientScope(scope);
    expect(await admin.getDefaultDefaultClientScopes()).toContainEqual({
      id: scope,
      name: 'house-default',
      protocol: 'openid-connect',
    });
    const client = await admin.createClient({ clientId: 'gets-house-default' });
    expect((await admin.getClientDefaultClientScopes(client)).map((s) => s.name)).toContain('house-default');
    await admin.deleteDefaultDefaultClientScope(scope);
    expect((await admin.getDefaultDefaultClientScopes()).map((s) => s.name)).not.toContain('house-default');
    await admin.addDefaultOptionalClientScope(scope);
    expect(await admin.getDefaultOptionalClientScopes()).toContainEqual({
      id: scope,
      name: 'house-default',
      protocol: 'openid-connect',
    });
    await admin.deleteDefaultOptionalClientScope(scope);
    expect((await admin.getDefaultOptionalClientScopes()).map((s) => s.name)).not.toContain('house-default');
    await expect(admin.deleteDefaultOptionalClientScope('no-such-scope')).rejects.toMatchObject({
      name: 'KeycloakDeleteError',
      status: 404,
      body: { error: 'Client scope not found' },
    });
  });
});
