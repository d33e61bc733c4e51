import {
  KeycloakAdmin,
  KeycloakOpenID,
  KeycloakOpenIDConnection,
  PermissionChecker,
  RemoteKeySet,
  TokenIntrospector,
  TokenVerifier,
  type TokenVerifierOptions,
} from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';

// The guard builds these classes from options it checked once (through factories the package does not export);
// a user's object shaped like resolved options is still user input, checked by the public constructor.
const looksResolved = {
  rules: { issuers: ['http://kc/realms/a'], tokenTypes: new Set(['Bearer']) },
  algorithms: new Set(['HS256']),
  keySet: {},
  cache: { maxEntries: 1, maxAge: 1 },
  endpoint: 'http://kc/realms/a/protocol/openid-connect/token/introspect',
  jwksUri: 'not a url',
  openid: {},
  connection: { baseUrl: 'http://kc/' },
  now: () => 0,
} as unknown as TokenVerifierOptions;

describe('options shaped like resolved ones, given to a public constructor', () => {
  it.each([
    ['TokenVerifier', () => new TokenVerifier(looksResolved), '"rules" is not an option of TokenVerifier'],
    [
      'TokenIntrospector',
      () => new TokenIntrospector(looksResolved as never),
      '"rules" is not an option of TokenIntrospector',
    ],
    ['RemoteKeySet', () => new RemoteKeySet(looksResolved as never), '"rules" is not an option of RemoteKeySet'],
    [
      'PermissionChecker',
      () => new PermissionChecker(looksResolved as never),
      '"rules" is not an option of PermissionChecker',
    ],
    ['KeycloakOpenID', () => new KeycloakOpenID(looksResolved as never), '"rules" is not an option of KeycloakOpenID'],
    [
      'KeycloakOpenIDConnection',
      () => new KeycloakOpenIDConnection(looksResolved as never),
      '"rules" is not an option of the admin connection (KeycloakAdmin, KeycloakOpenIDConnection)',
    ],
    ['KeycloakAdmin', () => new KeycloakAdmin(looksResolved as never), 'connection must be a KeycloakOpenIDConnection'],
  ])('are checked as user input by %s', (_name, build, message) => {
    expect(build).toThrow(new TypeError(message));
  });
});
