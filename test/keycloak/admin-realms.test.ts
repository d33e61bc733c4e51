import type { KeycloakAdmin } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClientFor } from './support/admin-client.js';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let admin: KeycloakAdmin;
const path = (rest = '') => `/admin/realms/${realm}${rest}`;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-realms');
  admin = adminClientFor(target, realm);
});
afterAll(async () => {
  await admin?.close();
  await target.close();
});

describe(`a new realm's representation (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it('answers the settings of Keycloak 26.7.3, in its key order, with the brief default role', async () => {
    const answer = await target.request('GET', path(), { token: 'admin' });
    expect(answer.status).toBe(200);
    const rep = answer.json as Record<string, unknown>;
    const keys = Object.keys(rep);
    expect(keys.slice(0, 4)).toEqual(['id', 'realm', 'notBefore', 'defaultSignatureAlgorithm']);
    expect(keys.slice(-6)).toEqual(
      [
        'userManagedAccessAllowed',
        'organizationsEnabled',
        'verifiableCredentialsEnabled',
        'adminPermissionsEnabled',
        'scimApiEnabled',
        'clientProfiles',
        'clientPolicies',
      ].slice(-6),
    );
    expect(keys).toEqual(
      expect.arrayContaining([
        'maxSecondaryAuthFailures',
        'webAuthnPolicyResidentKey',
        'webAuthnPolicyPasswordlessResidentKey',
      ]),
    );
    expect(rep).toMatchObject({
      maxSecondaryAuthFailures: 0,
      webAuthnPolicyRequireResidentKey: 'not specified',
      webAuthnPolicyResidentKey: 'not specified',
      webAuthnPolicyPasswordlessRequireResidentKey: 'not specified',
      webAuthnPolicyPasswordlessResidentKey: 'required',
      webAuthnPolicyPasswordlessUserVerificationRequirement: 'required',
      scimApiEnabled: false,
      clientProfiles: { profiles: [] },
      clientPolicies: { policies: [] },
      enabledEventTypes: [],
      eventsListeners: ['jboss-logging'],
      accessTokenLifespan: 300,
      sslRequired: 'external',
      bruteForceStrategy: 'MULTIPLE',
      failureFactor: 30,
    });
    expect(rep['defaultRole']).toEqual({
      id: expect.any(String),
      name: `default-roles-${realm}`,
      description: '${role_default-roles}',
      composite: true,
      clientRole: false,
      containerId: rep['id'],
    });
  });

  it('holds the CIBA, device grant, PAR and OTP defaults as attributes', async () => {
    const rep = (await target.request('GET', path(), { token: 'admin' })).json as {
      attributes: Record<string, string>;
    };
    expect(rep.attributes).toEqual({
      cibaBackchannelTokenDeliveryMode: 'poll',
      cibaExpiresIn: '120',
      cibaAuthRequestedUserHint: 'login_hint',
      oauth2DeviceCodeLifespan: '600',
      oauth2DevicePollingInterval: '5',
      parRequestUriLifespan: '60',
      cibaInterval: '5',
      realmReusableOtpCode: 'false',
    });
  });

  it('is listed by get_realms and read by get_realm through KeycloakAdmin', async () => {
    const realms = await admin.getRealms();
    expect(realms.map((r) => r.realm)).toEqual(expect.arrayContaining(['master', realm]));
    expect(await admin.getRealm(realm)).toMatchObject({ realm, enabled: true });
  });

  it('answers id, realm, displayName, displayNameHtml and enabled in the brief list', async () => {
    await target.request('PUT', path(), {
      token: 'admin',
      json: { displayName: 'Brief Realm', displayNameHtml: '<b>Brief</b>' },
    });
    const list = (await target.request('GET', '/admin/realms?briefRepresentation=true', { token: 'admin' }))
      .json as Record<string, unknown>[];
    const brief = list.find((r) => r['realm'] === realm);
    expect(brief).toEqual({
      id: expect.any(String),
      realm,
      displayName: 'Brief Realm',
      displayNameHtml: '<b>Brief</b>',
      enabled: true,
    });
    expect(Object.keys(brief!)).toEqual(['id', 'realm', 'displayName', 'displayNameHtml', 'enabled']);
  });
});

describe('realm create, update and delete', () => {
  it('round-trips create_realm, update_realm and delete_realm through KeycloakAdmin', async () => {
    const name = `${realm}-crud`;
    expect(await admin.createRealm({ realm: name, enabled: true, displayName: 'CRUD' })).toBe(name);
    await admin.updateRealm(name, { accessTokenLifespan: 120, registrationAllowed: true, attributes: { custom: 'x' } });
    const rep = await admin.getRealm(name);
    expect(rep).toMatchObject({
      realm: name,
      displayName: 'CRUD',
      accessTokenLifespan: 120,
      registrationAllowed: true,
    });
    expect((rep as { attributes: Record<string, string> }).attributes).toMatchObject({
      custom: 'x',
      cibaInterval: '5',
    });
    await admin.deleteRealm(name);
    expect((await target.request('GET', `/admin/realms/${name}`, { token: 'admin' })).status).toBe(404);
  });

  it('answers 409 "Realm <name> already exists" for a second realm of the same name', async () => {
    const answer = await target.request('POST', '/admin/realms', { token: 'admin', json: { realm } });
    expect(answer.status).toBe(409);
    expect(answer.json).toEqual({ errorMessage: `Realm ${realm} already exists` });
  });

  it.each([':', '/', '?', '#', '@', '!', '$', '&', '(', ')', '*', '+', ',', ';', '=', '[', ']', '\\'])(
    'refuses the reserved character %s in a new realm name with 400, creating nothing',
    async (char) => {
      const name = `${realm}-r${char}x`;
      const answer = await target.request('POST', '/admin/realms', { token: 'admin', json: { realm: name } });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error: `Character '${char}' not allowed.` });
      const names = (
        (await target.request('GET', '/admin/realms?briefRepresentation=true', { token: 'admin' })).json as {
          realm: string;
        }[]
      ).map((r) => r.realm);
      expect(names).not.toContain(name);
    },
  );

  it('names the first reserved character of the name', async () => {
    const answer = await target.request('POST', '/admin/realms', { token: 'admin', json: { realm: `${realm}-a+b:c` } });
    expect(answer.json).toEqual({ error: "Character '+' not allowed." });
  });

  it('creates no realm whose name holds a lone surrogate (Keycloak answers 500, the in-memory server 400)', async () => {
    const name = `${realm}-sur\ud800x`;
    const answer = await target.request('POST', '/admin/realms', {
      token: 'admin',
      json: `{"realm":${JSON.stringify(name)}}`,
    });
    expect([400, 500]).toContain(answer.status);
    const names = (
      (await target.request('GET', '/admin/realms?briefRepresentation=true', { token: 'admin' })).json as {
        realm: string;
      }[]
    ).map((r) => r.realm);
    expect(names.filter((n) => n.startsWith(`${realm}-sur`))).toEqual([]);
  });

  it('refuses a rename to a name with a reserved character and keeps the realm', async () => {
    const answer = await target.request('PUT', path(), { token: 'admin', json: { realm: `${realm}:renamed` } });
    expect(answer.status).toBe(400);
    expect((await target.request('GET', path(), { token: 'admin' })).status).toBe(200);
  });

  it('answers 404 "Realm not found." for an unknown realm', async () => {
    const answer = await target.request('GET', `/admin/realms/${realm}-missing`, { token: 'admin' });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: 'Realm not found.' });
  });

  it('answers 401 without a token', async () => {
    expect((await target.request('GET', path())).status).toBe(401);
  });
});

describe('default groups', () => {
  it('lists none, adds and removes a group, and answers 404 "Group not found" for an unknown id', async () => {
    expect((await target.request('GET', path('/default-groups'), { token: 'admin' })).json).toEqual([]);
    const created = await target.request('POST', path('/groups'), { token: 'admin', json: { name: 'newcomers' } });
    const id = created.headers.get('location')!.split('/').pop()!;
    expect((await target.request('PUT', path(`/default-groups/${id}`), { token: 'admin' })).status).toBe(204);
    expect((await target.request('GET', path('/default-groups'), { token: 'admin' })).json).toEqual([
      expect.objectContaining({ id, name: 'newcomers', path: '/newcomers' }),
    ]);
    for (const method of ['PUT', 'DELETE']) {
      const missing = await target.request(method, path('/default-groups/nope'), { token: 'admin' });
      expect([missing.status, missing.json]).toEqual([404, { error: 'Group not found' }]);
    }
    expect((await target.request('DELETE', path(`/default-groups/${id}`), { token: 'admin' })).status).toBe(204);
    expect((await target.request('GET', path('/default-groups'), { token: 'admin' })).json).toEqual([]);
  });

  it('makes a user created afterwards a member of each default group', async () => {
    const created = await target.request('POST', path('/groups'), { token: 'admin', json: { name: 'everyone' } });
    const id = created.headers.get('location')!.split('/').pop()!;
    await target.request('PUT', path(`/default-groups/${id}`), { token: 'admin' });
    const user = await target.request('POST', path('/users'), {
      token: 'admin',
      json: { username: 'joiner', enabled: true },
    });
    const userId = user.headers.get('location')!.split('/').pop()!;
    const groups = (await target.request('GET', path(`/users/${userId}/groups`), { token: 'admin' })).json as {
      name: string;
    }[];
    expect(groups.map((g) => g.name)).toEqual(['everyone']);
  });

  it('drops a deleted group from the default groups', async () => {
    const created = await target.request('POST', path('/groups'), { token: 'admin', json: { name: 'short-lived' } });
    const id = created.headers.get('location')!.split('/').pop()!;
    await target.request('PUT', path(`/default-groups/${id}`), { token: 'admin' });
    await target.request('DELETE', path(`/groups/${id}`), { token: 'admin' });
    const names = (
      (await target.request('GET', path('/default-groups'), { token: 'admin' })).json as { name: string }[]
    ).map((g) => g.name);
    expect(names).not.toContain('short-lived');
  });
});

describe('default client scopes of the realm', () => {
  it('lists the default ones with their protocol, as get_default_default_client_scopes', async () => {
    const scopes = await admin.getDefaultDefaultClientScopes();
    const byName = Object.fromEntries(scopes.map((s) => [s.name, s]));
    expect(byName['profile']).toEqual({ id: expect.any(String), name: 'profile', protocol: 'openid-connect' });
    expect(byName['role_list']).toEqual({ id: expect.any(String), name: 'role_list', protocol: 'saml' });
    expect(Object.keys(byName)).toEqual(
      expect.arrayContaining(['profile', 'email', 'roles', 'web-origins', 'acr', 'basic']),
    );
  });

  it('lists the optional ones in Keycloak order and moves a scope between the lists', async () => {
    const optional = await admin.getDefaultOptionalClientScopes();
    expect(optional.map((s) => s.name)).toEqual([
      'offline_access',
      'address',
      'phone',
      'microprofile-jwt',
      'organization',
    ]);
    const phone = optional.find((s) => s.name === 'phone')!;
    await admin.deleteDefaultOptionalClientScope(phone.id!);
    await admin.addDefaultDefaultClientScope(phone.id!);
    expect((await admin.getDefaultDefaultClientScopes()).map((s) => s.name)).toContain('phone');
    expect((await admin.getDefaultOptionalClientScopes()).map((s) => s.name)).not.toContain('phone');
  });

  it('answers 404 "Client scope not found" for an unknown scope id', async () => {
    const answer = await target.request('PUT', path('/default-default-client-scopes/nope'), { token: 'admin' });
    expect([answer.status, answer.json]).toEqual([404, { error: 'Client scope not found' }]);
  });
});

describe('localization texts', () => {
  it('stores texts per locale, lists the locale, and answers one text as text/plain', async () => {
    expect((await target.request('GET', path('/localization'), { token: 'admin' })).json).toEqual([]);
    expect(
      (await target.request('POST', path('/localization/en'), { token: 'admin', json: { hello: 'Hi', bye: 'Bye' } }))
        .status,
    ).toBe(204);
    expect((await target.request('GET', path('/localization'), { token: 'admin' })).json).toEqual(['en']);
    expect((await target.request('GET', path('/localization/en'), { token: 'admin' })).json).toEqual({
      hello: 'Hi',
      bye: 'Bye',
    });
    const one = await target.request('GET', path('/localization/en/hello'), { token: 'admin' });
    expect([one.status, one.headers.get('content-type'), one.text]).toEqual([200, 'text/plain;charset=UTF-8', 'Hi']);
  });

  it('replaces one text from a text/plain PUT and deletes it', async () => {
    const put = await target.request('PUT', path('/localization/de/greeting'), {
      token: 'admin',
      json: 'Hallo',
      headers: { 'content-type': 'text/plain' },
    });
    expect(put.status).toBe(204);
    expect((await target.request('GET', path('/localization/de/greeting'), { token: 'admin' })).text).toBe('Hallo');
    expect((await target.request('DELETE', path('/localization/de/greeting'), { token: 'admin' })).status).toBe(204);
    const again = await target.request('DELETE', path('/localization/de/greeting'), { token: 'admin' });
    expect([again.status, again.json]).toEqual([404, { error: 'Localization text not found' }]);
  });

  it('answers 404 for an unknown text and for deleting a locale without texts', async () => {
    const text = await target.request('GET', path('/localization/en/nope'), { token: 'admin' });
    expect([text.status, text.json]).toEqual([404, { error: 'Localization text not found' }]);
    const locale = await target.request('DELETE', path('/localization/fr'), { token: 'admin' });
    expect([locale.status, locale.json]).toEqual([404, { error: 'No localization texts for locale fr found.' }]);
  });

  it('keeps the texts out of the realm representation', async () => {
    const rep = (await target.request('GET', path(), { token: 'admin' })).json as Record<string, unknown>;
    expect(rep).not.toHaveProperty('localizationTexts');
  });
});

describe('client initial access tokens', () => {
  it('creates one with 201 through create_initial_access_token, lists it without its token, and deletes it', async () => {
    const created = await admin.createInitialAccessToken(2, 60);
    expect(created).toMatchObject({
      id: expect.any(String),
      token: expect.any(String),
      expiration: 60,
      count: 2,
      remainingCount: 2,
    });
    const raw = await target.request('POST', path('/clients-initial-access'), { token: 'admin', json: { count: 1 } });
    expect(raw.status).toBe(201);
    const list = (await target.request('GET', path('/clients-initial-access'), { token: 'admin' })).json as Record<
      string,
      unknown
    >[];
    expect(list.find((t) => t['id'] === created.id)).toEqual({
      id: created.id,
      timestamp: expect.any(Number),
      expiration: 60,
      count: 2,
      remainingCount: 2,
    });
    expect(
      (await target.request('DELETE', path(`/clients-initial-access/${created.id}`), { token: 'admin' })).status,
    ).toBe(204);
    const after = (await target.request('GET', path('/clients-initial-access'), { token: 'admin' })).json as Record<
      string,
      unknown
    >[];
    expect(after.map((t) => t['id'])).not.toContain(created.id);
  });

  it('answers 204 when deleting an unknown token', async () => {
    expect((await target.request('DELETE', path('/clients-initial-access/nope'), { token: 'admin' })).status).toBe(204);
  });
});

describe('cache clears and session stats', () => {
  it('clears the keys, realm and user caches through KeycloakAdmin', async () => {
    await expect(admin.clearKeysCache()).resolves.toBeUndefined();
    await expect(admin.clearRealmCache()).resolves.toBeUndefined();
    await expect(admin.clearUserCache()).resolves.toBeUndefined();
  });

  it('answers an empty client session stats list for a realm without sessions', async () => {
    expect(await admin.getClientSessionsStats()).toEqual([]);
  });
});
