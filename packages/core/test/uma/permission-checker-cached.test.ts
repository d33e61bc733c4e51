import {
  PermissionChecker,
  PermissionSet,
  type KeycloakAccessTokenClaims,
  type PermissionSpec,
} from '@keycloak-ts/core';
import { afterEach, describe, expect, it } from 'vitest';
import { useUmaServer } from './support/server.js';

const server = useUmaServer();
const umaCalls = (): number => server.kc.counters.get('uma-grant');
const checker = (options: Partial<ConstructorParameters<typeof PermissionChecker>[0]> = {}): PermissionChecker =>
  new PermissionChecker({ openid: server.openid, now: () => server.kc.clock.now(), ...options });
/** A decision without its source, to compare what the two paths decided. */
const verdict = ({ source: _source, ...decision }: { source: string }): object => decision;

afterEach(() => server.kc.faults.clear());

describe('PermissionChecker.checkCached', () => {
  it.each<[string, 'alice' | 'bob' | 'carol', PermissionSpec | PermissionSpec[]]>([
    ['a full grant', 'bob', 'docs#read,write'],
    ['a partial grant', 'alice', ['docs#read', 'docs#write']],
    ['a refusal of everything', 'carol', ['docs#read', 'albums']],
    ['an unknown resource', 'bob', 'ghost#read'],
    ['an unknown scope', 'bob', 'docs#fly'],
    ['a resource without scopes', 'bob', 'status'],
    [
      'one scope of two in mode ANY',
      'alice',
      { resource: 'docs', scopes: ['read', 'write'], scopesEnforcementMode: 'ANY' },
    ],
  ])('returns what check decided for %s, synchronously, once check has asked Keycloak', async (_case, user, needs) => {
    const { token, claims } = await server.login(user);
    const cache = checker();
    expect(cache.checkCached(claims, token, needs)).toBeUndefined();
    const asked = await cache.check(claims, token, needs);
    expect(asked.source).toBe('keycloak');
    const before = umaCalls();
    const known = cache.checkCached(claims, token, needs);
    expect(known).not.toBeInstanceOf(Promise);
    expect(known?.source).toBe('cache');
    expect(verdict(known as { source: string })).toEqual(verdict(asked));
    expect(verdict(await cache.check(claims, token, needs))).toEqual(verdict(asked));
    expect(umaCalls()).toBe(before);
    expect(cache.stats).toMatchObject({ umaRequests: 1, cacheHits: 2 });
  });

  it('serves the same frozen decision to every warm check of a verified token', async () => {
    const { token, claims } = await server.login('bob');
    const frozen = Object.freeze(structuredClone(claims)) as KeycloakAccessTokenClaims;
    const cache = checker();
    const needs = PermissionSet.from('docs#read');
    await cache.check(frozen, token, needs);
    const first = cache.checkCached(frozen, token, needs);
    expect(first).toBeDefined();
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.granted)).toBe(true);
    expect(cache.checkCached(frozen, token, PermissionSet.from('docs#read'))).toBe(first);
  });

  it('keeps a decision no longer than cacheMaxAge on the injected clock', async () => {
    const { token, claims } = await server.login('bob');
    const cache = checker({ cacheMaxAge: 10_000 });
    await cache.check(claims, token, 'albums');
    server.kc.clock.advance(9_999);
    expect(cache.checkCached(claims, token, 'albums')).toMatchObject({ allowed: true, source: 'cache' });
    server.kc.clock.advance(1);
    expect(cache.checkCached(claims, token, 'albums')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps a decision no longer than the token lives', async () => {
    const { token, claims } = await server.login('bob');
    const cache = checker({ cacheMaxAge: 24 * 3600_000 });
    await cache.check(claims, token, 'albums');
    server.kc.clock.set(claims.exp * 1000 - 1);
    expect(cache.checkCached(claims, token, 'albums')).toMatchObject({ source: 'cache' });
    server.kc.clock.set(claims.exp * 1000);
    expect(cache.checkCached(claims, token, 'albums')).toBeUndefined();
  });

  it('keys pushed claims by value, as check does', async () => {
    const { token, claims } = await server.login('bob');
    const cache = checker();
    await cache.check(claims, token, 'docs#read', { claims: { a: '1', b: ['2', '3'] } });
    expect(cache.checkCached(claims, token, 'docs#read', { claims: { b: ['2', '3'], a: ['1'] } })).toMatchObject({
      allowed: true,
      source: 'cache',
    });
    expect(cache.checkCached(claims, token, 'docs#read', { claims: { a: '2' } })).toBeUndefined();
    expect(cache.checkCached(claims, token, 'docs#read')).toBeUndefined();
  });

  it('does not share a decision between users', async () => {
    const bob = await server.login('bob');
    const carol = await server.login('carol');
    const cache = checker();
    await cache.check(bob.claims, bob.token, 'docs#read');
    expect(cache.checkCached(carol.claims, carol.token, 'docs#read')).toBeUndefined();
  });

  it('decides from the permissions an RPT carries without any earlier check', async () => {
    const { token } = await server.login('bob');
    const response = await server.openid.connection.request<{ access_token: string }>({
      method: 'POST',
      path: 'realms/uma/protocol/openid-connect/token',
      headers: { authorization: `Bearer ${token}` },
      body: {
        form: {
          grant_type: 'urn:ietf:params:oauth:grant-type:uma-ticket',
          audience: 'api',
          permission: 'docs#read,write',
        },
      },
    });
    const rpt = response.body.access_token;
    const claims = await server.openid.decodeToken(rpt);
    const cache = checker();
    const before = umaCalls();
    expect(cache.checkCached(claims, rpt, 'docs#write')).toMatchObject({
      allowed: true,
      source: 'token',
      missing: [],
      granted: [expect.objectContaining({ rsname: 'docs' })],
    });
    expect(cache.checkCached(claims, rpt, 'albums')).toBeUndefined();
    expect(checker({ useTokenPermissions: false }).checkCached(claims, rpt, 'docs#write')).toBeUndefined();
    expect(checker({ audience: 'other-api' }).checkCached(claims, rpt, 'docs#write')).toBeUndefined();
    expect(umaCalls()).toBe(before);
    expect(cache.stats).toMatchObject({ tokenHits: 1, umaRequests: 0 });
  });

  it('throws ERR_PERMISSION_FORMAT for malformed needs, synchronously', async () => {
    const { token, claims } = await server.login('bob');
    expect(() => checker().checkCached(claims, token, 'docs#')).toThrow(
      expect.objectContaining({ code: 'ERR_PERMISSION_FORMAT' }),
    );
  });

  it('caches nothing for a check Keycloak failed, so the next warm read misses', async () => {
    const { token, claims } = await server.login('bob');
    const cache = checker();
    server.kc.faults.inject('uma-grant', { kind: 'status', status: 503, times: 1 });
    await expect(cache.check(claims, token, 'docs#read')).rejects.toMatchObject({ code: 'ERR_HTTP', status: 503 });
    expect(cache.checkCached(claims, token, 'docs#read')).toBeUndefined();
  });
});
