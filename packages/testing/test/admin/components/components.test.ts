import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm } from '../../support.js';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let token: string;
let viewer: string;
type Json = Record<string, unknown>;

const call = (method: string, path: string, body?: unknown, as = token) =>
  adminCall(kc, method, `/demo${path}`, as, body);
const KEYS = 'org.keycloak.keys.KeyProvider';
const headerKid = (jwt: string): string =>
  (JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid: string }).kid;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  token = await tokenFor(kc, 'master', 'admin', 'admin');
  addAdminUser(kc, 'demo', 'realm-viewer', 'realm-viewer', 'realm-management', ['view-realm']);
  viewer = await tokenFor(kc, 'demo', 'realm-viewer', 'realm-viewer');
});
afterAll(() => kc.close());

describe('components', () => {
  it("lists the realm's key providers with only their declared config (no generated material), filtered by type and name", async () => {
    const list = (await call('GET', `/components?type=${KEYS}`)).body as Json[];
    expect(list.map((c) => c['providerId']).sort()).toEqual([
      'aes-generated',
      'hmac-generated',
      'rsa-enc-generated',
      'rsa-generated',
    ]);
    const rsa = list.find((c) => c['providerId'] === 'rsa-generated');
    expect(rsa).toMatchObject({ name: 'rsa-generated', providerType: KEYS, parentId: kc.model.realm('demo')?.id });
    expect(rsa?.['config']).toEqual({ priority: ['100'] });
    expect(
      ((await call('GET', '/components?name=hmac-generated-hs512')).body as Json[]).map((c) => c['providerId']),
    ).toEqual(['hmac-generated']);
    expect((await call('GET', '/components?type=nothing')).body).toEqual([]);
  });

  it('creates a key provider whose higher priority makes it sign new tokens, then deletes it', async () => {
    const created = await call('POST', '/components', {
      name: 'rsa-new',
      providerId: 'rsa-generated',
      providerType: KEYS,
      config: { priority: ['500'] },
    });
    expect(created.status).toBe(201);
    const id = created.headers.get('location')?.split('/').pop() ?? '';
    expect(created.headers.get('location')).toBe(`${kc.url}/admin/realms/demo/components/${id}`);
    const keys = (await call('GET', '/keys')).body as { active: Record<string, string>; keys: Json[] };
    const newKey = keys.keys.find((k) => k['providerId'] === id);
    expect(newKey).toMatchObject({
      providerPriority: 500,
      status: 'ACTIVE',
      type: 'RSA',
      algorithm: 'RS256',
      use: 'SIG',
    });
    expect(keys.active['RS256']).toBe(newKey?.['kid']);
    expect(headerKid(await tokenFor(kc, 'demo', 'alice', 'wonder', 'web'))).toBe(newKey?.['kid']);

    expect((await call('DELETE', `/components/${id}`)).status).toBe(204);
    expect((await call('GET', `/components/${id}`)).status).toBe(404);
    expect(headerKid(await tokenFor(kc, 'demo', 'alice', 'wonder', 'web'))).not.toBe(newKey?.['kid']);
  });

  it("updates a key provider's priority while keeping its key, and a masked secret keeps the stored one", async () => {
    const id =
      (
        await call('POST', '/components', {
          name: 'rsa-upd',
          providerId: 'rsa-generated',
          providerType: KEYS,
          config: { priority: ['10'] },
        })
      ).headers
        .get('location')
        ?.split('/')
        .pop() ?? '';
    const before = ((await call('GET', '/keys')).body as { keys: Json[] }).keys.find((k) => k['providerId'] === id);
    const current = (await call('GET', `/components/${id}`)).body as Json;
    expect(
      (
        await call('PUT', `/components/${id}`, {
          ...current,
          config: { ...(current['config'] as object), priority: ['20'] },
        })
      ).status,
    ).toBe(204);
    const after = ((await call('GET', '/keys')).body as { keys: Json[] }).keys.find((k) => k['providerId'] === id);
    expect(after).toMatchObject({ kid: before?.['kid'], providerPriority: 20 });
    await call('DELETE', `/components/${id}`);
  });

  it('stores other component types as data and answers them back', async () => {
    const created = await call('POST', '/components', {
      name: 'ldap',
      providerId: 'ldap',
      providerType: 'org.keycloak.storage.UserStorageProvider',
      config: { enabled: ['true'] },
    });
    const id = created.headers.get('location')?.split('/').pop() ?? '';
    expect((await call('GET', `/components/${id}`)).body).toEqual({
      id,
      name: 'ldap',
      providerId: 'ldap',
      providerType: 'org.keycloak.storage.UserStorageProvider',
      parentId: kc.model.realm('demo')?.id,
      config: { enabled: ['true'] },
    });
    expect((await call('PUT', `/components/${id}`, { name: 'ldap2', config: { enabled: ['false'] } })).status).toBe(
      204,
    );
    expect((await call('GET', `/components/${id}`)).body).toMatchObject({
      name: 'ldap2',
      config: { enabled: ['false'] },
    });
    expect((await call('DELETE', `/components/${id}`)).status).toBe(204);
  });

  it('refuses bad components with typed errors', async () => {
    expect(await call('POST', '/components', { name: 'x' })).toMatchObject({
      status: 400,
      body: { errorMessage: 'providerId and providerType are required' },
    });
    expect(
      await call('POST', '/components', {
        providerId: 'rsa-generated',
        providerType: KEYS,
        config: { priority: ['high'] },
      }),
    ).toMatchObject({ status: 400, body: { errorMessage: "'Priority' should be a number" } });
    expect(await call('POST', '/components', { providerId: 'magic', providerType: KEYS })).toMatchObject({
      status: 400,
      body: { errorMessage: 'Unknown key provider: magic' },
    });
    expect(
      await call('POST', '/components', {
        providerId: 'rsa',
        providerType: KEYS,
        config: { privateKey: ['not a key'] },
      }),
    ).toMatchObject({ status: 400, body: { errorMessage: 'Invalid key material' } });
    expect(
      await call('POST', '/components', { providerId: 'x', providerType: 'y', config: { a: 'not-a-list' } }),
    ).toMatchObject({ status: 400, body: { error_description: 'Cannot parse the JSON' } });
    expect(await call('GET', '/components/nope')).toMatchObject({
      status: 404,
      body: { error: 'Could not find component' },
    });
  });

  it('lets a realm viewer read but not write, and answers 401 without a token', async () => {
    expect((await call('GET', '/components', undefined, viewer)).status).toBe(200);
    expect((await call('GET', '/keys', undefined, viewer)).status).toBe(200);
    expect((await call('POST', '/components', { providerId: 'x', providerType: 'y' }, viewer)).status).toBe(403);
    expect((await adminCall(kc, 'GET', '/demo/keys')).status).toBe(401);
  });
});

describe('keys', () => {
  it('answers KeysMetadataRepresentation: active kid per algorithm and every key with its status', async () => {
    const body = (await call('GET', '/keys')).body as { active: Record<string, string>; keys: Json[] };
    expect(Object.keys(body.active).sort()).toEqual(['AES', 'HS512', 'RS256', 'RSA-OAEP']);
    const hmac = body.keys.find((k) => k['algorithm'] === 'HS512');
    expect(hmac).toMatchObject({ type: 'OCT', status: 'ACTIVE', use: 'SIG', providerPriority: 100 });
    expect(hmac).not.toHaveProperty('publicKey');
    expect(body.keys.find((k) => k['algorithm'] === 'RSA-OAEP')).toMatchObject({
      use: 'ENC',
      type: 'RSA',
      publicKey: expect.any(String),
      certificate: expect.any(String),
    });
  });
});
