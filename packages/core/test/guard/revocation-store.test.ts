import { KeycloakGuard, KeycloakGuardError, MemoryStore, type RequestSource } from '@keycloak-ts/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../../test/support/guard/realm.js';
import {
  claimsOf,
  logoutClaims,
  realmKey,
  revocationRealm,
  signWith,
} from '../../../../test/security/support/revocation.js';

// A logout token's `jti` is claimed in the guard's store so a replay is refused; a store that cannot answer that
// claim must not turn the logout itself away: revoking a session twice is harmless, keeping it alive is not.

interface Request {
  token?: string;
}
const source: RequestSource<Request> = {
  rawHeaders: (request) => (request.token === undefined ? [] : ['Authorization', `Bearer ${request.token}`]),
  query: () => undefined,
};

/** A store whose claims fail, as a shared store does while its server is away; the rest works. */
class ClaimlessStore extends MemoryStore {
  override claim(): Promise<boolean> {
    return Promise.reject(new Error('store unreachable'));
  }
}

let shop: ShopKeycloak;
beforeAll(async () => {
  shop = await startShop([revocationRealm('revoke')]);
});
afterAll(() => shop?.close());

it('revokes on a logout whose jti the store cannot claim, and takes the same logout again', async () => {
  const guard = new KeycloakGuard<Request>(
    {
      serverUrl: shop.serverUrl,
      realm: 'revoke',
      clientId: 'orders-api',
      verifyTokenAudience: true,
      revocation: { logoutTokenAudiences: ['web'] },
      store: new ClaimlessStore(),
    },
    source,
  );
  const token = await shop.tokenFor('alice', 'revoke');
  expect((await guard.protect()({ token })).realm).toBe('revoke');
  const { sid, sub } = claimsOf(token) as { sid: string; sub: string };
  const issuer = `${shop.serverUrl}/realms/revoke`;
  const logoutToken = signWith(await realmKey(shop.server, 'revoke'), logoutClaims(issuer, 'web', { sid, sub }));
  const body = {
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ logout_token: logoutToken }).toString(),
  };
  expect((await guard.receiveRevocation('backchannel-logout', {}, body)).status).toBe(200);
  expect((await guard.receiveRevocation('backchannel-logout', {}, body)).status).toBe(200);
  const refused = await guard
    .protect()({ token })
    .catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(KeycloakGuardError);
  expect((refused as KeycloakGuardError).reason).toBe('token_revoked');
  await guard.close();
});
