import {
  KeycloakAdmin,
  KeycloakGuard,
  KeycloakOpenID,
  MemoryStore,
  RemoteKeySet,
  TieredStore,
  TokenIntrospector,
  TokenVerifier,
} from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { knownOptions } from '../../src/shared/options.js';

// A misspelt option would leave its default in force without a word (plain JavaScript has no excess-property
// check): every constructor that takes options refuses a key it does not know, naming the nearest one it does.

const KNOWN = { audience: true, cache: true, clockToleranceDuration: true } as const;

describe('knownOptions', () => {
  it('lets known keys through, whatever their values', () => {
    expect(() => knownOptions('X', { audience: undefined, cache: false }, KNOWN)).not.toThrow();
    expect(() => knownOptions('X', {}, KNOWN)).not.toThrow();
  });

  it.each([
    ['audiance', '"audiance" is not an option of X (did you mean "audience"?)'],
    ['Cache', '"Cache" is not an option of X (did you mean "cache"?)'],
    ['clockTolerance', '"clockTolerance" is not an option of X'],
    ['tokenCache', '"tokenCache" is not an option of X'],
    ['aud', '"aud" is not an option of X'],
  ])('refuses %j, suggesting a known key only when it is a likely typo', (key, message) => {
    expect(() => knownOptions('X', { [key]: 1 }, KNOWN)).toThrow(new TypeError(message));
  });

  it('names a nested key with its path', () => {
    expect(() => knownOptions('the Keycloak guard', { requird: true }, { required: true }, 'dpop.')).toThrow(
      new TypeError('"dpop.requird" is not an option of the Keycloak guard (did you mean "dpop.required"?)'),
    );
  });
});

describe('constructors refuse an unknown option', () => {
  const guard = (extra: object) => () =>
    new KeycloakGuard(
      { serverUrl: 'http://kc', realm: 'shop', clientId: 'api', ...extra },
      { rawHeaders: () => [], query: () => undefined },
    );

  it.each([
    ['KeycloakGuard', guard({ verifyAudience: true }), '"verifyAudience" is not an option of the Keycloak guard'],
    [
      'KeycloakGuard dpop',
      guard({ dpop: { requried: true } }),
      '"dpop.requried" is not an option of the Keycloak guard (did you mean "dpop.required"?)',
    ],
    [
      'KeycloakGuard revocation',
      guard({ revocation: { paths: '/' } }),
      '"revocation.paths" is not an option of the Keycloak guard (did you mean "revocation.path"?)',
    ],
    [
      'KeycloakGuard authorization',
      guard({ authorization: { cacheMaxage: 1 } }),
      '"authorization.cacheMaxage" is not an option of the Keycloak guard (did you mean "authorization.cacheMaxAge"?)',
    ],
    [
      'TokenVerifier',
      () => new TokenVerifier({ issuer: 'http://kc/realms/a', audiance: 'api' } as never),
      '"audiance" is not an option of TokenVerifier (did you mean "audience"?)',
    ],
    [
      'TokenIntrospector',
      () =>
        new TokenIntrospector({
          issuer: 'http://kc/realms/a',
          clientId: 'api',
          clientSecret: 's',
          tokenCache: false,
        } as never),
      '"tokenCache" is not an option of TokenIntrospector',
    ],
    [
      'RemoteKeySet',
      () => new RemoteKeySet({ jwksUri: 'http://kc/certs', cacheMaxAgee: 1 } as never),
      '"cacheMaxAgee" is not an option of RemoteKeySet (did you mean "cacheMaxAge"?)',
    ],
    [
      'KeycloakOpenID',
      () => new KeycloakOpenID({ serverUrl: 'http://kc', realmName: 'a', clientId: 'c', realm: 'a' } as never),
      '"realm" is not an option of KeycloakOpenID',
    ],
    [
      'KeycloakAdmin',
      () => new KeycloakAdmin({ serverUrl: 'http://kc', usrname: 'admin', password: 'p' } as never),
      '"usrname" is not an option of the admin connection (KeycloakAdmin, KeycloakOpenIDConnection) (did you mean "username"?)',
    ],
    [
      'MemoryStore',
      () => new MemoryStore({ maxentries: 5 } as never),
      '"maxentries" is not an option of MemoryStore (did you mean "maxEntries"?)',
    ],
    [
      'TieredStore',
      () => new TieredStore({ shared: new MemoryStore(), localMaxAge: 1, operationTimeOut: 5 } as never),
      '"operationTimeOut" is not an option of TieredStore (did you mean "operationTimeout"?)',
    ],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(new TypeError(message));
  });
});
