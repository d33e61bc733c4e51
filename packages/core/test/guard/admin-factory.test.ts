import { describe, expect, it } from 'vitest';
import { adminFactory, type AdminContext } from '../../src/guard/admin.js';

// The admin client a guard hands out (`req.keycloak.admin`): which credentials it is built from, and the
// TypeErrors a bad `admin` option gets at construction.

const CONTEXT: AdminContext = {
  serverUrl: 'http://127.0.0.1:1/',
  realm: 'shop',
  clientId: 'orders-api',
  clientSecret: 'orders-secret',
  dispatcher: undefined,
};

describe('adminFactory', () => {
  it("defaults to the guard client's service account on the guarded realm", () => {
    const admin = adminFactory(CONTEXT, undefined)?.();
    expect(admin?.connection.clientId).toBe('orders-api');
    expect(admin?.connection.realmName).toBe('shop');
  });

  it('uses admin-cli for an admin user unless a client is named', () => {
    const user = { username: 'root', password: 'pw', userRealmName: 'master' };
    expect(adminFactory(CONTEXT, user)?.().connection.clientId).toBe('admin-cli');
    expect(adminFactory(CONTEXT, { ...user, clientId: 'ops-cli' })?.().connection.clientId).toBe('ops-cli');
  });

  it('has no admin client with admin: false, without a fixed realm, or without a secret', () => {
    expect(adminFactory(CONTEXT, false)).toBeUndefined();
    expect(adminFactory({ ...CONTEXT, realm: undefined }, undefined)).toBeUndefined();
    expect(adminFactory({ ...CONTEXT, clientSecret: undefined }, undefined)).toBeUndefined();
  });

  it.each([
    ['a string', 'yes'],
    ['null', null],
    ['a number', 1],
  ])('refuses %s as the admin option', (_name, value) => {
    expect(() => adminFactory(CONTEXT, value as never)).toThrow(new TypeError('"admin" must be an object or false'));
  });

  it('names an unknown admin option, and keeps the cause of a credential the connection refuses', () => {
    expect(() => adminFactory(CONTEXT, { user: 'root' } as never)).toThrow(
      new TypeError('"admin.user" is not an option of the Keycloak guard'),
    );
    let caught: unknown;
    try {
      adminFactory(CONTEXT, { clientId: 42 } as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TypeError);
    expect((caught as Error).message).toMatch(/^"admin": /);
    expect((caught as Error).cause).toBeInstanceOf(TypeError);
  });
});
