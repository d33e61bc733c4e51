import { describe, expect, it } from 'vitest';
import { createPolicyEnforcer, parsePolicyEnforcerConfig } from '@keycloak-ts/core';
import { invalidPlaceholder } from '../../../src/authz/enforcer/claims.js';

const withClaims = (claims: Record<string, unknown>, global = false): Record<string, unknown> =>
  global
    ? { 'claim-information-point': { claims } }
    : { paths: [{ path: '/open' }, { path: '/docs/{id}', 'claim-information-point': { claims } }] };

describe('claim placeholders checked when the config is parsed', () => {
  it.each([
    ['{request.nope}', '{request.nope}'],
    ['{request.parameter}', '{request.parameter}'],
    ["{request.method['x']}", "{request.method['x']}"],
    ['{request.header["a"]}', '{request.header["a"]}'],
    ['{keycloak.refresh_token}', '{keycloak.refresh_token}'],
    ["Hello {request.parameter['a']} and {request.cookies['c']}", "{request.cookies['c']}"],
  ])('reports %s as the invalid placeholder %s', (template, bad) => {
    expect(invalidPlaceholder(template)).toBe(bad);
  });

  it.each([
    "{request.parameter['a']}",
    '{request.body}',
    "{request.body['/a/b']}",
    '{request.relativePath} on {request.method}',
    "{keycloak.access_token['/sub']}",
    '{keycloak.access_token}',
    'static {text} {other.thing}',
  ])('accepts %s', (template) => {
    expect(invalidPlaceholder(template)).toBeUndefined();
  });

  it('refuses a path claim with an unknown placeholder, naming the path and the placeholder', () => {
    expect(() => parsePolicyEnforcerConfig(withClaims({ tenant: "{request.headr['x-tenant']}" }))).toThrowError(
      expect.objectContaining({
        code: 'ERR_AUTHORIZATION_CONFIG',
        message:
          'paths[1].claim-information-point.claims.tenant (path "/docs/{id}") has an unknown or malformed placeholder {request.headr[\'x-tenant\']}',
      }),
    );
  });

  it('refuses an unknown placeholder inside a list of values and in the global section', () => {
    expect(() => parsePolicyEnforcerConfig(withClaims({ a: ['ok', '{request.verb}'] }))).toThrowError(
      expect.objectContaining({
        message: expect.stringContaining(
          'claims.a (path "/docs/{id}") has an unknown or malformed placeholder {request.verb}',
        ),
      }),
    );
    expect(() => createPolicyEnforcer(withClaims({ a: '{keycloak.token}' }, true))).toThrowError(
      expect.objectContaining({
        code: 'ERR_AUTHORIZATION_CONFIG',
        message: 'claim-information-point.claims.a has an unknown or malformed placeholder {keycloak.token}',
      }),
    );
  });

  it('still resolves a valid config at request time', async () => {
    const enforcer = createPolicyEnforcer(
      withClaims({ tenant: "{request.header['x-tenant']}", verb: '{request.method}' }),
    );
    const resolved = await enforcer.resolve({ method: 'get', path: '/docs/1', headers: { 'X-Tenant': 'acme' } });
    expect(resolved?.claims).toEqual({ tenant: ['acme'], verb: ['GET'] });
  });
});
