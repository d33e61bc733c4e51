import { RemoteKeySet } from '@keycloak-ts/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySignedJws } from '../../src/token/signed-jws.js';
import { reasonOf } from './support/expect-invalid.js';
import { generateTestKey, signRaw, type TestKey } from './support/keys.js';
import { startRealmServer, type RealmServer } from './support/realm-server.js';

// verifySignedJws: the logout tokens and admin actions Keycloak signs, checked with the realm's keys and the
// access tokens' algorithm rules; the claims are the caller's.

const key: TestKey = generateTestKey('RS256');
let realm: RealmServer;
beforeEach(async () => {
  realm = await startRealmServer([key]);
});
afterEach(() => realm.close());

const options = (algorithms = ['RS256'], advertised = false) => ({
  keySet: new RemoteKeySet({ jwksUri: realm.jwksUri }),
  algorithms: new Set(algorithms),
  advertised,
  maxTokenSize: 8192,
});
const header = (alg = 'RS256') => JSON.stringify({ alg, kid: key.kid, typ: 'logout+jwt' });

describe('verifySignedJws', () => {
  it('returns the header and claims of a JWS a realm key signed', async () => {
    const token = signRaw(header(), '{"sid":"s1","events":{}}', key);
    await expect(verifySignedJws(token, options())).resolves.toEqual({
      header: { alg: 'RS256', kid: key.kid, typ: 'logout+jwt' },
      claims: { sid: 's1', events: {} },
    });
  });

  it('refuses a JWS without a signature, or with one of another payload', async () => {
    const token = signRaw(header(), '{"sid":"s1"}', key);
    const [h, p] = token.split('.');
    expect(await reasonOf(verifySignedJws(`${h}.${p}.`, options()))).toBe('bad_signature');
    const other = signRaw(header(), '{"sid":"s2"}', key).split('.')[2];
    expect(await reasonOf(verifySignedJws(`${h}.${p}.${other}`, options()))).toBe('bad_signature');
  });

  it('refuses an algorithm outside the list, and one the realm keys do not name when only advertised ones count', async () => {
    const token = signRaw(header(), '{"sid":"s1"}', key);
    expect(await reasonOf(verifySignedJws(token, options(['ES256'])))).toBe('unsupported_alg');
    const advertisedOnly = signRaw(header('PS256'), '{"sid":"s1"}', key);
    expect(await reasonOf(verifySignedJws(advertisedOnly, options([], true)))).toBe('unsupported_alg');
    await expect(verifySignedJws(token, options([], true))).resolves.toMatchObject({ claims: { sid: 's1' } });
  });
});
