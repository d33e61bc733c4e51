import { buildPermissionParam, Resource, Scope } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { useUmaServer } from '../uma/support/server.js';

const server = useUmaServer();

describe('buildPermissionParam', () => {
  it('turns strings, UMAPermissions, lists, sets and resource maps into permission values', () => {
    expect(buildPermissionParam('')).toEqual([]);
    expect(buildPermissionParam('docs#read')).toEqual(['docs#read']);
    expect(buildPermissionParam(new Resource('docs').with(new Scope('read')))).toEqual(['docs#read']);
    expect(buildPermissionParam(['a', 'b#x', 'a'])).toEqual(['a', 'b#x']);
    expect(buildPermissionParam(new Set(['a', new Scope('x')]))).toEqual(['a', '#x']);
    expect(buildPermissionParam({ docs: ['read', 'write'], albums: null, photos: 'view' })).toEqual([
      'docs#read',
      'docs#write',
      'albums',
      'photos#view',
    ]);
  });

  it('refuses values that are not strings with ERR_PERMISSION_FORMAT', () => {
    expect(() => buildPermissionParam([1] as unknown as string[])).toThrow(
      expect.objectContaining({ code: 'ERR_PERMISSION_FORMAT' }) as Error,
    );
    expect(() => buildPermissionParam({ docs: [2] } as unknown as Record<string, string[]>)).toThrow(
      expect.objectContaining({ code: 'ERR_PERMISSION_FORMAT' }) as Error,
    );
  });
});

describe('umaPermissions', () => {
  it('asks the UMA grant with the bearer token and returns what Keycloak granted', async () => {
    const { token } = await server.login('bob');
    const before = server.kc.counters.get('uma-grant');
    const granted = await server.openid.umaPermissions(token, { docs: ['read', 'write'], status: null });
    expect(granted).toEqual([
      { rsid: expect.any(String) as string, rsname: 'docs', scopes: ['read', 'write'] },
      { rsid: expect.any(String) as string, rsname: 'status' },
    ]);
    expect(server.kc.counters.get('uma-grant') - before).toBe(1);
  });

  it('throws Keycloak answer for a refusal: 403 access_denied, 400 invalid_resource', async () => {
    const { token } = await server.login('carol');
    await expect(server.openid.umaPermissions(token, 'docs#read')).rejects.toMatchObject({
      name: 'KeycloakPostError',
      status: 403,
      body: { error: 'access_denied', error_description: 'not_authorized' },
    });
    await expect(server.openid.umaPermissions(token, 'ghost')).rejects.toMatchObject({
      status: 400,
      body: { error: 'invalid_resource' },
    });
  });

  it('asks another resource server when given an audience', async () => {
    const { token } = await server.login('bob');
    await expect(server.openid.umaPermissions(token, 'docs', { audience: 'no-such-client' })).rejects.toMatchObject({
      status: 400,
      message: 'Unknown resource server id: [no-such-client]',
    });
  });
});

describe('hasUmaAccess', () => {
  it('is authorized only when every needed permission is granted', async () => {
    const { token } = await server.login('alice');
    expect(await server.openid.hasUmaAccess(token, ['docs#read'])).toEqual({
      is_logged_in: true,
      is_authorized: true,
      missing_permissions: [],
    });
    expect(await server.openid.hasUmaAccess(token, { docs: ['read', 'write'] })).toEqual({
      is_logged_in: true,
      is_authorized: false,
      missing_permissions: ['docs#write'],
    });
  });

  it('matches grants by resource id, and a need written with several scopes as a whole', async () => {
    const { token } = await server.login('bob');
    const [docs] = await server.openid.umaPermissions(token, 'docs');
    expect(
      await server.openid.hasUmaAccess(token, [`${docs?.rsid ?? ''}#write`, 'docs#read,write', 'docs']),
    ).toMatchObject({ is_authorized: true });
  });

  it('counts a resource granted without scopes as granted whole', async () => {
    const { token } = await server.login('bob');
    expect(await server.openid.hasUmaAccess(token, 'status')).toMatchObject({
      is_authorized: true,
      missing_permissions: [],
    });
  });

  it('maps 403 to logged in but not authorized, and 401 to not logged in', async () => {
    const { token } = await server.login('carol');
    expect(await server.openid.hasUmaAccess(token, 'docs#read')).toEqual({
      is_logged_in: true,
      is_authorized: false,
      missing_permissions: ['docs#read'],
    });
    expect(await server.openid.hasUmaAccess('not-a-token', 'docs#read')).toEqual({
      is_logged_in: false,
      is_authorized: false,
      missing_permissions: ['docs#read'],
    });
  });

  it('throws when Keycloak fails rather than answering not authorized', async () => {
    const { token } = await server.login('alice');
    server.kc.faults.inject('uma-grant', { kind: 'status', status: 502, times: 1 });
    await expect(server.openid.hasUmaAccess(token, 'docs#read')).rejects.toMatchObject({
      status: 502,
      code: 'ERR_HTTP',
    });
  });
});

describe('entitlement', () => {
  it('reports the removed entitlement API as deprecated', async () => {
    const { token } = await server.login('alice');
    await expect(server.openid.entitlement(token, 'api')).rejects.toMatchObject({
      name: 'KeycloakDeprecationError',
      code: 'ERR_DEPRECATED',
    });
  });
});
