import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteKeySet } from '@keycloak-ts/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invalidTokenError, reasonOf } from '../token/support/expect-invalid.js';
import { generateTestKey, type TestKey } from '../token/support/keys.js';
import { fakeClock, startRealmServer, type RealmServer } from '../token/support/realm-server.js';

// RemoteKeySet's own API: when it fetches and when it does not, counted on a realm served over HTTP.

const rsa: TestKey = generateTestKey('RS256');
const ec: TestKey = generateTestKey('ES256');
let realm: RealmServer;
let clock: ReturnType<typeof fakeClock>;

beforeEach(async () => {
  realm = await startRealmServer([rsa]);
  clock = fakeClock();
});
afterEach(() => realm.close());

const keySet = () => new RemoteKeySet({ jwksUri: realm.jwksUri, now: clock.now, cooldownDuration: 30_000 });

describe('RemoteKeySet fetches', () => {
  it('fetches no more for a known kid once loaded, past the cooldown but within cacheMaxAge', async () => {
    const set = keySet();
    await set.getKey({ alg: 'RS256', kid: rsa.kid });
    clock.advance(60_000);
    await set.getKey({ alg: 'RS256', kid: rsa.kid });
    await set.getKey({ alg: 'RS256' });
    expect(realm.jwksFetches).toBe(1);
  });

  it('lets concurrent first calls share the one fetch', async () => {
    const set = keySet();
    const keys = await Promise.all([set.getKey({ alg: 'RS256', kid: rsa.kid }), set.getKey({ alg: 'RS256' })]);
    expect(keys[0]).toBe(keys[1]);
    expect(realm.jwksFetches).toBe(1);
  });

  it('answers unknown_kid for a key it cannot import, and for a kid it does not have', async () => {
    const weak = generateTestKey('RS256');
    realm.extraJwks = [{ ...weak.jwk, kid: 'weak', n: Buffer.alloc(128, 0xab).toString('base64url') }];
    const set = keySet();
    const refused = await invalidTokenError(set.getKey({ alg: 'RS256', kid: 'weak' }));
    expect(refused.reason).toBe('unknown_kid');
    expect(refused.message).toBe('The matching JWKS key cannot be imported');
    expect(await reasonOf(set.getKey({ alg: 'RS256', kid: 'absent' }))).toBe('unknown_kid');
  });

  it('takes the first key of a kid, even when a later one shares it', async () => {
    realm.extraJwks = [{ ...generateTestKey('RS256').jwk, kid: rsa.kid }];
    const set = keySet();
    const key = await set.getKey({ alg: 'RS256', kid: rsa.kid });
    expect(key.export({ format: 'jwk' }).n).toBe(rsa.jwk.n);
  });

  it('refetches for an algorithm it does not advertise at most once per cooldown', async () => {
    const set = keySet();
    expect(await set.advertises('RS256')).toBe(true);
    realm.keys = [rsa, ec];
    expect(await set.advertises('ES256')).toBe(false);
    expect(await set.advertises('ES256')).toBe(false);
    expect(realm.jwksFetches).toBe(1);
    clock.advance(30_000);
    expect(await set.advertises('ES256')).toBe(true);
    expect(realm.jwksFetches).toBe(2);
  });

  it('advertisesNow: any key of the set naming the alg, once loaded and fresh', async () => {
    realm.keys = [rsa, ec];
    const set = keySet();
    expect(set.advertisesNow('ES256')).toBe(false);
    await set.reload();
    expect(set.advertisesNow('RS256')).toBe(true);
    expect(set.advertisesNow('ES256')).toBe(true);
    expect(set.advertisesNow('PS256')).toBe(false);
    clock.advance(600_000);
    expect(set.advertisesNow('RS256')).toBe(false);
  });

  it('refuses a body that is not a JWKS as keycloak_error with the status', async () => {
    const server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"not":1}'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const set = new RemoteKeySet({ jwksUri: `http://127.0.0.1:${port}/certs`, now: clock.now });
      const error = await invalidTokenError(set.getKey({ alg: 'RS256' }));
      expect(error.reason).toBe('keycloak_error');
      expect(error.status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
