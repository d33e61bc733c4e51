import { createHash } from 'node:crypto';
import { TokenVerifier, type KeycloakIdTokenClaims, type TokenVerifierOptions } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { reasonOf } from './support/expect-invalid.js';
import { signRaw } from './support/keys.js';
import { fakeClock, useRealmServer } from './support/realm-server.js';
import { keycloakHeaderText } from './support/tokens.js';

// Edge cases of the ID-token rules on tokens signed here, shaped after the `id_token` entry of
// the shared Keycloak 26 sample `tokens-kc26.json` (aud a string, azp the same client, at_hash, nonce).

const test = useRealmServer();
const ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.access.token';

function atHash(token: string): string {
  return createHash('sha256').update(token).digest().subarray(0, 16).toString('base64url');
}

function idToken(nowMs: number, claims: Record<string, unknown> = {}): string {
  const iat = Math.floor(nowMs / 1000);
  const payload: Record<string, unknown> = {
    exp: iat + 300,
    iat,
    auth_time: iat - 10,
    jti: '8e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    iss: test.realm.issuer,
    aud: 'my-app',
    sub: '9c4f8b1e-3a2d-4e5f-8a6b-7c1d2e3f4a5b',
    typ: 'ID',
    azp: 'my-app',
    nonce: 'n-0S6_WzA2Mj',
    sid: '4b7e2f1a-6c3d-4e8f-9a0b-1c2d3e4f5a6b',
    at_hash: atHash(ACCESS_TOKEN),
    acr: '1',
    preferred_username: 'alice',
    ...claims,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete payload[name];
  return signRaw(keycloakHeaderText(test.key), JSON.stringify(payload), test.key);
}

function verifier(
  clock: { now: () => number },
  options: Partial<TokenVerifierOptions> = {},
): TokenVerifier<KeycloakIdTokenClaims> {
  return new TokenVerifier({
    issuer: test.realm.issuer,
    tokenType: 'ID',
    clientId: 'my-app',
    tokenCache: false,
    now: clock.now,
    ...options,
  });
}

describe('ID-token rules', () => {
  it('accepts a Keycloak ID token with the nonce, access token and max age of its login', async () => {
    const clock = fakeClock();
    const { claims } = await verifier(clock).verify(idToken(clock.time), {
      nonce: 'n-0S6_WzA2Mj',
      accessToken: ACCESS_TOKEN,
      authMaxAge: 10_000,
    });
    expect(claims).toMatchObject({ typ: 'ID', aud: 'my-app', nonce: 'n-0S6_WzA2Mj' });
  });

  it('requires azp when the ID token has several audiences, and accepts it when azp is the client', async () => {
    const clock = fakeClock();
    const v = verifier(clock);
    expect(await reasonOf(v.verify(idToken(clock.time, { aud: ['my-app', 'other'], azp: undefined })))).toBe(
      'missing_claim',
    );
    expect((await v.verify(idToken(clock.time, { aud: ['other', 'my-app'] }))).claims.aud).toEqual(['other', 'my-app']);
    expect((await v.verify(idToken(clock.time, { azp: undefined }))).claims.azp).toBeUndefined();
  });

  it('refuses an azp that is not the client as azp_mismatch, even when aud contains the client', async () => {
    const clock = fakeClock();
    expect(
      await reasonOf(verifier(clock).verify(idToken(clock.time, { aud: ['my-app', 'other'], azp: 'other' }))),
    ).toBe('azp_mismatch');
  });

  it('applies the audience option to ID tokens as well', async () => {
    const clock = fakeClock();
    expect(await reasonOf(verifier(clock, { audience: 'orders-api' }).verify(idToken(clock.time)))).toBe(
      'audience_mismatch',
    );
  });

  it.each([
    ['nonce', 42],
    ['at_hash', ['x']],
    ['auth_time', '1767225590'],
  ])('refuses an ID token whose %s has the wrong type as missing_claim', async (claim, value) => {
    const clock = fakeClock();
    expect(await reasonOf(verifier(clock).verify(idToken(clock.time, { [claim]: value })))).toBe('missing_claim');
  });

  it('refuses an at_hash check on an ID token without at_hash as missing_claim', async () => {
    const clock = fakeClock();
    expect(
      await reasonOf(
        verifier(clock).verify(idToken(clock.time, { at_hash: undefined }), { accessToken: ACCESS_TOKEN }),
      ),
    ).toBe('missing_claim');
  });

  it('gives the max age the clock tolerance, and no more', async () => {
    const clock = fakeClock();
    const token = idToken(clock.time);
    clock.advance(15_000); // auth_time is now 25 s old
    const tolerant = verifier(clock, { clockToleranceDuration: 5_000 });
    expect((await tolerant.verify(token, { authMaxAge: 20_000 })).claims.typ).toBe('ID');
    expect(await reasonOf(tolerant.verify(token, { authMaxAge: 19_000 }))).toBe('auth_too_old');
  });
});
