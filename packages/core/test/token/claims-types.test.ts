import { TokenVerifier, type KeycloakAccessTokenClaims, type VerifiedToken } from '@keycloak-ts/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { fakeClock, useRealmServer } from './support/realm-server.js';
import { signAccessToken } from './support/tokens.js';

// Type-level checks run under `tsc -p tsconfig.check.json`; the runtime part shows the claim arrives.

interface TenantClaims extends KeycloakAccessTokenClaims {
  tenant_id: string;
}

const test = useRealmServer();

describe('claim types', () => {
  it('types Keycloak claims, and mapper claims given as a type parameter', async () => {
    const clock = fakeClock();
    const verifier = new TokenVerifier<TenantClaims>({ issuer: test.realm.issuer, now: clock.now });
    const verified = await verifier.verify(
      signAccessToken(test.key, test.realm.issuer, clock.time, { tenant_id: 'acme' }),
    );
    expectTypeOf(verified).toEqualTypeOf<VerifiedToken<TenantClaims>>();
    expectTypeOf(verified.claims.tenant_id).toEqualTypeOf<string>();
    expectTypeOf(verified.claims.exp).toEqualTypeOf<number>();
    expectTypeOf(verified.claims.aud).toEqualTypeOf<string | string[] | undefined>();
    expectTypeOf(verified.claims.realm_access).toEqualTypeOf<{ roles: string[] } | undefined>();
    expectTypeOf(verified.claims['allowed-origins']).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(verified.claims.unknown_mapper_claim).toEqualTypeOf<unknown>();
    expectTypeOf(verified.scopes).toEqualTypeOf<readonly string[]>();
    expect(verified.claims.tenant_id).toBe('acme');
  });

  it('serialises to JSON without the raw token or personal claims', async () => {
    const clock = fakeClock();
    const token = signAccessToken(test.key, test.realm.issuer, clock.time);
    const verified = await new TokenVerifier({ issuer: test.realm.issuer, now: clock.now }).verify(token);
    const logged = JSON.stringify(verified);
    expect(JSON.parse(logged)).toEqual({
      sub: '9c4f8b1e-3a2d-4e5f-8a6b-7c1d2e3f4a5b',
      azp: 'my-app',
      exp: verified.claims.exp,
    });
    expect(logged).not.toContain(token.split('.')[2]);
  });
});
