import { KeycloakInvalidTokenError, TokenVerifier, type TokenVerifierOptions } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { generateTestKey, signRaw } from './support/keys.js';
import { fakeClock, useRealmServer } from './support/realm-server.js';
import { accessTokenClaims, keycloakHeaderText, signAccessToken } from './support/tokens.js';

const test = useRealmServer();

function verifier(clock = fakeClock(), options: Partial<TokenVerifierOptions> = {}): TokenVerifier {
  return new TokenVerifier({ issuer: test.realm.issuer, now: clock.now, ...options });
}

/** The reason of the KeycloakInvalidTokenError `run` throws synchronously. */
function syncReason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KeycloakInvalidTokenError);
    return (error as KeycloakInvalidTokenError).reason;
  }
  throw new Error('expected a refusal');
}

describe('TokenVerifier.verifySync', () => {
  it('answers undefined while the realm keys are not loaded, then verifies tokens not seen in the same tick', async () => {
    const clock = fakeClock();
    const v = verifier(clock);
    const [first, second] = [0, 1].map((i) =>
      signAccessToken(test.key, test.realm.issuer, clock.time, { jti: `onrtac:${i}` }),
    );
    expect(v.verifySync(first!)).toBeUndefined();
    await v.verify(first!);
    const verified = v.verifySync(second!);
    expect(verified?.claims.jti).toBe('onrtac:1');
    expect(v.stats).toEqual({ cacheHits: 0, signatureVerifications: 2, cachedTokens: 2 });
    expect(v.verifySync(second!)).toBe(verified);
    expect(v.stats.cacheHits).toBe(1);
  });

  it('refuses a bad token synchronously with the reason verify gives, once the keys are loaded', async () => {
    const clock = fakeClock();
    const v = verifier(clock);
    await v.verify(signAccessToken(test.key, test.realm.issuer, clock.time));
    const token = signAccessToken(test.key, test.realm.issuer, clock.time, { jti: 'onrtac:tampered' });
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${signAccessToken(test.key, test.realm.issuer, clock.time).split('.')[2]}`;
    expect(syncReason(() => v.verifySync(forged))).toBe('bad_signature');
    expect(syncReason(() => v.verifySync('a.b'))).toBe('malformed');
    const expired = signAccessToken(test.key, test.realm.issuer, clock.time - 600_000);
    expect(syncReason(() => v.verifySync(expired))).toBe('expired');
    expect(v.stats.cachedTokens).toBe(1);
  });

  it('leaves an unknown kid to verify, which may refetch the keys', async () => {
    const clock = fakeClock();
    const v = verifier(clock);
    await v.verify(signAccessToken(test.key, test.realm.issuer, clock.time));
    const stranger = generateTestKey('RS256');
    expect(v.verifySync(signAccessToken(stranger, test.realm.issuer, clock.time))).toBeUndefined();
  });

  it('leaves the keys to verify once they are past their max age', async () => {
    const clock = fakeClock();
    const v = verifier(clock, { tokenCache: false });
    await v.verify(signAccessToken(test.key, test.realm.issuer, clock.time));
    clock.advance(600_000);
    expect(v.verifySync(signAccessToken(test.key, test.realm.issuer, clock.time))).toBeUndefined();
  });

  it('checks every header again when it differs from the ones it remembers, and remembers no refused one', async () => {
    const clock = fakeClock();
    const v = verifier(clock, { tokenCache: false });
    const claims = JSON.stringify(accessTokenClaims(test.realm.issuer, clock.time));
    await v.verify(signRaw(keycloakHeaderText(test.key), claims, test.key));
    const withJku = JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: test.key.kid, jku: 'https://evil.example/jwks' });
    for (let i = 0; i < 2; i++)
      expect(syncReason(() => v.verifySync(signRaw(withJku, claims, test.key)))).toBe('forbidden_header');
    const none = JSON.stringify({ alg: 'none', typ: 'JWT', kid: test.key.kid });
    expect(syncReason(() => v.verifySync(signRaw(none, claims, test.key)))).toBe('unsupported_alg');
    // The remembered header is the exact segment: the same fields in another order are decoded and checked anew.
    const reordered = JSON.stringify({ kid: test.key.kid, typ: 'JWT', alg: 'RS256' });
    expect(v.verifySync(signRaw(reordered, claims, test.key))?.header?.kid).toBe(test.key.kid);
    expect(Object.isFrozen(v.verifySync(signRaw(reordered, claims, test.key))?.header)).toBe(true);
  });
});
