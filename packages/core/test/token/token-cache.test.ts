import { TokenVerifier } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { reasonOf } from './support/expect-invalid.js';
import { fakeClock, useRealmServer } from './support/realm-server.js';
import { signAccessToken } from './support/tokens.js';
import { TokenCache } from '../../src/token/token-cache.js';
import { VerifiedToken } from '../../src/token/verified-token.js';

const test = useRealmServer();

describe('verified-token cache', () => {
  it('answers a token seen before without checking its signature again', async () => {
    const clock = fakeClock();
    const v = new TokenVerifier({ issuer: test.realm.issuer, now: clock.now });
    const token = signAccessToken(test.key, test.realm.issuer, clock.time);
    const first = await v.verify(token);
    const second = await v.verify(token);
    expect(second).toBe(first);
    expect(v.stats).toEqual({ cacheHits: 1, signatureVerifications: 1, cachedTokens: 1 });
  });

  it('checks every token from scratch when the cache is off', async () => {
    const clock = fakeClock();
    const v = new TokenVerifier({ issuer: test.realm.issuer, now: clock.now, tokenCache: false });
    const token = signAccessToken(test.key, test.realm.issuer, clock.time);
    await v.verify(token);
    await v.verify(token);
    expect(v.stats).toEqual({ cacheHits: 0, signatureVerifications: 2, cachedTokens: 0 });
  });

  it('refuses a cached token once it expires', async () => {
    const clock = fakeClock();
    const v = new TokenVerifier({ issuer: test.realm.issuer, now: clock.now, tokenCache: { maxAge: 3_600_000 } });
    const token = signAccessToken(test.key, test.realm.issuer, clock.time); // exp = now + 300 s
    await v.verify(token);
    clock.advance(299_999);
    await expect(v.verify(token)).resolves.toBeDefined();
    expect(v.stats.cacheHits).toBe(1);
    clock.advance(1);
    expect(v.verifyCached(token)).toBeUndefined(); // dropped, so left to verify, which refuses it
    expect(await reasonOf(v.verify(token))).toBe('expired');
  });

  it('accepts a cached token within the clock tolerance past exp, then refuses it', async () => {
    const clock = fakeClock();
    const v = new TokenVerifier({ issuer: test.realm.issuer, now: clock.now, clockToleranceDuration: 10_000 });
    const token = signAccessToken(test.key, test.realm.issuer, clock.time);
    await v.verify(token);
    clock.advance(305_000);
    await expect(v.verify(token)).resolves.toBeDefined();
    clock.advance(5_000);
    expect(await reasonOf(v.verify(token))).toBe('expired');
  });

  it('re-checks the realm notBefore on every hit', async () => {
    const clock = fakeClock();
    let notBefore = 0;
    const v = new TokenVerifier({ issuer: test.realm.issuer, now: clock.now, notBefore: () => notBefore });
    const token = signAccessToken(test.key, test.realm.issuer, clock.time);
    await v.verify(token);
    notBefore = Math.floor(clock.time / 1000) + 1;
    expect(await reasonOf(v.verify(token))).toBe('revoked');
    expect(await reasonOf(Promise.resolve().then(() => v.verifyCached(token)))).toBe('revoked');
    expect(v.stats.signatureVerifications).toBe(1);
  });

  it('verifies again after maxAge even if the token is still valid', async () => {
    const clock = fakeClock();
    const v = new TokenVerifier({ issuer: test.realm.issuer, now: clock.now, tokenCache: { maxAge: 60_000 } });
    const token = signAccessToken(test.key, test.realm.issuer, clock.time);
    await v.verify(token);
    clock.advance(60_000);
    await v.verify(token);
    expect(v.stats.signatureVerifications).toBe(2);
  });

  it('keeps at most maxEntries tokens, evicting the least recently used', async () => {
    const clock = fakeClock();
    const v = new TokenVerifier({ issuer: test.realm.issuer, now: clock.now, tokenCache: { maxEntries: 2 } });
    const tokens = ['a', 'b', 'c'].map((jti) => signAccessToken(test.key, test.realm.issuer, clock.time, { jti }));
    for (const token of tokens) await v.verify(token);
    expect(v.stats.cachedTokens).toBe(2);
    await v.verify(tokens[0] as string);
    expect(v.stats).toMatchObject({ cacheHits: 0, signatureVerifications: 4 });
    await v.verify(tokens[2] as string);
    expect(v.stats.cacheHits).toBe(1);
  });

  it('never caches a refused token', async () => {
    const clock = fakeClock();
    const v = new TokenVerifier({ issuer: test.realm.issuer, now: clock.now, audience: 'orders-api' });
    const token = signAccessToken(test.key, test.realm.issuer, clock.time);
    expect(await reasonOf(v.verify(token))).toBe('audience_mismatch');
    expect(await reasonOf(v.verify(token))).toBe('audience_mismatch');
    expect(v.stats).toEqual({ cacheHits: 0, signatureVerifications: 2, cachedTokens: 0 });
  });

  it('verifies a token that only shares the tail of a cached one, and refuses it', async () => {
    const clock = fakeClock();
    const v = new TokenVerifier({ issuer: test.realm.issuer, now: clock.now });
    const token = signAccessToken(test.key, test.realm.issuer, clock.time, { sub: 'alice' });
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()),
        sub: 'mallory',
      }),
    ).toString('base64url');
    const forged = `${header}.${payload}.${signature}`;
    expect((await v.verify(token)).subject).toBe('alice');
    expect(await reasonOf(v.verify(forged))).toBe('bad_signature');
    v.forget(forged);
    expect((await v.verify(token)).subject).toBe('alice');
    expect(v.stats).toEqual({ cacheHits: 1, signatureVerifications: 2, cachedTokens: 1 });
  });

  it('answers verifyCached synchronously only once the token was verified', async () => {
    const clock = fakeClock();
    const v = new TokenVerifier({ issuer: test.realm.issuer, now: clock.now });
    const token = signAccessToken(test.key, test.realm.issuer, clock.time);
    expect(v.verifyCached(token)).toBeUndefined();
    const first = await v.verify(token);
    expect(v.verifyCached(token)).toBe(first);
    expect(v.stats).toEqual({ cacheHits: 1, signatureVerifications: 1, cachedTokens: 1 });
  });

  it('leaves verifyCached to verify when the cache is off', async () => {
    const clock = fakeClock();
    const v = new TokenVerifier({ issuer: test.realm.issuer, now: clock.now, tokenCache: false });
    const token = signAccessToken(test.key, test.realm.issuer, clock.time);
    await v.verify(token);
    expect(v.verifyCached(token)).toBeUndefined();
  });

  it('forgets a token on request', async () => {
    const clock = fakeClock();
    const v = new TokenVerifier({ issuer: test.realm.issuer, now: clock.now });
    const token = signAccessToken(test.key, test.realm.issuer, clock.time);
    await v.verify(token);
    v.forget(token);
    await v.verify(token);
    expect(v.stats.signatureVerifications).toBe(2);
  });
});

describe('TokenCache.delete', () => {
  it('forgets a token it never held without failing, and only the token it holds under that key', () => {
    const cache = new TokenCache(10, 60_000);
    expect(() => cache.delete('never.seen.token')).not.toThrow();
    const token = `${'h'.repeat(50)}.${'p'.repeat(50)}.${'s'.repeat(60)}`;
    const lookalike = `${'x'.repeat(50)}.${'p'.repeat(50)}.${'s'.repeat(60)}`;
    cache.set(token, new VerifiedToken({ exp: 2_000_000_000 } as never), 0);
    cache.delete(lookalike);
    expect(cache.get(token, 0)).toBeDefined();
    cache.delete(token);
    expect(cache.get(token, 0)).toBeUndefined();
  });
});
