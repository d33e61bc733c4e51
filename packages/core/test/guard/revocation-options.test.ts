import { KeycloakGuard, type RequestSource } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../../test/support/guard/realm.js';
import {
  claimsOf,
  logoutClaims,
  realmKey,
  revocationRealm,
  signWith,
} from '../../../../test/security/support/revocation.js';

// What the guard's options change in its revocation receivers: where they are mounted, which algorithms a logout
// token may be signed with, and how far in the future its iat may be.

interface Request {
  token?: string;
}
const source: RequestSource<Request> = {
  rawHeaders: (request) => (request.token === undefined ? [] : ['Authorization', `Bearer ${request.token}`]),
  query: () => undefined,
};

let shop: ShopKeycloak;
let issuer: string;
beforeAll(async () => {
  shop = await startShop([revocationRealm('revoke')]);
  issuer = `${shop.serverUrl}/realms/revoke`;
});
afterAll(() => shop?.close());

const guards: KeycloakGuard<Request>[] = [];
afterAll(() => Promise.all(guards.map((guard) => guard.close())));
const guard = (extra: Record<string, unknown> = {}): KeycloakGuard<Request> => {
  const made = new KeycloakGuard<Request>(
    {
      serverUrl: shop.serverUrl,
      realm: 'revoke',
      clientId: 'orders-api',
      verifyTokenAudience: true,
      ...extra,
      revocation: { logoutTokenAudiences: ['web'], ...(extra['revocation'] as object | undefined) },
    } as never,
    source,
  );
  guards.push(made);
  return made;
};
/** A back-channel logout of a new session of alice's, its iat `skewSeconds` from now. */
const logout = async (skewSeconds = 0) => {
  const token = await shop.tokenFor('alice', 'revoke');
  const { sid, sub } = claimsOf(token) as { sid: string; sub: string };
  const claims = logoutClaims(issuer, 'web', { sid, sub }, Date.now() + skewSeconds * 1000);
  const body = new URLSearchParams({ logout_token: signWith(await realmKey(shop.server, 'revoke'), claims) });
  return { contentType: 'application/x-www-form-urlencoded', body: body.toString() };
};

describe('revocation receivers', () => {
  it('are found only under revocation.path, whatever a longer path ends with', () => {
    const mounted = guard({ revocation: { path: '/hooks' } });
    expect(mounted.revocationEndpoint('/hooks/k_logout')).toBe('k_logout');
    expect(mounted.revocationEndpoint('/hooks/backchannel-logout')).toBe('backchannel-logout');
    expect(mounted.revocationEndpoint('/hooks/k_push_not_before')).toBe('k_push_not_before');
    // As long as "/hooks/" but elsewhere: the receiver's name at the end is not enough.
    expect(mounted.revocationEndpoint('/api/zzk_logout')).toBeUndefined();
    expect(mounted.revocationEndpoint('/hooks/k_logout/')).toBeUndefined();
    expect(mounted.revocationEndpoint('/k_logout')).toBeUndefined();
  });

  it("refuse a logout token signed with an algorithm the guard's algorithms leave out", async () => {
    const esOnly = guard({ algorithms: ['ES256'] });
    expect((await esOnly.receiveRevocation('backchannel-logout', {}, await logout())).status).toBe(400);
    expect((await guard().receiveRevocation('backchannel-logout', {}, await logout())).status).toBe(200);
  });

  it('take a logout token issued up to clockToleranceDuration ahead, and refuse one beyond it', async () => {
    const tolerant = guard({ clockToleranceDuration: 5_000 });
    expect((await tolerant.receiveRevocation('backchannel-logout', {}, await logout(3))).status).toBe(200);
    const ahead = await tolerant.receiveRevocation('backchannel-logout', {}, await logout(8));
    expect(ahead.status).toBe(400);
    expect(String(ahead.body)).toContain('The logout token iat is in the future');
  });
});
