import { KeycloakGuard, KeycloakGuardError, MemoryStore } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logoutRequest, revocationRealm } from '../../../../test/security/support/revocation.js';
import { bearerSource, type BearerRequest } from '../../../../test/support/guard/bearer-source.js';
import { startShop, type ShopKeycloak } from '../../../../test/support/guard/realm.js';

// What the guard's options change in its revocation receivers: where they are mounted, which algorithms a logout
// token may be signed with, how far in the future its iat may be, and what a store that fails does to them.

let shop: ShopKeycloak;
beforeAll(async () => {
  shop = await startShop([revocationRealm('revoke')]);
});
afterAll(() => shop?.close());

const guards: KeycloakGuard<BearerRequest>[] = [];
afterAll(() => Promise.all(guards.map((guard) => guard.close())));
const guard = (extra: Record<string, unknown> = {}): KeycloakGuard<BearerRequest> => {
  const made = new KeycloakGuard<BearerRequest>(
    {
      serverUrl: shop.serverUrl,
      realm: 'revoke',
      clientId: 'orders-api',
      verifyTokenAudience: true,
      ...extra,
      revocation: { logoutTokenAudiences: ['web'], ...(extra['revocation'] as object | undefined) },
    } as never,
    bearerSource,
  );
  guards.push(made);
  return made;
};
const login = () => shop.tokenFor('alice', 'revoke');
/** A back-channel logout of a new session of alice's, its iat `skewSeconds` from now. */
const logout = async (skewSeconds = 0) => logoutRequest(shop.server, 'revoke', await login(), skewSeconds);

/** A store whose claims fail, as a shared store does while its server is away; the rest works. */
class ClaimlessStore extends MemoryStore {
  override claim(): Promise<boolean> {
    return Promise.reject(new Error('store unreachable'));
  }
}

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

  // A logout token's jti is claimed in the guard's store so a replay is refused; a store that cannot answer that
  // claim must not turn the logout itself away: revoking a session twice is harmless, keeping it alive is not.
  it('revoke on a logout whose jti the store cannot claim, and take the same logout again', async () => {
    const failing = guard({ store: new ClaimlessStore() });
    const token = await login();
    expect((await failing.protect()({ token })).realm).toBe('revoke');
    const body = await logoutRequest(shop.server, 'revoke', token);
    expect((await failing.receiveRevocation('backchannel-logout', {}, body)).status).toBe(200);
    expect((await failing.receiveRevocation('backchannel-logout', {}, body)).status).toBe(200);
    const refused = await failing
      .protect()({ token })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KeycloakGuardError);
    expect((refused as KeycloakGuardError).reason).toBe('token_revoked');
  });
});
