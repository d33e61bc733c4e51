import { describe, expect, it } from 'vitest';
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
