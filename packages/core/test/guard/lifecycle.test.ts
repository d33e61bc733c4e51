import { KeycloakGuard, KeycloakGuardError, type KeycloakGuardOptions, type RequestSource } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { Agent, request as undiciRequest } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedConnectionToken,
  startCountingProxy,
  type CountingProxy,
} from '../../../../test/support/guard/counting-proxy.js';
import { shopRealm } from '../../../../test/support/guard/realm.js';
import { umaShopRealm, unnamedPathsEnforcer } from '../../../../test/support/guard/uma-realm.js';

interface PlainRequest {
  token: string;
  realm?: string;
  path?: string;
}

const source: RequestSource<PlainRequest> = {
  rawHeaders: (r) => ['Authorization', `Bearer ${r.token}`],
  query: () => undefined,
  enforcerRequest: (r) => ({ method: 'GET', path: r.path ?? '/' }),
};
const refusal = (promise: Promise<unknown>): Promise<KeycloakGuardError> =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(KeycloakGuardError);
      return e as KeycloakGuardError;
    },
  );
const ZERO_DECISIONS = { cachedDecisions: 0, cacheHits: 0, umaRequests: 0, coalesced: 0, tokenHits: 0, sharedHits: 0 };

let kc: KeycloakTestServer;
let proxy: CountingProxy;
let bob: string;
let shopBob: string;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [umaShopRealm, shopRealm] });
  proxy = await startCountingProxy(kc.url);
  bob = await closedConnectionToken(proxy.url, 'uma-shop', 'bob', 'bob-password');
  shopBob = await closedConnectionToken(proxy.url, 'shop', 'bob', 'bob-password');
  await proxy.idle();
});
afterAll(async () => {
  await proxy?.close();
  await kc?.close();
});

const options = (extra: Partial<KeycloakGuardOptions<PlainRequest>> = {}): KeycloakGuardOptions<PlainRequest> => ({
  serverUrl: proxy.url,
  realm: 'uma-shop',
  clientId: 'orders-api',
  clientSecret: 'orders-secret',
  ...extra,
});

describe('KeycloakGuard.close()', () => {
  it('closes every connection it opened to Keycloak: JWKS, UMA, Protection API and admin calls', async () => {
    const guard = new KeycloakGuard<PlainRequest>(options(), source);
    await guard.protect()({ token: bob });
    await guard.protect('orders:read')({ token: bob });
    await guard.protect({ config: unnamedPathsEnforcer })({ token: bob, path: '/api/documents/7' });
    await guard.admin.getRealm('uma-shop').catch(() => undefined);
    expect(proxy.open).toBeGreaterThan(0);

    await guard.close();
    // The proxy asks clients to keep idle sockets ten minutes: only close() can have ended them now.
    await proxy.idle();
    expect(proxy.open).toBe(0);
  });

  it('refuses checks after it with 503 guard_closed and Retry-After, and its admin client with ERR_OPERATION', async () => {
    const guard = new KeycloakGuard<PlainRequest>(options({ retryAfterSeconds: 7 }), source);
    const check = guard.protect();
    await check({ token: bob });
    await guard.close();

    const error = await refusal(check({ token: bob }));
    expect(error).toMatchObject({
      status: 503,
      code: 'ERR_KEYCLOAK_UNAVAILABLE',
      reason: 'guard_closed',
      error: 'temporarily_unavailable',
    });
    expect(error.headers).toEqual({ 'retry-after': '7' });
    expect(error.toJSON()).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'The service is shutting down; retry later',
    });
    // A route compiled after close() is refused the same way, even for a token still in the cache.
    expect((await refusal(guard.protect('orders:read')({ token: bob }))).reason).toBe('guard_closed');
    expect(() => guard.admin).toThrow(
      expect.objectContaining({ code: 'ERR_OPERATION', message: 'The Keycloak guard is closed' }),
    );
    expect(guard.stats.closed).toBe(true);
  });

  it('is idempotent: a second close() resolves too', async () => {
    const guard = new KeycloakGuard<PlainRequest>(options(), source);
    await guard.protect()({ token: bob });
    const first = guard.close();
    const second = guard.close();
    expect(second).toBe(first);
    await expect(Promise.all([first, second, guard.close()])).resolves.toEqual([undefined, undefined, undefined]);
  });

  it('leaves a dispatcher given in the options open for its owner', async () => {
    const dispatcher = new Agent();
    try {
      const guard = new KeycloakGuard<PlainRequest>(options({ dispatcher }), source);
      await guard.protect('orders:read')({ token: bob });
      await guard.close();
      const after = await undiciRequest(`${proxy.url}/realms/uma-shop`, { dispatcher });
      await after.body.dump();
      expect(after.statusCode).toBe(200);
    } finally {
      await dispatcher.close();
    }
    await proxy.idle();
  });

  it('closes the realms of a realm resolver and of an issuer allow-list', async () => {
    const resolved = new KeycloakGuard<PlainRequest>(options({ realm: (r) => r.realm }), source);
    const issuers = new KeycloakGuard<PlainRequest>(
      options({ realm: undefined, allowedIssuers: [`${proxy.url}/realms/shop`, `${proxy.url}/realms/uma-shop`] }),
      source,
    );
    await resolved.protect('orders:read')({ token: bob, realm: 'uma-shop' });
    await resolved.protect()({ token: shopBob, realm: 'shop' });
    await issuers.protect()({ token: shopBob });
    await issuers.protect('orders:read')({ token: bob });
    await Promise.all([resolved.close(), issuers.close()]);
    await proxy.idle();
    expect(proxy.open).toBe(0);
    expect([resolved.stats.realmsCached, issuers.stats.realmsCached]).toEqual([0, 0]);
  });
});

describe('KeycloakGuard.stats', () => {
  it('counts verified tokens, signature checks and UMA decisions of its realm', async () => {
    const guard = new KeycloakGuard<PlainRequest>(options(), source);
    const issuer = `${proxy.url}/realms/uma-shop`;
    const zero = {
      realm: 'uma-shop',
      issuer,
      verifier: { cacheHits: 0, signatureVerifications: 0, cachedTokens: 0 },
      introspector: undefined,
      decisions: ZERO_DECISIONS,
    };
    expect(guard.stats).toEqual({ closed: false, realmsCached: 1, realms: [zero] });

    const check = guard.protect('orders:read');
    await check({ token: bob });
    await check({ token: bob });
    await guard
      .protect('orders:write')({ token: bob })
      .catch(() => undefined);
    expect(guard.stats.realms).toEqual([
      {
        ...zero,
        verifier: { cacheHits: 2, signatureVerifications: 1, cachedTokens: 1 },
        decisions: { cachedDecisions: 2, cacheHits: 1, umaRequests: 2, coalesced: 0, tokenHits: 0, sharedHits: 0 },
      },
    ]);
    await guard.close();
  });

  it('lists the realms a resolver keeps, at most maxRealms, most recently used first', async () => {
    const guard = new KeycloakGuard<PlainRequest>(options({ realm: (r) => r.realm, maxRealms: 1 }), source);
    expect(guard.stats).toEqual({ closed: false, realmsCached: 0, realms: [] });
    await guard.protect()({ token: bob, realm: 'uma-shop' });
    await guard.protect()({ token: shopBob, realm: 'shop' });
    const { realmsCached, realms } = guard.stats;
    expect(realmsCached).toBe(1);
    expect(realms.map(({ realm, issuer, verifier }) => ({ realm, issuer, verifier }))).toEqual([
      {
        realm: 'shop',
        issuer: `${proxy.url}/realms/shop`,
        verifier: { cacheHits: 0, signatureVerifications: 1, cachedTokens: 1 },
      },
    ]);
    await guard.close();
  });

  it("reports the introspector's counters and no verifier with introspection, which verifies nothing locally", async () => {
    const guard = new KeycloakGuard<PlainRequest>(options({ validation: 'introspect' }), source);
    const check = guard.protect();
    await Promise.all([check({ token: bob }), check({ token: bob })]);
    await check({ token: bob });
    const [realm] = guard.stats.realms;
    expect(realm).toStrictEqual({
      realm: 'uma-shop',
      issuer: `${proxy.url}/realms/uma-shop`,
      verifier: undefined,
      introspector: { cacheHits: 1, introspections: 1, coalesced: 1, cachedTokens: 1, sharedHits: 0 },
      decisions: ZERO_DECISIONS,
    });
    await guard.close();
  });

  it('answers revocation callbacks 503 once closed, and when revocation is off, never reading them', async () => {
    const body = { contentType: 'application/x-www-form-urlencoded', body: 'logout_token=x' };
    const unavailable = {
      status: 503,
      headers: { 'cache-control': 'no-store', 'retry-after': '7' },
      body: undefined,
    };
    const open = new KeycloakGuard<PlainRequest>(options({ retryAfterSeconds: 7, revocation: true }), source);
    // Open and on: the callback is read (and this one refused as malformed), not answered 503.
    expect((await open.receiveRevocation('backchannel-logout', { token: '' }, body)).status).toBe(400);
    await open.close();
    expect(await open.receiveRevocation('backchannel-logout', { token: '' }, body)).toEqual(unavailable);
    const off = new KeycloakGuard<PlainRequest>(options({ retryAfterSeconds: 7, revocation: false }), source);
    expect(await off.receiveRevocation('k_logout', { token: '' }, body)).toEqual(unavailable);
    await off.close();
  });
});
