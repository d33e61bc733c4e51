import { describe, expect, it } from 'vitest';
import { KeycloakRequestContext } from '../../src/guard/context.js';
import { VerifiedToken } from '../../src/token/verified-token.js';

// What a handler gets: role and scope helpers over the verified claims, and a toJSON that never holds the token.

const verified = new VerifiedToken({
  iss: 'https://kc/realms/shop',
  sub: 'alice',
  azp: 'web',
  exp: 2_000_000_000,
  iat: 1_999_999_000,
  scope: 'openid orders:read',
  realm_access: { roles: ['user'] },
  resource_access: { 'orders-api': { roles: ['reader'] }, other: { roles: ['writer'] } },
} as never);
const admin = { admin: 'the admin client' };

describe('KeycloakRequestContext', () => {
  const context = new KeycloakRequestContext(verified, 'raw.token.value', 'shop', 'orders-api', admin);

  it('answers roles in keycloak-connect grammar against the guard client, and scopes', () => {
    expect(context.hasRole('reader')).toBe(true);
    expect(context.hasRole('realm:user')).toBe(true);
    expect(context.hasRole('other:writer')).toBe(true);
    expect(context.hasRole('writer')).toBe(false);
    expect(context.hasRealmRole('user')).toBe(true);
    expect(context.hasClientRole('other', 'writer')).toBe(true);
    expect(context.hasScope('orders:read')).toBe(true);
    expect(context.hasScope('orders')).toBe(false);
    expect(context.admin).toBe('the admin client');
    expect(context.verified).toBe(verified);
  });

  it('logs realm, subject and expiry, never the token, and the permissions only when a UMA decision was made', () => {
    const json = JSON.stringify(context);
    expect(JSON.parse(json)).toEqual({ realm: 'shop', token: { sub: 'alice', azp: 'web', exp: 2_000_000_000 } });
    expect(json).not.toContain('raw.token.value');
    expect(Object.keys(context.toJSON())).toEqual(['realm', 'token']);
    const permissions = [{ rsid: 'r1', rsname: 'orders', scopes: ['read'] }];
    const granted = new KeycloakRequestContext(verified, 'raw', 'shop', 'orders-api', admin, permissions);
    expect(granted.toJSON()).toEqual({
      realm: 'shop',
      token: { sub: 'alice', azp: 'web', exp: 2_000_000_000 },
      permissions,
    });
  });
});
