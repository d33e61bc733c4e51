import { MemoryStore, TokenIntrospector, type TokenIntrospectorOptions } from '@keycloak-ts/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invalidTokenError } from './support/expect-invalid.js';
import { fakeClock, startRealmServer, type RealmServer } from './support/realm-server.js';
import { accessTokenClaims } from './support/tokens.js';

// TokenIntrospector at its edges: what it refuses before asking, the answers it cannot read, and what turning its
// cache off turns off with it.

let realm: RealmServer;
let clock: ReturnType<typeof fakeClock>;
const TOKEN = 'opaque-token-value-0123456789';

beforeEach(async () => {
  realm = await startRealmServer([]);
  clock = fakeClock();
  realm.introspect = () => ({ ...accessTokenClaims(realm.issuer, clock.time), active: true });
});
afterEach(() => realm.close());

const introspector = (options: Partial<TokenIntrospectorOptions> = {}) =>
  new TokenIntrospector({ issuer: realm.issuer, clientId: 'api', clientSecret: 's', now: clock.now, ...options });

describe('TokenIntrospector edges', () => {
  it('refuses an empty or non-string token, and one over maxTokenSize, without asking', async () => {
    const checker = introspector({ maxTokenSize: TOKEN.length });
    for (const token of ['', 42, undefined])
      expect((await invalidTokenError(checker.introspect(token as string))).reason).toBe('malformed');
    expect((await invalidTokenError(checker.introspect(`${TOKEN}x`))).reason).toBe('malformed');
    expect(realm.introspections).toBe(0);
    await expect(checker.introspect(TOKEN)).resolves.toBeDefined();
    expect(realm.introspections).toBe(1);
  });

  it.each([['null'], ['a list'], ['a string']])('refuses an answer that is %s as keycloak_error', async (kind) => {
    realm.introspect = () => ({ null: null, 'a list': [], 'a string': 'active' })[kind] as never;
    expect((await invalidTokenError(introspector().introspect(TOKEN))).reason).toBe('keycloak_error');
  });

  it('with its cache off asks every time, holds nothing, forgets without failing, and shares nothing', async () => {
    const store = new MemoryStore();
    let reads = 0;
    const get = store.get.bind(store);
    store.get = (key) => {
      reads++;
      return get(key);
    };
    const checker = introspector({ cache: false, store });
    await checker.introspect(TOKEN);
    await checker.introspect(TOKEN);
    expect(realm.introspections).toBe(2);
    expect(checker.stats.cachedTokens).toBe(0);
    expect(() => checker.forget(TOKEN)).not.toThrow();
    expect(reads).toBe(0);
  });

  it('checks the issuer of an answer that names one, and not of one that does not', async () => {
    realm.introspect = () => ({
      ...accessTokenClaims(realm.issuer, clock.time),
      iss: 'https://elsewhere',
      active: true,
    });
    expect((await invalidTokenError(introspector().introspect(TOKEN))).reason).toBe('issuer_mismatch');
    const { iss: _iss, ...claims } = accessTokenClaims(realm.issuer, clock.time);
    realm.introspect = () => ({ ...claims, active: true });
    await expect(introspector().introspect(TOKEN)).resolves.toBeDefined();
  });

  it("stops waiting at the caller's signal, leaving the answer to others", async () => {
    const checker = introspector();
    const controller = new AbortController();
    controller.abort();
    expect((await invalidTokenError(checker.introspect(TOKEN, { signal: controller.signal }))).reason).toMatch(
      /^keycloak_(unreachable|error)$/,
    );
  });

  it('takes an answer without iat (introspection answers may omit it), and asks the endpoint it is given', async () => {
    const { iat: _iat, ...claims } = accessTokenClaims(realm.issuer, clock.time);
    realm.introspect = () => ({ ...claims, active: true });
    await expect(introspector().introspect(TOKEN)).resolves.toBeDefined();
    const elsewhere = introspector({ introspectionEndpoint: `${realm.issuer}/nowhere` });
    expect((await invalidTokenError(elsewhere.introspect(TOKEN))).reason).toBe('keycloak_error');
  });

  it('refuses options that are not an object, and an empty client id or secret', () => {
    expect(() => new TokenIntrospector(null as never)).toThrow('TokenIntrospector options must be an object');
    expect(() => introspector({ clientId: '' })).toThrow('"clientId" must be a non-empty string');
    expect(() => introspector({ clientSecret: 42 as never })).toThrow('"clientSecret" must be a non-empty string');
  });
});
