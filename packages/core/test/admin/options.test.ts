import { KeycloakAdmin, KeycloakOpenIDConnection } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';

const serverUrl = 'http://127.0.0.1:1/';

describe('KeycloakAdmin options', () => {
  it('defaults to realm master and client admin-cli, as python-keycloak', () => {
    const admin = new KeycloakAdmin({ serverUrl, username: 'admin', password: 'admin' });
    expect(admin.getCurrentRealm()).toBe('master');
    expect(admin.connection.clientId).toBe('admin-cli');
    expect(admin.connection.tokenRealmName).toBe('master');
  });

  it('requests the token from userRealmName while acting on realmName', () => {
    const admin = new KeycloakAdmin({
      serverUrl,
      username: 'admin',
      password: 'admin',
      realmName: 'demo',
      userRealmName: 'master',
    });
    expect(admin.getCurrentRealm()).toBe('demo');
    expect(admin.connection.tokenRealmName).toBe('master');
  });

  it.each([
    [{ serverUrl }, 'username and password, clientSecretKey, or token must be given'],
    [{ serverUrl: 'ftp://x', username: 'a', password: 'b' }, 'serverUrl'],
    [{ serverUrl: 'not a url', username: 'a', password: 'b' }, 'serverUrl'],
    [{ serverUrl, username: 'a', password: 'b', realmName: '' }, 'realmName'],
    [{ serverUrl, username: 'a', password: 'b', clientId: 42 }, 'clientId'],
    [{ serverUrl, token: '' }, 'token'],
    [{ serverUrl, token: { refresh_token: 'x' } }, 'token'],
    [{ serverUrl, grantType: 'password', clientSecretKey: 's' }, 'grantType'],
    [{ serverUrl, grantType: 'implicit', username: 'a', password: 'b' }, 'grantType'],
    [{ serverUrl, username: 'a', password: 'b', refreshMarginMs: -1 }, 'refreshMarginMs'],
    [{ serverUrl, username: 'a', password: 'b', now: 5 }, 'now'],
    [{ serverUrl, username: 'a', password: 'b', timeout: 0 }, 'timeout'],
    [{ serverUrl, username: 'a', password: 'b', cert: ['only-one'] }, 'cert'],
  ])('refuses %j with a TypeError naming the option', (options, name) => {
    expect(() => new KeycloakAdmin(options as never)).toThrow(TypeError);
    expect(() => new KeycloakAdmin(options as never)).toThrow(name);
  });

  it('uses a given connection, and refuses other options next to it', async () => {
    const connection = new KeycloakOpenIDConnection({
      serverUrl,
      clientSecretKey: 'secret',
      clientId: 'svc',
      realmName: 'ops',
    });
    const admin = new KeycloakAdmin({ connection });
    expect(admin.connection).toBe(connection);
    expect(admin.getCurrentRealm()).toBe('ops');
    expect(() => new KeycloakAdmin({ connection, realmName: 'x' } as never)).toThrow(
      'connection cannot be combined with realmName',
    );
    expect(() => new KeycloakAdmin({ connection: {} } as never)).toThrow(
      'connection must be a KeycloakOpenIDConnection',
    );
    await connection.close();
  });

  it('picks client credentials when only a secret is given, password when a user is', () => {
    expect(() => new KeycloakOpenIDConnection({ serverUrl, clientSecretKey: 's' })).not.toThrow();
    expect(() => new KeycloakOpenIDConnection({ serverUrl, grantType: 'client_credentials' })).toThrow(
      'clientSecretKey',
    );
  });

  it('declares each admin method as an ordinary member of its area class', () => {
    const owner = (name: string): string | undefined => {
      for (
        let proto: object | null = KeycloakAdmin.prototype;
        proto !== null;
        proto = Object.getPrototypeOf(proto) as object | null
      ) {
        if (Object.hasOwn(proto, name)) return (proto as { constructor: { name: string } }).constructor.name;
      }
      return undefined;
    };
    expect([
      owner('getRealms'),
      owner('getUsers'),
      owner('assignRealmRoles'),
      owner('assignRealmRolesToClientScope'),
    ]).toEqual(['RealmsArea', 'UsersArea', 'RoleMappingsArea', 'ScopeMappingsArea']);
    expect(Object.keys(KeycloakAdmin.prototype)).toEqual([]);
  });

  it('refuses a method taken off its KeycloakAdmin without sending anything', async () => {
    const admin = new KeycloakAdmin({ serverUrl, username: 'a', password: 'b' });
    const { getRealms } = admin;
    await expect(getRealms.call({})).rejects.toBeInstanceOf(TypeError);
  });
});
