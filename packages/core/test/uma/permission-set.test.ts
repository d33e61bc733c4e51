import { PermissionSet } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';

describe('PermissionSet.from', () => {
  it('gives equal needs the same key and UMA values whatever the order they were written in', () => {
    const a = PermissionSet.from(['docs#write', 'albums', 'docs#read']);
    const b = PermissionSet.from(['albums', 'docs#read,write', 'docs#read']);
    expect(a.key).toBe(b.key);
    expect(a.params).toEqual(['albums', 'docs#read,write']);
    expect(a.toString()).toBe('albums docs#read,write');
  });

  it('keeps ANY apart from ALL, turns a one-scope ANY into ALL, and DISABLED into the resource alone', () => {
    const any = PermissionSet.from({ resource: 'docs', scopes: ['write', 'read'], scopesEnforcementMode: 'ANY' });
    expect(any.key).not.toBe(PermissionSet.from('docs#read,write').key);
    expect(PermissionSet.from({ resource: 'docs', scopes: ['read'], scopesEnforcementMode: 'ANY' }).key).toBe(
      PermissionSet.from('docs#read').key,
    );
    expect(
      PermissionSet.from({ resource: 'docs', scopes: ['read'], scopesEnforcementMode: 'DISABLED' }).params,
    ).toEqual(['docs']);
  });

  it('refuses malformed needs with ERR_PERMISSION_FORMAT', () => {
    for (const bad of ['', 'docs#', 'a#b#c', 'docs#a,,b'])
      expect(() => PermissionSet.from(bad)).toThrow(
        expect.objectContaining({ code: 'ERR_PERMISSION_FORMAT' }) as Error,
      );
    expect(() => PermissionSet.from([])).toThrow(expect.objectContaining({ code: 'ERR_PERMISSION_FORMAT' }) as Error);
    expect(() => PermissionSet.from({ resource: 'd', scopes: ['a,b'] })).toThrow(
      expect.objectContaining({ code: 'ERR_PERMISSION_FORMAT' }) as Error,
    );
    expect(() => PermissionSet.from({ resource: 'd', scopes: [], scopesEnforcementMode: 'SOME' as 'ANY' })).toThrow(
      expect.objectContaining({ code: 'ERR_PERMISSION_FORMAT' }) as Error,
    );
  });
});

describe('PermissionSet.match', () => {
  const docs = { rsid: 'id-1', rsname: 'docs', scopes: ['read'] };

  it('needs every resource and, in mode ALL, every scope', () => {
    expect(PermissionSet.from(['docs#read', 'docs#write', 'albums']).match([docs])).toEqual({
      allowed: false,
      granted: [docs],
      missing: ['albums', 'docs#write'],
    });
    expect(PermissionSet.from('docs#read').match([docs])).toEqual({ allowed: true, granted: [docs], missing: [] });
  });

  it('recognises a resource by id as well as by name', () => {
    expect(PermissionSet.from('id-1#read').match([docs]).allowed).toBe(true);
  });

  it('takes a grant without scopes as the whole resource, but not as a scope of any resource', () => {
    const whole = { rsid: 'id-2', rsname: 'status' };
    expect(PermissionSet.from('status#anything').match([whole]).allowed).toBe(true);
    expect(PermissionSet.from('#anything').match([whole])).toMatchObject({ allowed: false, missing: ['#anything'] });
  });

  it('matches a scope asked of any resource against every grant', () => {
    expect(PermissionSet.from('#read').match([docs])).toEqual({ allowed: true, granted: [docs], missing: [] });
  });

  it('leaves out grants that concern no need', () => {
    const other = { rsid: 'id-3', rsname: 'albums', scopes: ['view'] };
    expect(PermissionSet.from('docs#read').match([docs, other]).granted).toEqual([docs]);
  });
});
