import {
  KeycloakInvalidTokenError,
  PermissionChecker,
  PermissionSet,
  type KeycloakAccessTokenClaims,
} from '@keycloak-ts/core';
import { afterEach, describe, expect, it } from 'vitest';
import { useUmaServer } from './support/server.js';

const server = useUmaServer();
const umaCalls = (): number => server.kc.counters.get('uma-grant');
const checker = (options: Partial<ConstructorParameters<typeof PermissionChecker>[0]> = {}): PermissionChecker =>
  new PermissionChecker({ openid: server.openid, now: () => server.kc.clock.now(), ...options });

afterEach(() => server.kc.faults.clear());

describe('PermissionChecker decisions', () => {
  it('allows a need Keycloak grants in full and returns the grants', async () => {
    const { token, claims } = await server.login('bob');
    const decision = await checker().check(claims, token, 'docs#read,write');
    expect(decision).toMatchObject({ allowed: true, missing: [], source: 'keycloak' });
    expect(decision.granted).toEqual([expect.objectContaining({ rsname: 'docs', scopes: ['read', 'write'] })]);
  });

  it('names the scopes that were not granted when the grant is partial', async () => {
    const { token, claims } = await server.login('alice');
    const decision = await checker().check(claims, token, ['docs#read', 'docs#write']);
    expect(decision).toMatchObject({ allowed: false, missing: ['docs#write'] });
    expect(decision.granted).toEqual([expect.objectContaining({ rsname: 'docs', scopes: ['read'] })]);
  });

  it('reports every need missing with access_denied when Keycloak grants nothing', async () => {
    const { token, claims } = await server.login('carol');
    const decision = await checker().check(claims, token, ['docs#read', 'albums']);
    expect(decision).toEqual({
      allowed: false,
      granted: [],
      missing: ['albums', 'docs#read'],
      refusal: 'access_denied',
      source: 'keycloak',
    });
  });

  it('denies an unknown resource or scope with Keycloak refusal code instead of failing', async () => {
    const { token, claims } = await server.login('bob');
    expect(await checker().check(claims, token, 'ghost#read')).toMatchObject({
      allowed: false,
      missing: ['ghost#read'],
      refusal: 'invalid_resource',
    });
    expect(await checker().check(claims, token, 'docs#fly')).toMatchObject({
      allowed: false,
      missing: ['docs#fly'],
      refusal: 'invalid_scope',
    });
  });

  it('treats a granted resource without scopes as the whole resource', async () => {
    const { token, claims } = await server.login('bob');
    expect(await checker().check(claims, token, 'status')).toMatchObject({
      allowed: true,
      granted: [expect.objectContaining({ rsname: 'status' })],
    });
  });

  it('needs one scope only in mode ANY and the resource only in mode DISABLED', async () => {
    const { token, claims } = await server.login('alice');
    const any = await checker().check(claims, token, {
      resource: 'docs',
      scopes: ['read', 'write'],
      scopesEnforcementMode: 'ANY',
    });
    expect(any).toMatchObject({ allowed: true, missing: [] });
    const { token: carolToken, claims: carol } = await server.login('carol');
    const none = await checker().check(carol, carolToken, {
      resource: 'docs',
      scopes: ['read', 'write'],
      scopesEnforcementMode: 'ANY',
    });
    expect(none.missing).toEqual(['docs#read|write']);
    expect(
      await checker().check(claims, token, { resource: 'docs', scopes: ['write'], scopesEnforcementMode: 'DISABLED' }),
    ).toMatchObject({ allowed: true });
  });

  it('throws reason revoked when Keycloak refuses the bearer token', async () => {
    const { token, claims } = await server.login('bob');
    server.kc.model.logoutAll('uma');
    const error = await checker()
      .check(claims, token, 'docs#read')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeycloakInvalidTokenError);
    expect(error).toMatchObject({ reason: 'revoked', status: 401 });
  });
});

describe('PermissionChecker cache', () => {
  it('answers a repeated need of the same session from the cache, in any order of writing', async () => {
    const { token, claims } = await server.login('bob');
    const cache = checker();
    const before = umaCalls();
    await cache.check(claims, token, 'docs#read,write');
    expect(await cache.check(claims, token, ['docs#write', 'docs#read'])).toMatchObject({
      allowed: true,
      source: 'cache',
    });
    expect(umaCalls() - before).toBe(1);
    expect(cache.stats).toMatchObject({ umaRequests: 1, cacheHits: 1 });
  });

  it('shares a decision between tokens of one session but not between users', async () => {
    const bob = await server.login('bob');
    const cache = checker();
    await cache.check(bob.claims, bob.token, 'docs#read');
    const refreshed = await server.openid.refreshToken(bob.refreshToken);
    const refreshedClaims = await server.openid.decodeToken(refreshed.access_token);
    expect(refreshedClaims.sid).toBe(bob.claims.sid);
    expect((await cache.check(refreshedClaims, refreshed.access_token, 'docs#read')).source).toBe('cache');
    const alice = await server.login('alice');
    expect((await cache.check(alice.claims, alice.token, 'docs#read')).source).toBe('keycloak');
  });

  it('asks Keycloak again for a token of the same session whose roles changed', async () => {
    const alice = await server.login('alice');
    const cache = checker();
    expect(await cache.check(alice.claims, alice.token, 'docs#write')).toMatchObject({
      allowed: false,
      source: 'keycloak',
    });
    const realm = server.kc.model.realm('uma')!;
    const writer = realm.clients.get('api')!.roles.get('writer')!;
    const user = [...realm.users.values()].find((candidate) => candidate.username === 'alice')!;
    user.roleMappings.add(writer);
    try {
      const refreshed = await server.openid.refreshToken(alice.refreshToken);
      const refreshedClaims = await server.openid.decodeToken(refreshed.access_token);
      expect(refreshedClaims.sid).toBe(alice.claims.sid);
      expect(await cache.check(refreshedClaims, refreshed.access_token, 'docs#write')).toMatchObject({
        allowed: true,
        source: 'keycloak',
      });
    } finally {
      user.roleMappings.delete(writer);
    }
  });

  it('keeps a decision no longer than cacheMaxAge on the injected clock', async () => {
    const { token, claims } = await server.login('bob');
    const cache = checker({ cacheMaxAge: 10_000 });
    await cache.check(claims, token, 'albums');
    server.kc.clock.advance(9_999);
    expect((await cache.check(claims, token, 'albums')).source).toBe('cache');
    server.kc.clock.advance(1);
    expect((await cache.check(claims, token, 'albums')).source).toBe('keycloak');
  });

  it('keeps a decision no longer than the token lives', async () => {
    const { token, claims } = await server.login('bob');
    const cache = checker({ cacheMaxAge: 24 * 3600_000 });
    await cache.check(claims, token, 'albums');
    server.kc.clock.set(claims.exp * 1000 - 1);
    expect((await cache.check(claims, token, 'albums')).source).toBe('cache');
    server.kc.clock.set(claims.exp * 1000 + 1000);
    const before = umaCalls();
    await expect(cache.check(claims, token, 'albums')).rejects.toMatchObject({ reason: 'revoked' });
    expect(umaCalls() - before).toBe(1);
  });

  it('holds at most maxEntries decisions, dropping the least recently used', async () => {
    const { token, claims } = await server.login('bob');
    const cache = checker({ maxEntries: 2 });
    for (const need of ['docs#read', 'docs#write', 'albums']) await cache.check(claims, token, need);
    expect(cache.size).toBe(2);
    expect((await cache.check(claims, token, 'albums')).source).toBe('cache');
    expect((await cache.check(claims, token, 'docs#read')).source).toBe('keycloak');
  });

  it('sends one UMA request for 1,000 concurrent identical first checks', async () => {
    const { token, claims } = await server.login('bob');
    const cache = checker();
    const needs = PermissionSet.from('docs#read');
    const before = umaCalls();
    const decisions = await Promise.all(Array.from({ length: 1000 }, () => cache.check(claims, token, needs)));
    expect(umaCalls() - before).toBe(1);
    expect(decisions.every((decision) => decision.allowed)).toBe(true);
    expect(cache.stats).toMatchObject({ umaRequests: 1, coalesced: 999 });
  });

  it('keys pushed claims by value, whatever their order', async () => {
    const { token, claims } = await server.login('bob');
    const cache = checker();
    const before = umaCalls();
    await cache.check(claims, token, 'docs#read', { claims: { a: '1', b: ['2', '3'] } });
    expect((await cache.check(claims, token, 'docs#read', { claims: { b: ['2', '3'], a: ['1'] } })).source).toBe(
      'cache',
    );
    expect((await cache.check(claims, token, 'docs#read', { claims: { a: '2' } })).source).toBe('keycloak');
    expect(umaCalls() - before).toBe(2);
  });
});

describe('PermissionChecker with an RPT', () => {
  async function rptFor(
    token: string,
    permission: string,
    audience = 'api',
  ): Promise<{ rpt: string; claims: KeycloakAccessTokenClaims }> {
    const response = await server.openid.connection.request<{ access_token: string }>({
      method: 'POST',
      path: 'realms/uma/protocol/openid-connect/token',
      headers: { authorization: `Bearer ${token}` },
      body: { form: { grant_type: 'urn:ietf:params:oauth:grant-type:uma-ticket', audience, permission } },
    });
    return { rpt: response.body.access_token, claims: await server.openid.decodeToken(response.body.access_token) };
  }

  it('uses the permissions the RPT carries without asking Keycloak', async () => {
    const { token } = await server.login('bob');
    const { rpt, claims } = await rptFor(token, 'docs#read,write');
    const before = umaCalls();
    const decision = await checker().check(claims, rpt, 'docs#write');
    expect(decision).toMatchObject({
      allowed: true,
      source: 'token',
      granted: [expect.objectContaining({ rsname: 'docs' })],
    });
    expect(umaCalls()).toBe(before);
  });

  it('does not trust an RPT of another resource server that holds a resource of the same name', async () => {
    const { token } = await server.login('alice');
    const { rpt, claims } = await rptFor(token, 'docs#write', 'other-api');
    expect(claims.authorization?.permissions).toEqual([expect.objectContaining({ rsname: 'docs', scopes: ['write'] })]);
    const before = umaCalls();
    const decision = await checker().check(claims, rpt, 'docs#write');
    expect(decision).toMatchObject({ allowed: false, source: 'keycloak', missing: ['docs#write'] });
    expect(umaCalls() - before).toBe(1);
  });

  it('asks Keycloak when the RPT does not cover the need, or when told not to trust it', async () => {
    const { token } = await server.login('bob');
    const { rpt, claims } = await rptFor(token, 'docs#read');
    expect(await checker().check(claims, rpt, 'albums')).toMatchObject({ allowed: true, source: 'keycloak' });
    expect(await checker({ useTokenPermissions: false }).check(claims, rpt, 'docs#read')).toMatchObject({
      source: 'keycloak',
    });
  });
});

describe('PermissionChecker when Keycloak cannot answer', () => {
  it('throws the HTTP error of a 5xx answer and caches nothing', async () => {
    const { token, claims } = await server.login('bob');
    const cache = checker();
    server.kc.faults.inject('uma-grant', { kind: 'status', status: 503, times: 1 });
    await expect(cache.check(claims, token, 'docs#read')).rejects.toMatchObject({ code: 'ERR_HTTP', status: 503 });
    expect(await cache.check(claims, token, 'docs#read')).toMatchObject({ allowed: true, source: 'keycloak' });
  });

  it('throws ERR_TIMEOUT when Keycloak does not answer within timeoutDuration', async () => {
    const { token, claims } = await server.login('bob');
    server.kc.faults.inject('token', { kind: 'hang' });
    await expect(checker({ timeoutDuration: 20 }).check(claims, token, 'docs#read')).rejects.toMatchObject({
      code: 'ERR_TIMEOUT',
    });
  });

  it('lets an aborted caller stop waiting while the shared request serves the others', async () => {
    const { token, claims } = await server.login('bob');
    const cache = checker();
    const before = umaCalls();
    const kept = cache.check(claims, token, 'docs#read');
    const aborted = cache.check(claims, token, 'docs#read', { signal: AbortSignal.abort() });
    await expect(aborted).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(await kept).toMatchObject({ allowed: true });
    expect(umaCalls() - before).toBe(1);
  });
});

describe('PermissionChecker options', () => {
  it('refuses bad options with a TypeError naming them', () => {
    expect(() => checker({ maxEntries: 0 })).toThrow(/"maxEntries"/);
    expect(() => checker({ cacheMaxAge: -1 })).toThrow(/"cacheMaxAge"/);
    expect(() => checker({ timeoutDuration: Number.NaN })).toThrow(/"timeoutDuration"/);
    expect(() => checker({ audience: '' })).toThrow(/"audience"/);
    expect(() => new PermissionChecker({ openid: {} as never })).toThrow(/"openid"/);
  });

  it('refuses malformed needs with ERR_PERMISSION_FORMAT before calling Keycloak', async () => {
    const { token, claims } = await server.login('bob');
    await expect(checker().check(claims, token, 'docs#')).rejects.toMatchObject({ code: 'ERR_PERMISSION_FORMAT' });
    await expect(checker().check(claims, token, [])).rejects.toMatchObject({ code: 'ERR_PERMISSION_FORMAT' });
  });
});

describe('PermissionChecker with two tokens of one session in flight at once', () => {
  it('answers each token for itself: the revoked one 401, the valid one its decision, in either order', async () => {
    const { token: first, claims: firstClaims, refreshToken } = await server.login('bob');
    const refreshed = await server.openid.refreshToken(refreshToken);
    const second = refreshed.access_token;
    const secondClaims = await server.openid.decodeToken(second);
    expect(secondClaims.sid).toBe(firstClaims.sid);
    const revoke = await fetch(`${server.kc.url}/realms/uma/protocol/openid-connect/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: first, client_id: 'api', client_secret: 'api-secret' }),
    });
    expect(revoke.status).toBe(200);
    for (const order of ['revoked first', 'valid first']) {
      const shared = checker();
      const checks = [
        shared.check(firstClaims, first, 'docs#read').then(
          () => 'allowed',
          (e: unknown) => (e instanceof KeycloakInvalidTokenError ? e.reason : 'other'),
        ),
        shared.check(secondClaims, second, 'docs#read').then(
          (d) => (d.allowed ? 'allowed' : 'denied'),
          () => 'failed',
        ),
      ];
      const [revoked, valid] =
        order === 'revoked first' ? await Promise.all(checks) : (await Promise.all([...checks].reverse())).reverse();
      expect([order, revoked, valid]).toEqual([order, 'revoked', 'allowed']);
    }
  });
});
