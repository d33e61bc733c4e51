import { describe, expect, it } from 'vitest';
import type { ClaimProvider } from '../../src/authz/enforcer/policy-enforcer.js';
import { compileEnforcer, parseProtectPermission } from '../../src/guard/permission-spec.js';
import { compileSpec } from '../../src/guard/spec.js';

// compileSpec at protect() time: which kind each spec form compiles to, and the TypeError of a form it does not
// know, so a route is never left open by a typo.

const SPEC_ERROR = '"spec" must be undefined, { roles }, { scopes }, { config }, a function, or permission strings';

describe('compileSpec', () => {
  it('compiles each accepted form to its kind', () => {
    expect(compileSpec(undefined, 'api')).toBeUndefined();
    expect(compileSpec(null, 'api')).toBeUndefined();
    expect(compileSpec(() => true, 'api')?.kind).toBe('claims');
    expect(compileSpec('orders:read', 'api')?.kind).toBe('permissions');
    expect(compileSpec(['orders:read', 'invoices'], 'api')?.kind).toBe('permissions');
    expect(compileSpec({ roles: ['realm:user'] }, 'api')?.kind).toBe('claims');
  });

  it.each([
    ['a number', 42],
    ['a boolean', true],
    ['a list with a non-string', ['orders:read', 1]],
    ['a list of lists', [['orders:read']]],
  ])('refuses %s', (_name, spec) => {
    expect(() => compileSpec(spec, 'api')).toThrow(new TypeError(SPEC_ERROR));
  });

  it('refuses an empty list of permissions, and a malformed one with its cause', () => {
    expect(() => compileSpec([], 'api')).toThrow('"spec" must name at least one permission');
    let caught: unknown;
    try {
      compileSpec('orders#read#write', 'api');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TypeError);
    expect((caught as Error).message).toMatch(/^"spec" has a malformed permission: /);
    expect((caught as Error).cause).toBeInstanceOf(Error);
  });
});

describe('permission strings', () => {
  it('reads resource and scopes around the first colon, trimmed, and keeps a # notation as written', () => {
    expect(parseProtectPermission(' orders : read ')).toBe('orders#read');
    expect(parseProtectPermission('Album:album:view')).toBe('Album#album:view');
    expect(parseProtectPermission(' orders#read ')).toBe('orders#read');
    expect(parseProtectPermission(' reports ')).toBe('reports');
    for (const spec of [':read', 'orders:', ' : '])
      expect(() => parseProtectPermission(spec)).toThrow(`"spec" has a malformed permission ${JSON.stringify(spec)}`);
  });
});

describe('roles', () => {
  it('refuses a role with an empty client or role name', () => {
    for (const role of [':admin', 'realm:', 'orders-api:'])
      expect(() => compileSpec({ roles: [role] }, 'api')).toThrow(
        `"spec.roles" has a malformed role ${JSON.stringify(role)}`,
      );
  });
});

describe('compileEnforcer', () => {
  const http: ClaimProvider = async () => ({});
  const withHttp = {
    paths: [{ path: '/a', name: 'a', 'claim-information-point': { http: { url: 'http://127.0.0.1:1/claims' } } }],
  };

  it('refuses an unknown key and a config that is no object', () => {
    expect(() => compileEnforcer({ config: {}, claimProvider: {} } as never)).toThrow(
      new TypeError('"spec.claimProvider" is not an option of protect() (did you mean "spec.claimProviders"?)'),
    );
    for (const config of [null, 'keycloak.json', 42, undefined])
      expect(() => compileEnforcer({ config })).toThrow(
        new TypeError('"spec.config" must be a policy-enforcer config object'),
      );
  });

  it("asks for the guard's own providers only when the config names one the spec does not give", () => {
    const asked: string[] = [];
    const defaults = () => {
      asked.push('defaults');
      return { http };
    };
    compileEnforcer({ config: { paths: [{ path: '/a', name: 'a' }] } }, defaults);
    compileEnforcer(
      { config: { paths: [{ path: '/a', name: 'a', 'claim-information-point': { claims: { x: 'y' } } }] } },
      defaults,
    );
    compileEnforcer({ config: withHttp, claimProviders: { http } }, defaults);
    expect(asked).toEqual([]);
    compileEnforcer({ config: withHttp }, defaults);
    expect(asked).toEqual(['defaults']);
    // Without defaults (outside a guard) a provider the config names must be given.
    expect(() => compileEnforcer({ config: withHttp })).toThrow(
      'paths[0].claim-information-point uses the "http" provider, which is not configured (pass it in claimProviders)',
    );
  });

  it('reads the providers named by the enforcer-wide claim-information-point too', () => {
    let asked = 0;
    compileEnforcer({ config: { 'claim-information-point': { http: { url: 'http://127.0.0.1:1/' } } } }, () => {
      asked++;
      return { http };
    });
    expect(asked).toBe(1);
  });
});
