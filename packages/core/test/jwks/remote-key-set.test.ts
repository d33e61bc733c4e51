import { RemoteKeySet, TokenVerifier } from '@keycloak-ts/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invalidTokenError, reasonOf } from '../token/support/expect-invalid.js';
import { generateTestKey, type TestKey } from '../token/support/keys.js';
import { fakeClock, startRealmServer, type RealmServer } from '../token/support/realm-server.js';
import { signAccessToken } from '../token/support/tokens.js';

const key: TestKey = generateTestKey('RS256');
const rotated: TestKey = generateTestKey('RS256');
let realm: RealmServer;
let clock: ReturnType<typeof fakeClock>;

beforeEach(async () => {
  realm = await startRealmServer([key]);
  clock = fakeClock();
});
afterEach(() => realm.close());

function verifier(jwks: ConstructorParameters<typeof TokenVerifier>[0]['jwks'] = {}): TokenVerifier {
  return new TokenVerifier({ issuer: realm.issuer, now: clock.now, tokenCache: false, jwks });
}

function tokenBy(signer: TestKey): string {
  return signAccessToken(signer, realm.issuer, clock.time, {
    iat: Math.floor(clock.time / 1000),
    exp: Math.floor(clock.time / 1000) + 7200,
  });
}

describe('RemoteKeySet', () => {
  it('fetches the JWKS once for many verifications', async () => {
    const v = verifier();
    const token = tokenBy(key);
    for (let i = 0; i < 10; i++) await v.verify(token);
    expect(realm.jwksFetches).toBe(1);
  });

  it('fetches once for 100 concurrent verifications with a cold cache', async () => {
    const v = verifier();
    const token = tokenBy(key);
    const results = await Promise.all(Array.from({ length: 100 }, () => v.verify(token)));
    expect(results).toHaveLength(100);
    expect(realm.jwksFetches).toBe(1);
  });

  it('refetches after cacheMaxAge', async () => {
    const v = verifier({ cacheMaxAge: 60_000 });
    const token = tokenBy(key);
    await v.verify(token);
    clock.advance(59_999);
    await v.verify(token);
    expect(realm.jwksFetches).toBe(1);
    clock.advance(1);
    await v.verify(token);
    expect(realm.jwksFetches).toBe(2);
  });

  it('refetches for an unknown kid at most once per cooldown, then finds a rotated key', async () => {
    const v = verifier({ cooldownDuration: 30_000 });
    await v.verify(tokenBy(key));
    const fresh = tokenBy(rotated);
    // Within the cooldown of the first fetch: no refetch, the kid stays unknown.
    expect(await reasonOf(v.verify(fresh))).toBe('unknown_kid');
    expect(realm.jwksFetches).toBe(1);
    realm.keys = [key, rotated];
    clock.advance(30_000);
    await expect(v.verify(fresh)).resolves.toBeDefined();
    expect(realm.jwksFetches).toBe(2);
    const bogus = signAccessToken(generateTestKey('RS256', 'bogus'), realm.issuer, clock.time);
    for (let i = 0; i < 5; i++) expect(await reasonOf(v.verify(bogus))).toBe('unknown_kid');
    expect(realm.jwksFetches).toBe(2);
  });

  it('ignores encryption keys and keys of unknown types', async () => {
    const encOnly = generateTestKey('RS256');
    realm.keys = [];
    realm.extraJwks = [
      { ...encOnly.jwk, use: 'enc', alg: 'RSA-OAEP' },
      { kty: 'oct', kid: 'hmac', k: 'c2VjcmV0', alg: 'HS256' },
    ];
    const set = new RemoteKeySet({ jwksUri: realm.jwksUri, now: clock.now });
    expect(await reasonOf(set.getKey({ alg: 'RS256', kid: encOnly.kid }))).toBe('unknown_kid');
    expect(await reasonOf(set.getKey({ alg: 'RS256', kid: 'hmac' }))).toBe('unknown_kid');
  });

  it('picks the only key of the alg when the token has no kid, and refuses to guess among several', async () => {
    const set = new RemoteKeySet({ jwksUri: realm.jwksUri, now: clock.now });
    await expect(set.getKey({ alg: 'RS256' })).resolves.toBeDefined();
    realm.keys = [key, rotated];
    await set.reload();
    expect(await reasonOf(set.getKey({ alg: 'RS256' }))).toBe('unknown_kid');
  });

  it('can be shared by two verifiers of the same realm', async () => {
    const set = new RemoteKeySet({ jwksUri: realm.jwksUri, now: clock.now });
    const a = new TokenVerifier({ issuer: realm.issuer, jwks: set, now: clock.now, audience: 'account' });
    const b = new TokenVerifier({ issuer: realm.issuer, jwks: set, now: clock.now });
    await a.verify(tokenBy(key));
    await b.verify(tokenBy(key));
    expect(a.keySet).toBe(b.keySet);
    expect(realm.jwksFetches).toBe(1);
  });

  describe('when Keycloak is down', () => {
    it('keeps verifying with cached keys while they are fresh', async () => {
      const v = verifier();
      const token = tokenBy(key);
      await v.verify(token);
      realm.mode = 'reset';
      await expect(v.verify(token)).resolves.toBeDefined();
    });

    it('reports keycloak_unreachable for an unknown kid it cannot refetch', async () => {
      const v = verifier();
      await v.verify(tokenBy(key));
      realm.mode = 'reset';
      clock.advance(30_000);
      expect(await reasonOf(v.verify(tokenBy(rotated)))).toBe('keycloak_unreachable');
    });

    it('reports keycloak_error when the JWKS endpoint answers 500 on a cold cache', async () => {
      realm.mode = 'error';
      const error = await invalidTokenError(verifier().verify(tokenBy(key)));
      expect(error.reason).toBe('keycloak_error');
      expect(error.status).toBe(500);
      expect(error.isUpstreamFailure).toBe(true);
    });

    it('gives up after timeoutDuration when the server never answers', async () => {
      realm.mode = 'hang';
      const error = await invalidTokenError(verifier({ timeoutDuration: 50 }).verify(tokenBy(key)));
      expect(error.reason).toBe('keycloak_unreachable');
      expect(error.message).toContain('timed out');
    });

    it('stops waiting when the caller aborts, without cancelling the shared fetch', async () => {
      realm.mode = 'hang';
      const v = verifier({ timeoutDuration: 200 });
      const controller = new AbortController();
      const waiting = v.verify(tokenBy(key), { signal: controller.signal });
      controller.abort();
      expect(await reasonOf(waiting)).toBe('keycloak_unreachable');
    });

    it('serves stale keys for staleIfErrorDuration past cacheMaxAge, then reports unreachable', async () => {
      const v = verifier({ cacheMaxAge: 600_000, staleIfErrorDuration: 3_600_000, cooldownDuration: 30_000 });
      const token = signAccessToken(key, realm.issuer, clock.time, { exp: Math.floor(clock.time / 1000) + 86_400 });
      await v.verify(token);
      realm.mode = 'error';
      clock.advance(600_000);
      await expect(v.verify(token)).resolves.toBeDefined();
      expect(realm.jwksFetches).toBe(2);
      // Within the cooldown after a failed attempt, stale keys serve without another request.
      await expect(v.verify(token)).resolves.toBeDefined();
      expect(realm.jwksFetches).toBe(2);
      clock.advance(3_600_000 - 1);
      await expect(v.verify(token)).resolves.toBeDefined();
      clock.advance(1);
      expect(await reasonOf(v.verify(token))).toBe('keycloak_error');
      realm.mode = 'ok';
      clock.advance(30_000);
      await expect(v.verify(token)).resolves.toBeDefined();
    });
  });

  it('validates its options, and says which URL it fetches', () => {
    expect(new RemoteKeySet({ jwksUri: realm.jwksUri }).jwksUri).toBe(realm.jwksUri);
    expect(() => new RemoteKeySet({ jwksUri: 'nope' })).toThrow('"jwksUri"');
    expect(() => new RemoteKeySet({ jwksUri: realm.jwksUri, staleIfErrorDuration: -5 })).toThrow(
      '"staleIfErrorDuration"',
    );
    expect(() => new RemoteKeySet({ jwksUri: realm.jwksUri, now: 5 as unknown as () => number })).toThrow('"now"');
  });
});
