import KcAdminClient from '@keycloak/keycloak-admin-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';

let server: KeycloakTestServer;
let admin: KcAdminClient;

beforeAll(async () => {
  server = await startKeycloak();
  admin = new KcAdminClient({ baseUrl: server.url, realmName: 'master' });
  await admin.auth({ username: 'admin', password: 'admin', grantType: 'password', clientId: 'admin-cli' });
});
afterAll(() => server.close());

describe('@keycloak/keycloak-admin-client against the test server', () => {
  it('lists, creates, reads, updates and deletes realms', async () => {
    expect((await admin.realms.find()).map((r) => r.realm)).toEqual(['master']);
    expect(await admin.realms.create({ realm: 'conformance', enabled: true, displayName: 'Conformance' })).toEqual({
      realmName: 'conformance',
    });
    await expect(admin.realms.create({ realm: 'conformance' })).rejects.toMatchObject({
      response: { status: 409 },
      responseData: { errorMessage: 'Realm conformance already exists' },
    });
    expect(await admin.realms.findOne({ realm: 'conformance' })).toMatchObject({
      realm: 'conformance',
      displayName: 'Conformance',
      enabled: true,
    });
    await admin.realms.update({ realm: 'conformance' }, { displayName: 'Renamed display', registrationAllowed: true });
    expect(await admin.realms.findOne({ realm: 'conformance' })).toMatchObject({
      displayName: 'Renamed display',
      registrationAllowed: true,
    });
    expect((await admin.realms.find({ briefRepresentation: true })).map((r) => r.realm)).toEqual([
      'master',
      'conformance',
    ]);
    await admin.realms.del({ realm: 'conformance' });
    expect(await admin.realms.findOne({ realm: 'conformance' })).toBeNull();
  });

  it('creates, finds, counts, updates, resets and deletes users', async () => {
    await admin.realms.create({ realm: 'people', enabled: true });
    admin.setConfig({ realmName: 'people' });
    try {
      // Keycloak 26 keeps attributes the user profile does not declare only under an unmanaged-attribute policy.
      await admin.users.updateProfile({
        ...(await admin.users.getProfile()),
        unmanagedAttributePolicy: 'ENABLED' as never,
      });
      const { id } = await admin.users.create({
        username: 'Jane',
        email: 'jane@example.com',
        firstName: 'Jane',
        enabled: true,
        attributes: { dept: ['ops'] },
      });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      await admin.users.create({ username: 'john', enabled: true });
      await expect(admin.users.create({ username: 'jane' })).rejects.toMatchObject({
        response: { status: 409 },
        responseData: { errorMessage: 'User exists with same username' },
      });

      expect((await admin.users.find({ search: 'ja' })).map((u) => u.username)).toEqual(['jane']);
      expect((await admin.users.find({ q: 'dept:ops' })).map((u) => u.username)).toEqual(['jane']);
      expect((await admin.users.find({ first: 0, max: 1 })).map((u) => u.username)).toEqual(['jane']);
      expect(await admin.users.count()).toBe(2);
      expect(await admin.users.count({ search: 'jo' })).toBe(1);

      await admin.users.update({ id }, { lastName: 'Doe' });
      expect(await admin.users.findOne({ id })).toMatchObject({
        username: 'jane',
        firstName: 'Jane',
        lastName: 'Doe',
        email: 'jane@example.com',
        attributes: { dept: ['ops'] },
      });

      await admin.users.resetPassword({ id, credential: { type: 'password', value: 'n3w-pass', temporary: true } });
      expect((await admin.users.findOne({ id }))?.requiredActions).toEqual(['UPDATE_PASSWORD']);

      await admin.users.del({ id });
      expect(await admin.users.findOne({ id })).toBeNull();
      expect(await admin.users.count()).toBe(1);
    } finally {
      admin.setConfig({ realmName: 'master' });
      await admin.realms.del({ realm: 'people' });
    }
  });

  it('sees the server refuse a caller without admin roles', async () => {
    await admin.realms.create({ realm: 'locked', enabled: true });
    admin.setConfig({ realmName: 'locked' });
    await admin.users.create({
      username: 'plain',
      enabled: true,
      credentials: [{ type: 'password', value: 'pw', temporary: false }],
    });
    admin.setConfig({ realmName: 'master' });
    const plain = new KcAdminClient({ baseUrl: server.url, realmName: 'locked' });
    await plain.auth({ username: 'plain', password: 'pw', grantType: 'password', clientId: 'admin-cli' });
    await expect(plain.users.find()).rejects.toMatchObject({
      response: { status: 403 },
      responseData: { error: 'HTTP 403 Forbidden' },
    });
    await admin.realms.del({ realm: 'locked' });
  });
});
