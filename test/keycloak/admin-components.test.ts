import { X509Certificate } from 'node:crypto';
import type { KeycloakAdmin } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClientFor } from './support/admin-client.js';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let admin: KeycloakAdmin;
const path = (rest: string) => `/admin/realms/${realm}${rest}`;
const KEYS = 'org.keycloak.keys.KeyProvider';
const POLICY = 'org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy';

interface Component {
  id: string;
  name: string;
  providerId: string;
  providerType: string;
  parentId: string;
  subType?: string;
  config: Record<string, string[]>;
}

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-components');
  admin = adminClientFor(target, realm);
});
afterAll(async () => {
  await admin?.close();
  await target.close();
});

const components = async (query = ''): Promise<Component[]> =>
  (await target.request('GET', path(`/components${query}`), { token: 'admin' })).json as Component[];
const sortedConfig = (config: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(config).map(([k, v]) => [k, [...v].sort()]));

describe(`a new realm's components (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it('are four generated key providers holding only their priority and algorithm', async () => {
    const keys = (await components(`?type=${KEYS}`))
      .map(({ name, providerId, config }) => ({ name, providerId, config }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(keys).toEqual([
      { name: 'aes-generated', providerId: 'aes-generated', config: { priority: ['100'] } },
      {
        name: 'hmac-generated-hs512',
        providerId: 'hmac-generated',
        config: { priority: ['100'], algorithm: ['HS512'] },
      },
      {
        name: 'rsa-enc-generated',
        providerId: 'rsa-enc-generated',
        config: { priority: ['100'], algorithm: ['RSA-OAEP'] },
      },
      { name: 'rsa-generated', providerId: 'rsa-generated', config: { priority: ['100'] } },
    ]);
  });

  it("include Keycloak's default client registration policies for anonymous and authenticated requests", async () => {
    const policies = (await components(`?type=${POLICY}`))
      .map(({ name, providerId, subType, config }) => ({ subType, name, providerId, config: sortedConfig(config) }))
      .sort((a, b) => `${a.subType}${a.name}`.localeCompare(`${b.subType}${b.name}`));
    const mappers = [
      'oidc-address-mapper',
      'oidc-full-name-mapper',
      'oidc-sha256-pairwise-sub-mapper',
      'oidc-usermodel-attribute-mapper',
      'oidc-usermodel-property-mapper',
      'saml-role-list-mapper',
      'saml-user-attribute-mapper',
      'saml-user-property-mapper',
    ];
    const shared = (subType: string) => [
      {
        subType,
        name: 'Allowed Client Scopes',
        providerId: 'allowed-client-templates',
        config: { 'allow-default-scopes': ['true'] },
      },
      {
        subType,
        name: 'Allowed Protocol Mapper Types',
        providerId: 'allowed-protocol-mappers',
        config: { 'allowed-protocol-mapper-types': mappers },
      },
      { subType, name: 'Allowed Registration Web Origins', providerId: 'registration-web-origins', config: {} },
    ];
    expect(policies).toEqual([
      ...shared('anonymous').slice(0, 3),
      { subType: 'anonymous', name: 'Consent Required', providerId: 'consent-required', config: {} },
      { subType: 'anonymous', name: 'Full Scope Disabled', providerId: 'scope', config: {} },
      {
        subType: 'anonymous',
        name: 'Max Clients Limit',
        providerId: 'max-clients',
        config: { 'max-clients': ['200'] },
      },
      {
        subType: 'anonymous',
        name: 'Trusted Hosts',
        providerId: 'trusted-hosts',
        config: { 'client-uris-must-match': ['true'], 'host-sending-registration-request-must-match': ['true'] },
      },
      ...shared('authenticated'),
    ]);
  });

  it('have the realm as parent, and answer none for another parent', async () => {
    const realmId = (await admin.getRealm(realm)).id;
    expect(new Set((await components()).map((c) => c.parentId))).toEqual(new Set([realmId]));
    expect(await components('?parent=nope')).toEqual([]);
  });

  it('are filtered by name', async () => {
    expect((await components('?name=rsa-generated')).map((c) => c.providerId)).toEqual(['rsa-generated']);
  });
});

describe('component CRUD', () => {
  it('creates, reads, updates and deletes a key provider through KeycloakAdmin', async () => {
    const realmId = (await admin.getRealm(realm)).id!;
    const id = await admin.createComponent({
      name: 'extra-hmac',
      providerId: 'hmac-generated',
      providerType: KEYS,
      parentId: realmId,
      config: { priority: ['50'], algorithm: ['HS256'] },
    });
    const read = await admin.getComponent(id);
    expect(read).toEqual({
      id,
      name: 'extra-hmac',
      providerId: 'hmac-generated',
      providerType: KEYS,
      parentId: realmId,
      config: { priority: ['50'], algorithm: ['HS256'] },
    });
    await admin.updateComponent(id, { ...read, config: { priority: ['60'], algorithm: ['HS256'] } });
    expect((await admin.getComponent(id)).config).toEqual({ priority: ['60'], algorithm: ['HS256'] });
    const keys = await admin.getKeys();
    expect(keys.keys?.find((k) => k.providerId === id)).toMatchObject({
      algorithm: 'HS256',
      type: 'OCT',
      use: 'SIG',
      providerPriority: 60,
    });
    await admin.deleteComponent(id);
    expect((await target.request('GET', path(`/components/${id}`), { token: 'admin' })).status).toBe(404);
  });

  it('answers 404 "Could not find component" for an unknown id', async () => {
    const answer = await target.request('GET', path('/components/nope'), { token: 'admin' });
    expect([answer.status, answer.json]).toEqual([404, { error: 'Could not find component' }]);
  });

  it('masks the private key of an imported RSA key provider and keeps its certificate', async () => {
    const keys = (await target.request('GET', path('/keys'), { token: 'admin' })).json as {
      keys: { algorithm: string; publicKey?: string; certificate?: string }[];
    };
    expect(keys.keys.find((k) => k.algorithm === 'RS256')?.certificate).toEqual(expect.any(String));
  });
});

describe('keys', () => {
  it('lists the RS256, RSA-OAEP, HS512 and AES keys as active, with their types and uses', async () => {
    const keys = await admin.getKeys();
    expect(Object.keys(keys.active ?? {}).sort()).toEqual(['AES', 'HS512', 'RS256', 'RSA-OAEP']);
    const summary = (keys.keys ?? [])
      .map((k) => `${k.algorithm}:${k.type}:${k.use}:${k.status}:${k.providerPriority}`)
      .sort();
    expect(summary).toEqual([
      'AES:OCT:ENC:ACTIVE:100',
      'HS512:OCT:SIG:ACTIVE:100',
      'RS256:RSA:SIG:ACTIVE:100',
      'RSA-OAEP:RSA:ENC:ACTIVE:100',
    ]);
  });

  it('gives RSA keys a public key, a certificate and its validTo in milliseconds, and secret keys neither', async () => {
    const keys = (await admin.getKeys()).keys as Record<string, unknown>[];
    const rsa = keys.find((k) => k['algorithm'] === 'RS256')!;
    expect(Object.keys(rsa)).toEqual([
      'providerId',
      'providerPriority',
      'kid',
      'status',
      'type',
      'algorithm',
      'publicKey',
      'certificate',
      'use',
      'validTo',
    ]);
    expect(rsa['validTo']).toBeGreaterThan(Date.now() + 9 * 365 * 86_400_000);
    const aes = keys.find((k) => k['algorithm'] === 'AES')!;
    expect(Object.keys(aes)).toEqual(['providerId', 'providerPriority', 'kid', 'status', 'type', 'algorithm', 'use']);
    expect(aes['kid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("dates a generated RSA key's certificate from 100 s before its creation to 10 calendar years after", async () => {
    const keys = (await admin.getKeys()).keys as Record<string, unknown>[];
    const rsa = keys.find((k) => k['algorithm'] === 'RS256')!;
    const certificate = new X509Certificate(Buffer.from(String(rsa['certificate']), 'base64'));
    const from = Date.parse(certificate.validFrom);
    const until = Date.parse(certificate.validTo);
    expect(rsa['validTo']).toBe(until);
    // Calendar years (Calendar.add(YEAR, 10)), leap days included: the realm was made a few seconds ago.
    const created = new Date(from + 100_000);
    created.setUTCFullYear(created.getUTCFullYear() + 10);
    expect(until).toBe(created.getTime());
    expect(Date.now() - from).toBeGreaterThanOrEqual(100_000);
    expect(Date.now() - from).toBeLessThan(30 * 60_000);
  });

  it('keeps the AES key out of the realm JWKS', async () => {
    const jwks = (await target.request('GET', `/realms/${realm}/protocol/openid-connect/certs`)).json as {
      keys: { alg: string }[];
    };
    expect(jwks.keys.map((k) => k.alg).sort()).toEqual(['RS256', 'RSA-OAEP']);
  });
});

describe('client registration policy providers', () => {
  it("lists Keycloak's eight policy providers with their properties", async () => {
    const answer = await target.request('GET', path('/client-registration-policy/providers'), { token: 'admin' });
    expect(answer.status).toBe(200);
    const providers = answer.json as { id: string; properties: { name: string; type: string; options?: string[] }[] }[];
    expect(providers.map((p) => p.id).sort()).toEqual([
      'allowed-client-templates',
      'allowed-protocol-mappers',
      'client-disabled',
      'consent-required',
      'max-clients',
      'registration-web-origins',
      'scope',
      'trusted-hosts',
    ]);
    const trusted = providers.find((p) => p.id === 'trusted-hosts')!;
    expect(trusted.properties.map((p) => [p.name, p.type])).toEqual([
      ['trusted-hosts', 'MultivaluedString'],
      ['host-sending-registration-request-must-match', 'boolean'],
      ['client-uris-must-match', 'boolean'],
    ]);
  });

  it("offers the realm's client scopes and openid to the allowed-client-templates policy", async () => {
    const providers = (await target.request('GET', path('/client-registration-policy/providers'), { token: 'admin' }))
      .json as { id: string; properties: { name: string; options?: string[] }[] }[];
    const options = providers.find((p) => p.id === 'allowed-client-templates')!.properties[0]!.options!;
    const scopes = (
      (await target.request('GET', path('/client-scopes'), { token: 'admin' })).json as { name: string }[]
    ).map((s) => s.name);
    expect([...options].sort()).toEqual([...scopes, 'openid'].sort());
  });
});

describe('sub-component types and user storage', () => {
  it('answers 404 "Could not find parent component" for sub-component types of an unknown parent', async () => {
    const answer = await target.request(
      'GET',
      path('/components/nope/sub-component-types?type=org.keycloak.storage.ldap.mappers.LDAPStorageMapper'),
      { token: 'admin' },
    );
    expect([answer.status, answer.json]).toEqual([404, { error: 'Could not find parent component' }]);
  });

  it('answers 400 "must specify a subtype" for sub-component types without a type', async () => {
    const [rsa] = await components('?name=rsa-generated');
    const answer = await target.request('GET', path(`/components/${rsa!.id}/sub-component-types`), { token: 'admin' });
    expect([answer.status, answer.json]).toEqual([400, { error: 'must specify a subtype' }]);
  });

  it.each([
    ['GET', 'name'],
    ['POST', 'remove-imported-users'],
    ['POST', 'unlink-users'],
    ['POST', 'sync?action=triggerFullSync'],
  ])('answers 404 "Could not find component" to %s user-storage/{unknown}/%s', async (method, rest) => {
    const answer = await target.request(method, path(`/user-storage/nope/${rest}`), { token: 'admin' });
    expect([answer.status, answer.json]).toEqual([404, { error: 'Could not find component' }]);
  });

  it('answers 404 "found, but not a UserStorageProvider" for user-storage calls on another kind of component', async () => {
    const [rsa] = await components('?name=rsa-generated');
    const answer = await target.request('GET', path(`/user-storage/${rsa!.id}/name`), { token: 'admin' });
    expect([answer.status, answer.json]).toEqual([404, { error: 'found, but not a UserStorageProvider' }]);
  });
});
