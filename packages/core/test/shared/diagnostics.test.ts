import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import {
  CACHE_CHANNEL,
  GUARD_DECISION_CHANNEL,
  HTTP_REQUEST_CHANNEL,
  KeycloakGuard,
  type GuardDecisionMessage,
  type KeycloakCacheMessage,
  type KeycloakHttpRequestMessage,
  type RequestSource,
} from '@keycloak-ts/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type ShopKeycloak } from '../../../../test/support/guard/realm.js';
import { umaShopRealm } from '../../../../test/support/guard/uma-realm.js';

interface PlainRequest {
  rawHeaders: string[];
}
const source: RequestSource<PlainRequest> = { rawHeaders: (r) => r.rawHeaders, query: () => undefined };
const bearer = (token: string): PlainRequest => ({ rawHeaders: ['Authorization', `Bearer ${token}`] });

/** Everything published on the three channels while a test runs. */
function listen() {
  const seen = {
    decisions: [] as GuardDecisionMessage[],
    calls: [] as KeycloakHttpRequestMessage[],
    lookups: [] as KeycloakCacheMessage[],
  };
  const listeners: Array<[string, (message: unknown) => void]> = [
    [GUARD_DECISION_CHANNEL, (message) => seen.decisions.push(message as GuardDecisionMessage)],
    [HTTP_REQUEST_CHANNEL, (message) => seen.calls.push(message as KeycloakHttpRequestMessage)],
    [CACHE_CHANNEL, (message) => seen.lookups.push(message as KeycloakCacheMessage)],
  ];
  for (const [name, listener] of listeners) subscribe(name, listener);
  return { seen, stop: () => listeners.forEach(([name, listener]) => unsubscribe(name, listener)) };
}

describe('diagnostics_channel messages', () => {
  let shop: ShopKeycloak;
  let alice: string;
  let bob: string;
  const guards: KeycloakGuard<PlainRequest>[] = [];
  let stop: (() => void) | undefined;
  const guard = (extra: object = {}) => {
    const made = new KeycloakGuard<PlainRequest>(
      { serverUrl: shop.serverUrl, realm: 'shop', clientId: 'orders-api', ...extra },
      source,
    );
    guards.push(made);
    return made;
  };

  beforeAll(async () => {
    shop = await startShop([umaShopRealm]);
    alice = await shop.tokenFor('alice');
    bob = await shop.tokenFor('bob', 'uma-shop');
  });
  afterEach(() => stop?.());
  afterAll(async () => {
    await Promise.all(guards.map((made) => made.close()));
    await shop?.close();
  });

  it('publish a cold then a warm decision, the JWKS call, and the token and key cache lookups', async () => {
    const listening = listen();
    stop = listening.stop;
    const check = guard().protect({ roles: ['realm:admin'] });
    await check(bearer(alice));
    await check(bearer(alice));
    await check(bearer('not.a.token')).catch(() => undefined);
    const { decisions, calls, lookups } = listening.seen;
    expect(decisions.map(({ durationMs, startTime, ...rest }) => rest)).toEqual([
      { allowed: true, reason: undefined, status: undefined, realm: 'shop', clientId: 'orders-api', spec: 'claims' },
      { allowed: true, reason: undefined, status: undefined, realm: 'shop', clientId: 'orders-api', spec: 'claims' },
      { allowed: false, reason: 'malformed', status: 401, realm: 'shop', clientId: 'orders-api', spec: 'claims' },
    ]);
    for (const { durationMs, startTime } of decisions) {
      expect(durationMs).toBeGreaterThanOrEqual(0);
      expect(Math.abs(startTime - Date.now())).toBeLessThan(60_000);
    }
    expect(calls.map(({ durationMs, startTime, ...rest }) => rest)).toEqual([
      {
        method: 'GET',
        endpoint: 'jwks',
        realm: 'shop',
        url: `${shop.serverUrl}/realms/shop/protocol/openid-connect/certs`,
        status: 200,
        error: undefined,
      },
    ]);
    expect(lookups).toEqual([
      { cache: 'token', hit: false, realm: 'shop' },
      { cache: 'jwks', hit: false, realm: 'shop' },
      { cache: 'token', hit: true, realm: 'shop' },
      { cache: 'token', hit: false, realm: 'shop' },
    ]);
  });

  it('publish a UMA route: the grant call, the decision cache miss then hit, and a refusal with its reason', async () => {
    const made = guard({ realm: 'uma-shop' });
    const read = made.protect('orders:read');
    const write = made.protect('orders:write');
    await read(bearer(bob)); // keys loaded before anyone listens
    const listening = listen();
    stop = listening.stop;
    await read(bearer(bob));
    await write(bearer(bob)).catch(() => undefined);
    await write(bearer(bob)).catch(() => undefined);
    const { decisions, calls, lookups } = listening.seen;
    expect(
      decisions.map(({ allowed, reason, status, spec, realm }) => ({ allowed, reason, status, spec, realm })),
    ).toEqual([
      { allowed: true, reason: undefined, status: undefined, spec: 'permissions', realm: 'uma-shop' },
      { allowed: false, reason: 'permission_denied', status: 403, spec: 'permissions', realm: 'uma-shop' },
      { allowed: false, reason: 'permission_denied', status: 403, spec: 'permissions', realm: 'uma-shop' },
    ]);
    // Keycloak answers a refused UMA grant 403: the call has that status and no error code.
    expect(
      calls.map(({ method, endpoint, realm, status, error }) => ({ method, endpoint, realm, status, error })),
    ).toEqual([{ method: 'POST', endpoint: 'uma', realm: 'uma-shop', status: 403, error: undefined }]);
    expect(lookups.filter((lookup) => lookup.cache === 'uma-decision')).toEqual([
      { cache: 'uma-decision', hit: true, realm: 'uma-shop' },
      { cache: 'uma-decision', hit: false, realm: 'uma-shop' },
      { cache: 'uma-decision', hit: true, realm: 'uma-shop' },
    ]);
  });

  it('publish a call that got no answer with its error code, and the startup check calls by endpoint', async () => {
    const listening = listen();
    stop = listening.stop;
    shop.server.faults.inject('certs', { kind: 'reset', times: 1 });
    await guard()
      .ready()
      .catch(() => undefined);
    shop.server.faults.clear();
    const byEndpoint = listening.seen.calls.map(({ endpoint, status, error }) => ({ endpoint, status, error }));
    expect(byEndpoint).toEqual(
      expect.arrayContaining([
        { endpoint: 'discovery', status: 200, error: undefined },
        { endpoint: 'jwks', status: undefined, error: 'ERR_CONNECTION' },
      ]),
    );
  });
});
