import { TokenVerifier, type TokenVerifierOptions } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { reasonOf } from './support/expect-invalid.js';
import { generateTestKey, signRaw } from './support/keys.js';
import { fakeClock, startRealmServer, useRealmServer } from './support/realm-server.js';
import { accessTokenClaims, signAccessToken } from './support/tokens.js';

const test = useRealmServer();

function verifier(options: Partial<TokenVerifierOptions> = {}, clock = fakeClock()): TokenVerifier {
  return new TokenVerifier({ issuer: test.realm.issuer, now: clock.now, tokenCache: false, ...options });
}

describe('TokenVerifier', () => {
  it('returns the claims of a Keycloak access token signed with a realm key', async () => {
    const clock = fakeClock();
    const token = signAccessToken(test.key, test.realm.issuer, clock.time);
    const verified = await verifier({}, clock).verify(token);
    expect(verified.claims.preferred_username).toBe('alice');
    expect(verified.claims.typ).toBe('Bearer');
    expect(verified.subject).toBe('9c4f8b1e-3a2d-4e5f-8a6b-7c1d2e3f4a5b');
    expect(verified.header?.kid).toBe(test.key.kid);
    expect(verified.expiresAt).toBe((Math.floor(clock.time / 1000) + 300) * 1000);
  });

  it('refuses a token without iat: Keycloak always issues one, and a pushed not-before is compared with it', async () => {
    const clock = fakeClock();
    const token = signAccessToken(test.key, test.realm.issuer, clock.time, { iat: undefined });
    expect(await reasonOf(verifier({}, clock).verify(token))).toBe('missing_claim');
  });

  it('answers role and scope questions with exact matches only', async () => {
    const clock = fakeClock();
    const verified = await verifier({}, clock).verify(signAccessToken(test.key, test.realm.issuer, clock.time));
    expect(verified.hasRealmRole('user')).toBe(true);
    expect(verified.hasRealmRole('User')).toBe(false);
    expect(verified.hasRealmRole('use')).toBe(false);
    expect(verified.hasClientRole('account', 'view-profile')).toBe(true);
    expect(verified.hasClientRole('account', 'user')).toBe(false);
    expect(verified.hasClientRole('other', 'view-profile')).toBe(false);
    expect(verified.scopes).toEqual(['openid', 'email', 'profile']);
    expect(verified.hasScope('email')).toBe(true);
    expect(verified.hasScope('mail')).toBe(false);
  });

  it('freezes the claims so one request cannot change what another sees', async () => {
    const clock = fakeClock();
    const verified = await verifier({}, clock).verify(signAccessToken(test.key, test.realm.issuer, clock.time));
    expect(Object.isFrozen(verified.claims)).toBe(true);
    expect(Object.isFrozen(verified.claims.realm_access?.roles)).toBe(true);
  });

  it('accepts a token whose issuer is any of the configured URLs, compared exactly', async () => {
    const clock = fakeClock();
    const other = 'https://public.example.com/realms/test';
    const v = verifier({ issuer: [other, test.realm.issuer], jwksUri: test.realm.jwksUri }, clock);
    await expect(v.verify(signAccessToken(test.key, other, clock.time))).resolves.toBeDefined();
    await expect(v.verify(signAccessToken(test.key, test.realm.issuer, clock.time))).resolves.toBeDefined();
    expect(await reasonOf(v.verify(signAccessToken(test.key, `${test.realm.issuer}/`, clock.time)))).toBe(
      'issuer_mismatch',
    );
  });

  it('checks the audience against a string or an array aud', async () => {
    const clock = fakeClock();
    const v = verifier({ audience: ['orders-api', 'billing'] }, clock);
    await expect(
      v.verify(signAccessToken(test.key, test.realm.issuer, clock.time, { aud: ['account', 'billing'] })),
    ).resolves.toBeDefined();
    await expect(
      v.verify(signAccessToken(test.key, test.realm.issuer, clock.time, { aud: 'orders-api' })),
    ).resolves.toBeDefined();
    expect(await reasonOf(v.verify(signAccessToken(test.key, test.realm.issuer, clock.time)))).toBe(
      'audience_mismatch',
    );
    expect(await reasonOf(v.verify(signAccessToken(test.key, test.realm.issuer, clock.time, { aud: undefined })))).toBe(
      'audience_mismatch',
    );
  });

  it('checks the authorized party when one is configured', async () => {
    const clock = fakeClock();
    const v = verifier({ authorizedParty: 'my-app' }, clock);
    await expect(v.verify(signAccessToken(test.key, test.realm.issuer, clock.time))).resolves.toBeDefined();
    expect(
      await reasonOf(v.verify(signAccessToken(test.key, test.realm.issuer, clock.time, { azp: 'evil-app' }))),
    ).toBe('azp_mismatch');
    expect(await reasonOf(v.verify(signAccessToken(test.key, test.realm.issuer, clock.time, { azp: undefined })))).toBe(
      'azp_mismatch',
    );
  });

  it('honours the clock tolerance on exp, nbf and iat', async () => {
    const clock = fakeClock();
    const token = signAccessToken(test.key, test.realm.issuer, clock.time, { nbf: Math.floor(clock.time / 1000) + 20 });
    const strict = verifier({}, clock);
    const lenient = verifier({ clockToleranceDuration: 30_000 }, clock);
    expect(await reasonOf(strict.verify(token))).toBe('not_yet_valid');
    await expect(lenient.verify(token)).resolves.toBeDefined();
    clock.advance(310_000);
    expect(await reasonOf(strict.verify(token))).toBe('expired');
    await expect(lenient.verify(token)).resolves.toBeDefined();
  });

  it('refuses a token issued before the realm notBefore as revoked, reading a getter each time', async () => {
    const clock = fakeClock();
    let notBefore = 0;
    const v = verifier({ notBefore: () => notBefore }, clock);
    const token = signAccessToken(test.key, test.realm.issuer, clock.time);
    await expect(v.verify(token)).resolves.toBeDefined();
    notBefore = Math.floor(clock.time / 1000) + 1;
    expect(await reasonOf(v.verify(token))).toBe('revoked');
    expect(await reasonOf(verifier({ notBefore }, clock).verify(token))).toBe('revoked');
  });

  it('verifies ES256 and PS256 tokens when those algorithms are configured', async () => {
    const es = generateTestKey('ES256');
    const ps = generateTestKey('PS256');
    const server = await startRealmServer([es, ps]);
    try {
      const clock = fakeClock();
      const esToken = signAccessToken(es, server.issuer, clock.time);
      const psToken = signAccessToken(ps, server.issuer, clock.time);
      const both = new TokenVerifier({ issuer: server.issuer, algorithms: ['ES256', 'PS256'], now: clock.now });
      expect((await both.verify(esToken)).header?.alg).toBe('ES256');
      expect((await both.verify(psToken)).header?.alg).toBe('PS256');
      const rsOnly = new TokenVerifier({ issuer: server.issuer, algorithms: ['RS256'], now: clock.now });
      expect(await reasonOf(rsOnly.verify(esToken))).toBe('unsupported_alg');
    } finally {
      await server.close();
    }
  });

  it('accepts by default the algorithms the realm keys advertise, each only with the keys that name it', async () => {
    const es = generateTestKey('ES256');
    const rs = generateTestKey('RS256');
    const server = await startRealmServer([es, rs]);
    try {
      const clock = fakeClock();
      const byDefault = new TokenVerifier({ issuer: server.issuer, now: clock.now, tokenCache: false });
      expect((await byDefault.verify(signAccessToken(es, server.issuer, clock.time))).header?.alg).toBe('ES256');
      expect((await byDefault.verify(signAccessToken(rs, server.issuer, clock.time))).header?.alg).toBe('RS256');
      // PS256 by the realm's own RSA key, whose JWK names RS256: the token cannot choose another alg for it.
      const psByRsKey = signRaw(
        JSON.stringify({ alg: 'PS256', typ: 'JWT', kid: rs.kid }),
        JSON.stringify(accessTokenClaims(server.issuer, clock.time)),
        { ...rs, alg: 'PS256' },
      );
      expect(await reasonOf(byDefault.verify(psByRsKey))).toBe('unsupported_alg');
      // A key that names no alg advertises nothing beyond RS256.
      server.keys = [rs];
      server.extraJwks = [{ ...es.jwk, alg: undefined }];
      const fresh = new TokenVerifier({ issuer: server.issuer, now: clock.now, tokenCache: false });
      expect(await reasonOf(fresh.verify(signAccessToken(es, server.issuer, clock.time)))).toBe('unsupported_alg');
    } finally {
      await server.close();
    }
  });

  describe('options', () => {
    it.each([
      [{ issuer: 'not a url' }, '"issuer"'],
      [{ issuer: [] }, '"issuer"'],
      [{ issuer: 'https://kc/realms/a', algorithms: ['HS256'] }, '"algorithms"'],
      [{ issuer: 'https://kc/realms/a', algorithms: ['none'] }, '"algorithms"'],
      [{ issuer: 'https://kc/realms/a', audience: '' }, '"audience"'],
      [{ issuer: 'https://kc/realms/a', clockToleranceDuration: -1 }, '"clockToleranceDuration"'],
      [{ issuer: 'https://kc/realms/a', maxTokenSize: 0 }, '"maxTokenSize"'],
      [{ issuer: 'https://kc/realms/a', notBefore: 'soon' }, '"notBefore"'],
      [{ issuer: 'https://kc/realms/a', jwksUri: 'ftp://kc/certs' }, '"jwksUri"'],
      [{ issuer: 'https://kc/realms/a', jwks: { cooldownDuration: Number.NaN } }, '"cooldownDuration"'],
      [{ issuer: 'https://kc/realms/a', tokenCache: { maxEntries: 1.5 } }, '"tokenCache.maxEntries"'],
      [{ issuer: 'https://kc/realms/a', dispatcher: {} }, '"dispatcher"'],
    ])('throws a TypeError naming the option for %j', (options, name) => {
      expect(() => new TokenVerifier(options as unknown as TokenVerifierOptions)).toThrow(TypeError);
      expect(() => new TokenVerifier(options as unknown as TokenVerifierOptions)).toThrow(name);
    });
  });
});
