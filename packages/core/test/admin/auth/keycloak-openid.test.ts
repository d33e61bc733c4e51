import { KeycloakError, KeycloakOpenID, KeycloakOpenIDConnection } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { rejectionOf, useAdminServer } from '../support.js';

const kc = useAdminServer([{ realm: 'corp', enabled: true }]);

function connection(
  overrides: Partial<ConstructorParameters<typeof KeycloakOpenIDConnection>[0]> = {},
): KeycloakOpenIDConnection {
  return new KeycloakOpenIDConnection({
    serverUrl: kc.server.url,
    username: 'admin',
    password: 'admin',
    realmName: 'corp',
    userRealmName: 'master',
    ...overrides,
  });
}

describe('KeycloakOpenIDConnection.keycloakOpenid', () => {
  it('is not built after close, so no pool is left open behind it', async () => {
    const conn = connection();
    await conn.close();
    expect(() => conn.keycloakOpenid).toThrow(
      expect.objectContaining({ code: 'ERR_OPERATION', message: 'The connection is closed' }),
    );
  });

  it("is a KeycloakOpenID of the token realm and the connection's client, built once", async () => {
    const conn = connection();
    try {
      const openid = conn.keycloakOpenid;
      expect(openid).toBeInstanceOf(KeycloakOpenID);
      expect(openid.realmName).toBe('master');
      expect(openid.clientId).toBe('admin-cli');
      expect(conn.keycloakOpenid).toBe(openid);
    } finally {
      await conn.close();
    }
  });

  it("talks to the connection's server: it logs in with the admin's credentials and reads the realm's discovery", async () => {
    const conn = connection();
    try {
      const tokens = await conn.keycloakOpenid.token('admin', 'admin');
      expect(tokens).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
      await expect(conn.keycloakOpenid.wellKnown()).resolves.toMatchObject({
        issuer: `${kc.server.url}/realms/master`,
      });
    } finally {
      await conn.close();
    }
  });

  it('is not built, and calls nothing, until it is first read', async () => {
    kc.server.counters.reset();
    const conn = connection();
    await conn.close();
    expect(kc.server.counters.get('discovery')).toBe(0);
    expect(kc.server.counters.get('token')).toBe(0);
  });

  it('is closed with the connection', async () => {
    const conn = connection();
    const openid = conn.keycloakOpenid;
    await conn.close();
    const error = await rejectionOf(openid.wellKnown());
    expect(error).toBeInstanceOf(KeycloakError);
    expect(error).toMatchObject({ name: 'KeycloakOperationError', code: 'ERR_OPERATION' });
  });
});
