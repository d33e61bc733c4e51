import { KeycloakOpenID, type KeycloakAccessTokenClaims } from '@keycloak-ts/core';
import { startKeycloak, TestClock, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';
import { afterAll, beforeAll } from 'vitest';
import { umaRealm } from './realm.js';

/** The UMA suites' Keycloak (on a frozen clock the tests move) and the resource server's client. */
export interface UmaServer {
  kc: KeycloakTestServer;
  openid: KeycloakOpenID;
  /** A user's access token and its verified claims. */
  login(
    user: 'alice' | 'bob' | 'carol',
  ): Promise<{ token: string; claims: KeycloakAccessTokenClaims; refreshToken: string }>;
}

/** Starts the in-memory Keycloak with the UMA realm (or a variant of it) for the suite and stops it after. */
export function useUmaServer(realm: RealmRepresentation = umaRealm): UmaServer {
  const server = {} as UmaServer;
  beforeAll(async () => {
    server.kc = await startKeycloak({ realms: [realm], clock: new TestClock(undefined, true) });
    server.openid = new KeycloakOpenID({
      serverUrl: server.kc.url,
      realmName: 'uma',
      clientId: 'api',
      clientSecretKey: 'api-secret',
      now: () => server.kc.clock.now(),
    });
    server.login = async (user) => {
      const response = await server.openid.token(user, `${user}-pw`);
      const claims = await server.openid.decodeToken(response.access_token);
      return { token: response.access_token, claims, refreshToken: response.refresh_token ?? '' };
    };
  });
  afterAll(async () => {
    await server.openid.close();
    await server.kc.close();
  });
  return server;
}
