import { KeycloakGuard, MemoryStore } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { resolveRevocationOptions } from '../../src/revocation/options.js';
import { decodeEntry, encodeEntry, RevocationList } from '../../src/revocation/revocation-list.js';

const ISS = 'https://kc.example.com/realms/acme';
const source = { rawHeaders: () => [], query: () => undefined };

describe('RevocationList', () => {
  it('revokes tokens of a session issued at or before the logout, not those issued after', () => {
    const list = new RevocationList(
      10,
      3_600_000,
      () => 1_000_000,
      () => {},
    );
    list.apply({ kind: 'sid', issuer: ISS, value: 's1', at: 1_000 });
    expect(list.revoked({ iss: ISS, sid: 's1', sub: 'u', iat: 999 })).toBe(true);
    expect(list.revoked({ iss: ISS, sid: 's1', sub: 'u', iat: 1_000 })).toBe(true);
    expect(list.revoked({ iss: ISS, sid: 's1', sub: 'u', iat: 1_001 })).toBe(false);
    expect(list.revoked({ iss: ISS, sid: 's2', sub: 'u', iat: 999 })).toBe(false);
    expect(list.revoked({ iss: `${ISS}2`, sid: 's1', sub: 'u', iat: 999 })).toBe(false);
  });

  it('forgets a revocation once every token it could concern has expired', () => {
    let now = 1_000_000;
    const list = new RevocationList(
      10,
      60_000,
      () => now,
      () => {},
    );
    list.apply({ kind: 'sub', issuer: ISS, value: 'u', at: 1_000 });
    now = 1_000_000 + 59_999;
    expect(list.revoked({ iss: ISS, sub: 'u', iat: 1_000 })).toBe(true);
    now = 1_000_000 + 60_000;
    expect(list.revoked({ iss: ISS, sub: 'u', iat: 1_000 })).toBe(false);
    expect(list.entries()).toEqual([]);
  });

  it('keeps the latest not-before of a realm, and tells when a live revocation is evicted', () => {
    let evicted = 0;
    const list = new RevocationList(
      1,
      3_600_000,
      () => 1_000_000,
      () => evicted++,
    );
    list.apply({ kind: 'notBefore', issuer: ISS, at: 500 });
    expect(list.apply({ kind: 'notBefore', issuer: ISS, at: 400 })).toBe(false);
    expect(list.notBefore(ISS)).toBe(500);
    list.apply({ kind: 'sid', issuer: ISS, value: 'a', at: 900 });
    list.apply({ kind: 'sid', issuer: ISS, value: 'b', at: 900 });
    expect(evicted).toBe(1);
  });

  it('reads back what it wrote and nothing else from the channel', () => {
    const entry = { kind: 'sid', issuer: ISS, value: 's1', at: 12 } as const;
    expect(decodeEntry(encodeEntry(entry))).toEqual(entry);
    expect(decodeEntry(encodeEntry({ kind: 'notBefore', issuer: ISS, at: 5 }))).toEqual({
      kind: 'notBefore',
      issuer: ISS,
      at: 5,
    });
    for (const garbage of ['', 'null', '{"k":"sid","i":"x","at":1}', '{"k":"jti","i":"x","v":"y","at":1}', '[1]', 5])
      expect(decodeEntry(garbage)).toBeUndefined();
  });
});

describe('revocation options', () => {
  it('defaults to the receivers at / for the API client, 10 h, 100 000 entries', () => {
    expect(resolveRevocationOptions(true, 'api')).toEqual({
      path: '/',
      logoutTokenAudiences: ['api'],
      maxTokenLifetime: 36_000_000,
      maxEntries: 100_000,
    });
    expect(resolveRevocationOptions({ path: '/keycloak' }, 'api')?.path).toBe('/keycloak/');
    expect(resolveRevocationOptions(false, 'api')).toBeUndefined();
  });

  it('refuses bad revocation and storeDown options at construction, naming them', () => {
    const base = { serverUrl: 'http://127.0.0.1:1', realm: 'acme', clientId: 'api' };
    expect(() => new KeycloakGuard({ ...base, revocation: { path: 'k' } }, source)).toThrow(
      new TypeError('"revocation.path" must be a path starting with "/"'),
    );
    expect(() => new KeycloakGuard({ ...base, revocation: { logoutTokenAudiences: [] } }, source)).toThrow(
      /"revocation.logoutTokenAudiences" must be/,
    );
    expect(() => new KeycloakGuard({ ...base, storeDown: 'closed' as never }, source)).toThrow(
      new TypeError('"storeDown" must be "fail-open" or "fail-closed"'),
    );
  });

  it('answers a path of the receivers only with the option on', async () => {
    const on = new KeycloakGuard(
      {
        serverUrl: 'http://127.0.0.1:1',
        realm: 'acme',
        clientId: 'api',
        revocation: { path: '/kc' },
        store: new MemoryStore(),
      },
      source,
    );
    const off = new KeycloakGuard({ serverUrl: 'http://127.0.0.1:1', realm: 'acme', clientId: 'api' }, source);
    expect(
      ['/kc/k_logout', '/kc/k_push_not_before', '/kc/backchannel-logout', '/k_logout', '/kc/other'].map((path) =>
        on.revocationEndpoint(path),
      ),
    ).toEqual(['k_logout', 'k_push_not_before', 'backchannel-logout', undefined, undefined]);
    expect(off.revocationEndpoint('/k_logout')).toBeUndefined();
    await on.close();
    await off.close();
  });
});
