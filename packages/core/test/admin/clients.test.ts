import {
  KeycloakDeleteError,
  KeycloakGetError,
  KeycloakOperationError,
  KeycloakPostError,
  KeycloakPutError,
} from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer();

function demoAdmin() {
  return kc.admin({ realmName: 'demo', userRealmName: 'master' });
}

async function clientCredentials(clientId: string, secret: string): Promise<number> {
  const response = await fetch(`${kc.server.url}/realms/demo/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
  });
  return response.status;
}

describe('KeycloakAdmin client methods', () => {
  it('creates a client, finds its id by clientId and reads it back', async () => {
    const admin = demoAdmin();
    const id = await admin.createClient({ clientId: 'orders', redirectUris: ['https://orders.example/*'] });
    await expect(admin.getClientId('orders')).resolves.toBe(id);
    await expect(admin.getClient(id)).resolves.toMatchObject({
      id,
      clientId: 'orders',
      redirectUris: ['https://orders.example/*'],
      enabled: true,
    });
    expect((await admin.getClients()).map((c) => c.clientId)).toEqual(
      expect.arrayContaining(['orders', 'app', 'account']),
    );
  });

  it('answers undefined from getClientId for an unknown or partial clientId, and refuses an empty one', async () => {
    const admin = demoAdmin();
    await expect(admin.getClientId('ap')).resolves.toBeUndefined();
    await expect(admin.getClientId('')).rejects.toBeInstanceOf(KeycloakOperationError);
  });

  it('fails a duplicate clientId with KeycloakPostError 409, and resolves to the existing id with skipExists', async () => {
    const admin = demoAdmin();
    const id = await admin.createClient({ clientId: 'twice' });
    const error = await rejectionOf(admin.createClient({ clientId: 'twice' }));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({
      code: 'ERR_HTTP',
      status: 409,
      body: { errorMessage: 'Client twice already exists' },
    });
    await expect(admin.createClient({ clientId: 'twice' }, { skipExists: true })).resolves.toBe(id);
  });

  it('fails getClient of an unknown id with KeycloakGetError 404', async () => {
    const error = await rejectionOf(demoAdmin().getClient('no-such-id'));
    expect(error).toBeInstanceOf(KeycloakGetError);
    expect(error).toMatchObject({ status: 404, body: { error: 'Could not find client' } });
  });

  it('updates and deletes a client', async () => {
    const admin = demoAdmin();
    const id = await admin.createClient({ clientId: 'short-lived', name: 'Before' });
    await admin.updateClient(id, { name: 'After' });
    await expect(admin.getClient(id)).resolves.toMatchObject({ name: 'After', clientId: 'short-lived' });
    await admin.deleteClient(id);
    await expect(admin.getClientId('short-lived')).resolves.toBeUndefined();
    const error = await rejectionOf(admin.deleteClient(id));
    expect(error).toBeInstanceOf(KeycloakDeleteError);
    expect(error).toMatchObject({ status: 404 });
  });

  it('fails an update with an unknown field with KeycloakPutError 400', async () => {
    const admin = demoAdmin();
    const id = await admin.createClient({ clientId: 'strict' });
    const error = await rejectionOf(admin.updateClient(id, { colour: 'red' } as never));
    expect(error).toBeInstanceOf(KeycloakPutError);
    expect(error).toMatchObject({ status: 400 });
  });

  it('makes a new confidential client usable at once, and a regenerated secret replaces the old one', async () => {
    const admin = demoAdmin();
    const id = await admin.createClient({
      clientId: 'worker',
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
    });
    const first = await admin.getClientSecrets(id);
    expect(first.type).toBe('secret');
    expect(await clientCredentials('worker', first.value ?? '')).toBe(200);
    const second = await admin.generateClientSecrets(id);
    expect(second.value).not.toBe(first.value);
    expect(await clientCredentials('worker', first.value ?? '')).toBe(401);
    expect(await clientCredentials('worker', second.value ?? '')).toBe(200);
    await expect(admin.getClientServiceAccountUser(id)).resolves.toMatchObject({ username: 'service-account-worker' });
  });

  it('fails getClientServiceAccountUser of a client without service account with KeycloakGetError 400', async () => {
    const admin = demoAdmin();
    const id = await admin.createClient({ clientId: 'no-robot' });
    await expect(admin.getClientServiceAccountUser(id)).rejects.toMatchObject({
      name: 'KeycloakGetError',
      status: 400,
      body: { error: "Service account not enabled for the client 'no-robot'" },
    });
  });

  it('links and unlinks default and optional client scopes of a client', async () => {
    const admin = demoAdmin();
    const client = await admin.createClient({ clientId: 'scoped' });
    const scope = await admin.createClientScope({ name: 'scoped-extra', protocol: 'openid-connect' });
    await admin.addClientDefaultClientScope(client, scope, { realm: 'demo', client, clientScopeId: scope });
    expect(await admin.getClientDefaultClientScopes(client)).toContainEqual({ id: scope, name: 'scoped-extra' });
    await admin.deleteClientDefaultClientScope(client, scope);
    expect((await admin.getClientDefaultClientScopes(client)).map((s) => s.name)).not.toContain('scoped-extra');
    await admin.addClientOptionalClientScope(client, scope);
    expect(await admin.getClientOptionalClientScopes(client)).toContainEqual({ id: scope, name: 'scoped-extra' });
    await admin.deleteClientOptionalClientScope(client, scope);
    expect((await admin.getClientOptionalClientScopes(client)).map((s) => s.name)).not.toContain('scoped-extra');
    await expect(admin.addClientDefaultClientScope(client, 'no-such-scope')).rejects.toMatchObject({
      name: 'KeycloakPutError',
      status: 404,
      body: { error: 'Client scope not found' },
    });
  });

  it('adds, lists, updates and removes protocol mappers of a client', async () => {
    const admin = demoAdmin();
    const client = await admin.createClient({ clientId: 'mapped' });
    const mapper = {
      name: 'tier',
      protocol: 'openid-connect',
      protocolMapper: 'oidc-hardcoded-claim-mapper',
      config: { 'claim.name': 'tier', 'claim.value': 'gold' },
    };
    const mapperId = await admin.addMapperToClient(client, mapper);
    expect(await admin.getMappersFromClient(client)).toEqual([{ id: mapperId, ...mapper, consentRequired: false }]);
    await admin.updateClientMapper(client, mapperId, {
      ...mapper,
      config: { 'claim.name': 'tier', 'claim.value': 'silver' },
    });
    expect((await admin.getMappersFromClient(client))[0]?.config?.['claim.value']).toBe('silver');
    await admin.removeClientMapper(client, mapperId);
    await expect(admin.getMappersFromClient(client)).resolves.toEqual([]);
    await expect(admin.removeClientMapper(client, mapperId)).rejects.toMatchObject({
      name: 'KeycloakDeleteError',
      status: 404,
      body: { error: 'Model not found' },
    });
  });

  it('reads the keycloak.json installation of a client as an object, the subsystem XML as text', async () => {
    const admin = demoAdmin();
    const app = (await admin.getClientId('app')) ?? '';
    await expect(admin.getClientInstallationProvider(app, 'keycloak-oidc-keycloak-json')).resolves.toMatchObject({
      realm: 'demo',
      resource: 'app',
      credentials: { secret: 'app-secret' },
    });
    const xml = await admin.getClientInstallationProvider(app, 'keycloak-oidc-jboss-subsystem');
    expect(xml).toContain('<resource>app</resource>');
    await expect(admin.getClientInstallationProvider(app, 'nope')).rejects.toMatchObject({
      name: 'KeycloakGetError',
      status: 404,
    });
  });

  it('lists the sessions of a client, page by page or all at once, and the realm session stats', async () => {
    const admin = demoAdmin();
    const app = (await admin.getClientId('app')) ?? '';
    for (let i = 0; i < 3; i++) {
      await fetch(`${kc.server.url}/realms/demo/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'app',
          client_secret: 'app-secret',
          username: 'alice',
          password: 'wonder',
        }),
      });
    }
    const all = await admin.getClientAllSessions(app);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all[0]).toMatchObject({ username: 'alice', clients: { [app]: 'app' } });
    await expect(admin.getClientAllSessions(app, { first: 0, max: 2 })).resolves.toHaveLength(2);
    const iterated: string[] = [];
    for await (const session of admin.iterateClientAllSessions(app, { pageSize: 2 })) iterated.push(session.id ?? '');
    expect(iterated).toEqual(all.map((s) => s.id));
    expect(await admin.getClientSessionsStats()).toContainEqual(
      expect.objectContaining({ id: app, clientId: 'app', active: String(all.length) }),
    );
  });

  it('iterates clients matching a query', async () => {
    const admin = demoAdmin();
    await admin.createClient({ clientId: 'iter-a' });
    await admin.createClient({ clientId: 'iter-b' });
    const seen: string[] = [];
    for await (const client of admin.iterateClients({ clientId: 'iter-', search: true }, { pageSize: 1 }))
      seen.push(client.clientId ?? '');
    expect(seen).toEqual(['iter-a', 'iter-b']);
  });

  it('answers management permissions as disabled, and fails enabling them with KeycloakPutError 501', async () => {
    const admin = demoAdmin();
    const app = (await admin.getClientId('app')) ?? '';
    await expect(admin.getClientManagementPermissions(app)).resolves.toEqual({ enabled: false });
    await expect(admin.updateClientManagementPermissions({ enabled: true }, app)).rejects.toMatchObject({
      name: 'KeycloakPutError',
      status: 501,
      body: { error: 'Feature not enabled' },
    });
  });

  it('reads certificate key info stored on a client', async () => {
    const admin = demoAdmin();
    const id = await admin.createClient({
      clientId: 'cert-holder',
      attributes: { 'jwt.credential.certificate': 'MIIB' },
    });
    await expect(admin.getClientCertificateKeyInfo(id)).resolves.toEqual({ certificate: 'MIIB' });
  });

  it('creates an initial access token that registers a client', async () => {
    const admin = demoAdmin();
    const iat = await admin.createInitialAccessToken(1, 60);
    expect(iat).toMatchObject({ count: 1, expiration: 60, remainingCount: 1 });
    const registered = await fetch(`${kc.server.url}/realms/demo/clients-registrations/default`, {
      method: 'POST',
      headers: { authorization: `Bearer ${iat.token ?? ''}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'self-made' }),
    });
    expect(registered.status).toBe(201);
    await expect(admin.createInitialAccessToken(-1)).rejects.toMatchObject({ name: 'KeycloakPostError', status: 400 });
  });

  it("refuses a caller without client rights with a 403 of the verb's error class", async () => {
    const admin = kc.admin({
      realmName: 'demo',
      userRealmName: 'demo',
      username: 'alice',
      password: 'wonder',
      clientId: 'app',
      clientSecretKey: 'app-secret',
    });
    await expect(admin.getClients()).rejects.toMatchObject({ name: 'KeycloakGetError', status: 403 });
    await expect(admin.createClient({ clientId: 'x' })).rejects.toMatchObject({
      name: 'KeycloakPostError',
      status: 403,
    });
  });
});
