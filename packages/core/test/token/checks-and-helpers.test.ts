import { describe, expect, it } from 'vitest';
import { checkIdTokenCall, checkIdTokenChecks } from '../../src/token/id-token-checks.js';
import { hasClientRole, hasRealmRole, scopes } from '../../src/token/verified-token.js';

// Small rules with large consequences: the per-call ID-token checks' own validation, and the role and scope
// helpers on claims of every shape a token can carry.

describe('checkIdTokenChecks', () => {
  it('takes an authMaxAge of 0 and refuses a negative, infinite or non-number one', () => {
    expect(() => checkIdTokenChecks({ authMaxAge: 0 })).not.toThrow();
    for (const authMaxAge of [-1, Number.POSITIVE_INFINITY, Number.NaN, '60'])
      expect(() => checkIdTokenChecks({ authMaxAge: authMaxAge as number })).toThrow(
        '"authMaxAge" must be a non-negative number of milliseconds',
      );
  });

  it('refuses an at_hash check it cannot compute (no alg, as for an introspected token) as unsupported_alg', () => {
    let caught: unknown;
    try {
      checkIdTokenCall({ at_hash: 'x', typ: 'ID' }, '', { accessToken: 'a.b.c' }, 0, 0);
    } catch (error) {
      caught = error;
    }
    expect((caught as { reason?: string }).reason).toBe('unsupported_alg');
  });
});

describe('role and scope helpers', () => {
  it('hold no client role without resource_access, or with it of the wrong shape', () => {
    for (const claims of [
      {},
      { resource_access: null },
      { resource_access: 'api' },
      { resource_access: { api: null } },
    ])
      expect(hasClientRole(claims as never, 'api', 'reader')).toBe(false);
    expect(hasClientRole({ resource_access: { api: { roles: ['reader'] } } } as never, 'api', 'reader')).toBe(true);
  });

  it('hold no realm role when roles is not a list', () => {
    for (const realm_access of [null, {}, { roles: 'user' }, { roles: { user: true } }])
      expect(hasRealmRole({ realm_access } as never, 'user')).toBe(false);
  });

  it('read no scope without a scope claim, and skip empty entries', () => {
    expect(scopes({} as never)).toEqual([]);
    expect(scopes({ scope: 42 } as never)).toEqual([]);
    expect(scopes({ scope: ' openid  email ' } as never)).toEqual(['openid', 'email']);
    expect(Object.isFrozen(scopes({} as never))).toBe(true);
  });
});
