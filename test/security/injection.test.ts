import { KeycloakAdmin, KeycloakError, KeycloakOpenID } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingProxy, type RecordingProxy } from './support/recording-proxy.js';

// Values from users reach Keycloak only where they were meant to: a header value cannot add a
// header, a path value cannot climb to another admin resource, a query value cannot add parameters.
// A recording proxy shows exactly what went on the wire; the server's state shows what it did.

const ADMIN_PASSWORD = 'admin-password';

let kc: KeycloakTestServer;
let proxy: RecordingProxy;
let admin: KeycloakAdmin;
let bobId: string;

beforeAll(async () => {
  kc = await startKeycloak({
    bootstrapAdmin: { username: 'admin', password: ADMIN_PASSWORD },
    realms: [
      {
        realm: 'shop',
        enabled: true,
        users: [
          { username: 'alice', enabled: true },
          { username: 'bob', enabled: true },
        ],
        groups: [{ name: 'staff' }],
        clients: [{ clientId: 'web', publicClient: true, directAccessGrantsEnabled: true }],
      },
    ],
  });
  proxy = await startRecordingProxy(kc.url);
  admin = new KeycloakAdmin({
    serverUrl: proxy.url,
    username: 'admin',
    password: ADMIN_PASSWORD,
    realmName: 'shop',
    userRealmName: 'master',
    maxRetries: 0,
  });
  bobId = (await admin.getUsers({ username: 'bob', exact: true }))[0]?.id as string;
});
afterAll(async () => {
  await admin?.connection.close();
  await proxy?.close();
  await kc?.close();
});

/** Runs `call` and returns the request lines it put on the wire (the admin token fetch excluded). */
async function wire(call: () => Promise<unknown>): Promise<{ sent: string[]; outcome: unknown }> {
  const start = proxy.requests.length;
  const outcome = await call().then(
    (value) => value,
    (error: unknown) => error,
  );
  return {
    sent: proxy.requests.slice(start).filter((line) => !line.includes('/protocol/openid-connect/token')),
    outcome,
  };
}

describe('header injection', () => {
  const CRLF_VALUES = [
    'a\r\nX-Injected: 1',
    'a\nX-Injected: 1',
    'a\rb',
    'a\u0000b',
    'secret-value\r\n\r\nGET /admin HTTP/1.1',
  ];

  it.each(CRLF_VALUES)('refuses customHeaders value %j at construction with a TypeError naming no value', (value) => {
    for (const make of [
      () =>
        new KeycloakAdmin({
          serverUrl: proxy.url,
          username: 'admin',
          password: ADMIN_PASSWORD,
          customHeaders: { 'x-tenant': value },
        }),
      () =>
        new KeycloakOpenID({
          serverUrl: proxy.url,
          realmName: 'shop',
          clientId: 'web',
          customHeaders: { 'x-tenant': value },
        }),
    ]) {
      let thrown: unknown;
      try {
        make();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect((thrown as Error).message).toMatch(/without control characters/);
      expect((thrown as Error).message).not.toContain(value);
      expect((thrown as Error).message).not.toContain('secret-value');
    }
  });

  it.each(['x-a\r\nx-b', 'x a', 'x:a', '', 'x-é'])('refuses the header name %j', (name) => {
    expect(
      () =>
        new KeycloakOpenID({
          serverUrl: proxy.url,
          realmName: 'shop',
          clientId: 'web',
          customHeaders: { [name]: 'v' },
        }),
    ).toThrow(TypeError);
    expect(() => admin.connection.http.addParamHeaders(name, 'v')).toThrow(
      new TypeError(`addParamHeaders: invalid header name ${JSON.stringify(name)}`),
    );
  });

  it('refuses a CR/LF value added later with addParamHeaders, and sends nothing of it', async () => {
    expect(() => admin.connection.http.addParamHeaders('x-tenant', 'a\r\nX-Injected: 1')).toThrow(
      new TypeError('addParamHeaders(x-tenant) must be a string without control characters'),
    );
    const { sent } = await wire(() => admin.getUser(bobId));
    expect(sent).toEqual([`GET /admin/realms/shop/users/${bobId}`]);
    expect(proxy.rawHeaders.at(-1)?.map((name) => name.toLowerCase())).not.toContain('x-injected');
  });

  it('refuses a CR/LF value in a per-call header of a raw call before anything is sent', async () => {
    const { sent, outcome } = await wire(() =>
      admin.connection.rawGet(`admin/realms/shop/users/${bobId}`, undefined, {
        headers: { 'x-tenant': 'a\r\nX-Injected: 1' },
      }),
    );
    expect(sent).toEqual([]);
    expect(outcome).toBeInstanceOf(TypeError);
    expect((outcome as Error).message).toMatch(/without control characters$/);
  });
});

describe('path injection', () => {
  it.each(['', '.', '..'])('refuses the user id %j with ERR_OPERATION before any request', async (id) => {
    const { sent, outcome } = await wire(() => admin.getUser(id));
    expect(sent).toEqual([]);
    expect(outcome).toMatchObject({ name: 'KeycloakOperationError', code: 'ERR_OPERATION' });
  });

  it.each([
    ['../users', '..%2Fusers'],
    ['../../master/users', '..%2F..%2Fmaster%2Fusers'],
    ['%2e%2e', '%252e%252e'],
    ['a%2fb', 'a%252fb'],
    ['?max=100', '%3Fmax%3D100'],
    ['#fragment', '%23fragment'],
    ['x/../../groups', 'x%2F..%2F..%2Fgroups'],
    ['..;/users', '..%3B%2Fusers'],
    ['\\..\\users', '%5C..%5Cusers'],
  ])('sends the user id %j as one encoded segment (%s) and gets a 404, not another resource', async (id, encoded) => {
    const { sent, outcome } = await wire(() => admin.getUser(id));
    expect(sent).toEqual([`GET /admin/realms/shop/users/${encoded}`]);
    expect(outcome).toBeInstanceOf(KeycloakError);
    expect(outcome).toMatchObject({ status: 404, code: 'ERR_HTTP' });
  });

  it('cannot delete bob through a dot-dot id, a trailing slash or a query', async () => {
    for (const id of [`../users/${bobId}`, `${bobId}/`, `${bobId}?`, `${bobId}#`, `x/../${bobId}`]) {
      const { sent, outcome } = await wire(() => admin.deleteUser(id));
      expect(sent).toEqual([`DELETE /admin/realms/shop/users/${encodeURIComponent(id)}`]);
      expect(outcome).toMatchObject({ status: 404 });
    }
    expect((await admin.getUser(bobId)).username).toBe('bob');
  });

  it('encodes a realm name given to the admin client as one segment', async () => {
    const sneaky = new KeycloakAdmin({
      serverUrl: proxy.url,
      username: 'admin',
      password: ADMIN_PASSWORD,
      realmName: 'shop/../master',
      userRealmName: 'master',
      maxRetries: 0,
    });
    const { sent, outcome } = await wire(() => sneaky.getUsers({ max: 1 }));
    expect(sent).toEqual(['GET /admin/realms/shop%2F..%2Fmaster/users?max=1']);
    expect(outcome).toMatchObject({ status: 404 });
  });
});

describe('query injection', () => {
  it('encodes a search value so it cannot add parameters', async () => {
    const { sent, outcome } = await wire(() => admin.getUsers({ search: 'a&max=1000&briefRepresentation=false#x' }));
    expect(sent).toEqual([
      'GET /admin/realms/shop/users?search=a%26max%3D1000%26briefRepresentation%3Dfalse%23x&first=0&max=100',
    ]);
    expect(outcome).toEqual([]);
  });

  it("encodes keys and values of a raw query, and drops none of the user's text into the path", async () => {
    const { sent } = await wire(() =>
      admin.connection.rawGet('admin/realms/shop/users', { 'username&exact': 'true', username: 'bob\r\nX: 1' }),
    );
    expect(sent).toEqual(['GET /admin/realms/shop/users?username%26exact=true&username=bob%0D%0AX%3A%201']);
  });
});
