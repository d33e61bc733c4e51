import { describe, expect, it } from 'vitest';
import { compileClaimsRequirements, listsScope } from '../../../src/guard/internal/claims-requirements.js';
import type { KeycloakAccessTokenClaims } from '../../../src/token/claims.js';

const claims = (extra: Record<string, unknown>): KeycloakAccessTokenClaims =>
  ({ exp: 1, iat: 0, iss: 'x', ...extra }) as KeycloakAccessTokenClaims;

describe('compileClaimsRequirements', () => {
  it.each([
    [{}, '"spec" needs "roles" or "scopes"'],
    [{ scopes: [] }, '"spec.scopes" must be a non-empty array of non-empty strings'],
    [{ scopes: 'orders:read' }, '"spec.scopes" must be a non-empty array of non-empty strings'],
    [{ scopes: ['orders read'] }, '"spec.scopes" has a malformed scope "orders read" (RFC 6749 scope-token)'],
    [{ scopes: ['a"b'] }, '"spec.scopes" has a malformed scope "a\\"b" (RFC 6749 scope-token)'],
    [{ scopes: ['café'] }, '"spec.scopes" has a malformed scope "café" (RFC 6749 scope-token)'],
    [{ roles: [''] }, '"spec.roles" must be a non-empty array of non-empty strings'],
    [{ roles: ['realm:'] }, '"spec.roles" has a malformed role "realm:"'],
    [{ scopes: ['a'], mode: 'some' }, '"spec.mode" must be "any" or "all"'],
    [{ scope: ['a'] }, '"spec.scope" is not an option of protect() (did you mean "spec.scopes"?)'],
  ])('refuses %j with a TypeError naming the bad part', (spec, message) => {
    expect(() => compileClaimsRequirements(spec as object, 'orders-api')).toThrow(new TypeError(message));
  });

  it('names roles as written in the spec and percent-encodes what a header cannot carry', () => {
    const spec = compileClaimsRequirements(
      { roles: ['realm:admin', 'rôle "x"', 'billing:editor'], mode: 'all' },
      'api',
    );
    const token = claims({ resource_access: { billing: { roles: ['editor'] } } });
    expect(spec.allows(token, undefined)).toBe(false);
    expect(spec.explain?.(token)).toEqual({
      reason: 'role_missing',
      description: 'Missing roles: realm:admin r%C3%B4le %22x%22',
    });
  });

  it('gives the reason of the first unmet list: roles, then scopes with the scope challenge', () => {
    const spec = compileClaimsRequirements({ roles: ['realm:admin'], scopes: ['a', 'b'] }, 'api');
    expect(spec.deniedReason).toBe('role_missing');
    expect(spec.explain?.(claims({ scope: 'b' }))?.reason).toBe('role_missing');
    const admin = claims({ realm_access: { roles: ['admin'] }, scope: 'c' });
    expect(spec.explain?.(admin)).toEqual({
      reason: 'scope_missing',
      description: 'Missing one of the scopes: a b',
      scope: 'a b',
    });
    expect(spec.allows(claims({ realm_access: { roles: ['admin'] }, scope: 'b' }), undefined)).toBe(true);
  });

  it('names only the scopes not held in mode all, and challenges with every scope of the route', () => {
    const spec = compileClaimsRequirements({ scopes: ['a', 'b', 'c'], mode: 'all' }, 'api');
    expect(spec.deniedReason).toBe('scope_missing');
    expect(spec.allows(claims({ scope: 'c a' }), undefined)).toBe(false);
    expect(spec.explain?.(claims({ scope: 'c a' }))).toEqual({
      reason: 'scope_missing',
      description: 'Missing scopes: b',
      scope: 'a b c',
    });
    expect(spec.allows(claims({ scope: 'c b a' }), undefined)).toBe(true);
  });
});

describe('listsScope', () => {
  it.each([
    ['orders:read', 'orders:read', true],
    ['openid orders:read profile', 'orders:read', true],
    ['orders:reader orders:read', 'orders:read', true],
    ['orders:reader', 'orders:read', false],
    ['my-orders:read', 'orders:read', false],
    ['', 'orders:read', false],
    ['orders:read\tprofile', 'orders:read', false],
  ])('in %j finds %j: %s', (granted, scope, found) => {
    expect(listsScope(granted, scope)).toBe(found);
  });
});
