import { KeycloakGuard, KeycloakGuardError, type RequestSource } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../../test/support/guard/realm.js';

// dpop.required (RFC 9449 §7.1): every refusal names the DPoP scheme alone, whether the guard answers in the
// request's tick or after fetching the realm's keys.

interface Request {
  authorization?: string;
}
const source: RequestSource<Request> = {
  rawHeaders: (request) => (request.authorization === undefined ? [] : ['Authorization', request.authorization]),
  query: () => undefined,
};

let shop: ShopKeycloak;
let alice: string;
beforeAll(async () => {
  shop = await startShop();
  alice = await shop.tokenFor('alice');
});
afterAll(() => shop?.close());

async function refusal(pending: unknown): Promise<KeycloakGuardError> {
  const error = await Promise.resolve(pending).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KeycloakGuardError);
  return error as KeycloakGuardError;
}

const REQUIRED =
  'DPoP algs="ES256", realm="shop", error="invalid_token", error_description="A DPoP-bound access token and a DPoP proof are required"';

describe('dpop.required', () => {
  it('names DPoP alone when the Bearer token is refused after the keys were fetched, and in the same tick after', async () => {
    const guard = new KeycloakGuard<Request>(
      {
        serverUrl: shop.serverUrl,
        realm: 'shop',
        clientId: 'orders-api',
        dpop: { required: true, algorithms: ['ES256'] },
      },
      source,
    );
    const check = guard.protectInline();
    const cold = check({ authorization: `Bearer ${alice}` });
    expect(cold).toBeInstanceOf(Promise);
    expect((await refusal(cold)).wwwAuthenticate).toBe(REQUIRED);
    let warm: unknown;
    try {
      warm = check({ authorization: `Bearer ${alice}` });
    } catch (error) {
      warm = Promise.reject(error);
    }
    expect((await refusal(warm)).wwwAuthenticate).toBe(REQUIRED);
    expect((await refusal(guard.protect()({}))).wwwAuthenticate).toBe('DPoP algs="ES256", realm="shop"');
    await guard.close();
  });
});
