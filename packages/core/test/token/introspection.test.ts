import { TokenIntrospector, type TokenIntrospectorOptions } from '@keycloak-ts/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invalidTokenError } from './support/expect-invalid.js';
import { fakeClock, startRealmServer, type RealmServer } from './support/realm-server.js';
import { accessTokenClaims } from './support/tokens.js';

let realm: RealmServer;
let clock: ReturnType<typeof fakeClock>;
const OPAQUE = 'opaque-token-value-0123456789';

beforeEach(async () => {
  realm = await startRealmServer([]);
  clock = fakeClock();
  // Shape of an active answer: the token's claims, then client_id, username, token_type, active (tokens-kc26.json).
  realm.introspect = (token) =>
    token === OPAQUE
      ? {
          ...accessTokenClaims(realm.issuer, clock.time),
          client_id: 'my-app',
          username: 'alice',
          token_type: 'Bearer',
          active: true,
        }
      : { active: false };
});
afterEach(() => realm.close());

function introspector(options: Partial<TokenIntrospectorOptions> = {}): TokenIntrospector {
  return new TokenIntrospector({
    issuer: realm.issuer,
    clientId: 'orders-api',
    clientSecret: 's3cr:et',
    now: clock.now,
    ...options,
  });
}

describe('TokenIntrospector', () => {
  it('returns the claims of an active token, authenticating with client_secret_basic', async () => {
    let authorization: string | undefined;
    const answer = realm.introspect;
    realm.introspect = (token, auth) => {
      authorization = auth;
      return answer(token, auth);
    };
    const verified = await introspector().introspect(OPAQUE);
    expect(verified.claims.preferred_username).toBe('alice');
    expect(verified.hasRealmRole('user')).toBe(true);
    expect(authorization).toBe(`Basic ${Buffer.from('orders-api:s3cr%3Aet').toString('base64')}`);
  });

  it('refuses an inactive token as revoked', async () => {
    expect((await invalidTokenError(introspector().introspect('some-other-token'))).reason).toBe('revoked');
  });

  it('refuses an active refresh token as the wrong token type', async () => {
    realm.introspect = () => ({ ...accessTokenClaims(realm.issuer, clock.time), typ: 'Refresh', active: true });
    expect((await invalidTokenError(introspector().introspect(OPAQUE))).reason).toBe('wrong_token_type');
  });

  it('caches an active answer', async () => {
    const i = introspector();
    await i.introspect(OPAQUE);
    await i.introspect(OPAQUE);
    expect(realm.introspections).toBe(1);
  });

  it('sends one request for 50 concurrent introspections of the same token', async () => {
    const i = introspector({ cache: false });
    const results = await Promise.all(Array.from({ length: 50 }, () => i.introspect(OPAQUE)));
    expect(new Set(results).size).toBe(1);
    expect(realm.introspections).toBe(1);
  });

  it('never serves a cached answer past the token exp', async () => {
    const i = introspector({ cache: { maxAge: 3_600_000 } });
    await i.introspect(OPAQUE);
    clock.advance(300_000); // exp is iat + 300 s
    // Keycloak, asked again, answers for the new time: inactive.
    realm.introspect = () => ({ active: false });
    expect((await invalidTokenError(i.introspect(OPAQUE))).reason).toBe('revoked');
    expect(realm.introspections).toBe(2);
  });

  it('asks again after the cache maxAge', async () => {
    const i = introspector({ cache: { maxAge: 10_000 } });
    await i.introspect(OPAQUE);
    clock.advance(10_000);
    await i.introspect(OPAQUE);
    expect(realm.introspections).toBe(2);
  });

  it('does not cache inactive answers', async () => {
    const i = introspector();
    await invalidTokenError(i.introspect('nope'));
    await invalidTokenError(i.introspect('nope'));
    expect(realm.introspections).toBe(2);
  });

  it('reports keycloak_unreachable when Keycloak is down, and keycloak_error on a 500', async () => {
    realm.mode = 'reset';
    const down = await invalidTokenError(introspector().introspect(OPAQUE));
    expect(down.reason).toBe('keycloak_unreachable');
    expect(down.isUpstreamFailure).toBe(true);
    realm.mode = 'error';
    const failing = await invalidTokenError(introspector().introspect(OPAQUE));
    expect(failing.reason).toBe('keycloak_error');
    expect(failing.status).toBe(500);
  });

  it('times out a Keycloak that never answers', async () => {
    realm.mode = 'hang';
    const error = await invalidTokenError(introspector({ timeoutDuration: 50 }).introspect(OPAQUE));
    expect(error.reason).toBe('keycloak_unreachable');
  });

  it('keeps the token out of error messages', async () => {
    realm.mode = 'error';
    const error = await invalidTokenError(introspector().introspect(OPAQUE));
    expect(error.message).not.toContain(OPAQUE);
    expect(JSON.stringify(error.body)).not.toContain(OPAQUE);
  });

  it('refuses an oversized token without asking Keycloak', async () => {
    expect((await invalidTokenError(introspector().introspect('x'.repeat(16_385)))).reason).toBe('malformed');
    expect(realm.introspections).toBe(0);
  });

  it('throws a TypeError naming a missing client secret', () => {
    expect(() => introspector({ clientSecret: '' })).toThrow('"clientSecret"');
  });
});

describe('TokenIntrospector.stats', () => {
  it('starts at zero', () => {
    expect(introspector().stats).toEqual({
      cacheHits: 0,
      introspections: 0,
      coalesced: 0,
      cachedTokens: 0,
      sharedHits: 0,
    });
  });

  it('counts requests sent, calls coalesced onto one in flight, cache hits and cached tokens', async () => {
    const i = introspector();
    await Promise.all([i.introspect(OPAQUE), i.introspect(OPAQUE), i.introspect(OPAQUE)]);
    await i.introspect(OPAQUE);
    expect(i.stats).toEqual({ cacheHits: 1, introspections: 1, coalesced: 2, cachedTokens: 1, sharedHits: 0 });
    expect(realm.introspections).toBe(1);
  });

  it('counts a refused token as an introspection that caches nothing', async () => {
    const i = introspector();
    await invalidTokenError(i.introspect('nope'));
    expect(i.stats).toEqual({ cacheHits: 0, introspections: 1, coalesced: 0, cachedTokens: 0, sharedHits: 0 });
  });

  it('drops a forgotten token from cachedTokens', async () => {
    const i = introspector();
    await i.introspect(OPAQUE);
    i.forget(OPAQUE);
    expect(i.stats.cachedTokens).toBe(0);
  });
});
