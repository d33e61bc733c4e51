import { KeycloakGuard, type KeycloakGuardError, TokenVerifier, type RequestSource } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKey, type TestKey } from '../../packages/core/test/token/support/keys.js';
import { fakeClock } from '../../packages/core/test/token/support/realm-server.js';
import { signAccessToken } from '../../packages/core/test/token/support/tokens.js';
import { startJwksServer, type JwksServer } from './support/jwks-server.js';

// Floods of distinct tokens must not grow memory: the verified-token cache stays at its bound, bad
// tokens are never stored (so they cannot evict good ones), and a realm resolver keeps at most
// `maxRealms` realms. Read through the guard's inline check, which answers a cached token
// synchronously and anything else with a promise, and through the verifier's stats. ES256 keeps
// signing 5,000 tokens cheap; the JWKS comes over real HTTP.

interface FakeRequest {
  rawHeaders: string[];
}
const source: RequestSource<FakeRequest> = { rawHeaders: (request) => request.rawHeaders, query: () => undefined };
const withToken = (token: string, realm = 'test'): FakeRequest => ({
  rawHeaders: ['Authorization', `Bearer ${token}`, 'X-Realm', realm],
});

const GUARD_TOKEN_CACHE = 1_000; // the verifier's default maxEntries, which the guard keeps

describe('bounded caches under floods of distinct tokens', () => {
  const clock = fakeClock();
  let key: TestKey;
  let jwks: JwksServer;
  let valid: string[];

  beforeAll(async () => {
    key = generateTestKey('ES256');
    jwks = await startJwksServer([key.jwk]);
    valid = Array.from({ length: 5_000 }, (_, i) =>
      signAccessToken(key, jwks.issuer, clock.time, { jti: `flood-${i}`, sub: `user-${i}` }),
    );
  });
  afterAll(() => jwks?.close());

  const badTokens = (count: number): string[] =>
    Array.from({ length: count }, (_, i) => {
      if (i % 2 === 0) return `garbage.${i}.token`;
      const [header, payload] = (valid[i % valid.length] as string).split('.');
      const signature = Buffer.alloc(64, 7);
      signature.writeUInt32BE(i); // a distinct bad signature of ES256's length
      return `${header}.${payload}.${signature.toString('base64url')}`;
    });

  it("keeps the guard's verified-token cache at 1,000 entries after 5,000 valid and 10,000 bad tokens", async () => {
    const guard = new KeycloakGuard<FakeRequest>(
      { serverUrl: jwks.serverUrl, realm: 'test', clientId: 'my-app', algorithms: ['ES256'], now: clock.now },
      source,
    );
    const check = guard.protectInline();
    for (const token of valid) await check(withToken(token));
    // A token not seen is verified in the same tick too, while the keys are loaded: the verifier's hit counter,
    // not a synchronous answer, tells a cached token.
    const cacheHits = (): number => guard.stats.realms[0]?.verifier?.cacheHits ?? 0;
    const hitsAmong = async (tokens: string[]): Promise<number> => {
      const before = cacheHits();
      for (const token of tokens) await check(withToken(token));
      return cacheHits() - before;
    };

    const failures = new Map<string, number>();
    for (const token of badTokens(10_000)) {
      try {
        await check(withToken(token));
      } catch (error) {
        const reason = (error as KeycloakGuardError).reason;
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      }
    }
    expect(Object.fromEntries(failures)).toEqual({ malformed: 5_000, bad_signature: 5_000 });
    // The last 1,000 valid tokens are still answered from the cache: no bad token took a place.
    expect(await hitsAmong(valid.slice(-GUARD_TOKEN_CACHE))).toBe(GUARD_TOKEN_CACHE);
    expect(await hitsAmong(valid.slice(0, 4_000))).toBe(0);
  });

  it("reports the bound in a verifier's stats: cached tokens never exceed maxEntries, failures are never stored", async () => {
    const verifier = new TokenVerifier({
      issuer: jwks.issuer,
      algorithms: ['ES256'],
      tokenCache: { maxEntries: 250 },
      now: clock.now,
    });
    for (const token of valid) await verifier.verify(token);
    expect(verifier.stats).toEqual({ cacheHits: 0, signatureVerifications: 5_000, cachedTokens: 250 });
    for (const token of badTokens(10_000)) await verifier.verify(token).catch(() => undefined);
    expect(verifier.stats).toEqual({ cacheHits: 0, signatureVerifications: 10_000, cachedTokens: 250 });
    for (const token of valid.slice(-250)) await verifier.verify(token);
    expect(verifier.stats.cacheHits).toBe(250);
  });

  it('keeps at most maxRealms realms when a resolver names a new realm on every request', async () => {
    const guard = new KeycloakGuard<FakeRequest>(
      {
        serverUrl: jwks.serverUrl,
        realm: (request) => request.rawHeaders[3],
        maxRealms: 50,
        clientId: 'my-app',
        algorithms: ['ES256'],
        now: clock.now,
      },
      source,
    );
    const check = guard.protectInline();
    const token = valid[0] as string;
    await check(withToken(token, 'test'));
    expect(check(withToken(token, 'test'))).not.toBeInstanceOf(Promise);
    // 49 other realms fit beside it; its verifier (and cached token) survive.
    for (let i = 0; i < 49; i++)
      await expect(Promise.resolve().then(() => check(withToken('not-a-jwt', `tenant-${i}`)))).rejects.toMatchObject({
        reason: 'malformed',
      });
    expect(check(withToken(token, 'test'))).not.toBeInstanceOf(Promise);
    // Fifty more push it out: the realm's entry is rebuilt, so the token must be verified again.
    for (let i = 49; i < 99; i++)
      await expect(Promise.resolve().then(() => check(withToken('not-a-jwt', `tenant-${i}`)))).rejects.toMatchObject({
        reason: 'malformed',
      });
    const fetches = jwks.fetches;
    const again = check(withToken(token, 'test'));
    expect(again).toBeInstanceOf(Promise);
    await again;
    expect(jwks.fetches).toBe(fetches + 1);
  });
});
