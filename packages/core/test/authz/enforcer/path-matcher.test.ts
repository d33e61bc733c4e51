import { describe, expect, it } from 'vitest';
import { matchPath, normalizePath } from '@keycloak-ts/core';

const patterns = [
  '/*',
  '/api/*',
  '/api/admin/*',
  '/api/{version}/users',
  '/api/v1/users',
  '/api/{version}/{id}',
  '/*.html',
  '/album/{id}/*',
];
const best = (path: string) => matchPath(patterns, (p) => p, path)?.entry;

describe('matchPath', () => {
  it.each([
    ['/api/v1/users', '/api/v1/users', 'an exact path beats templates and wildcards'],
    ['/api/v2/users', '/api/{version}/users', 'the template with fewer parameters beats a wider one'],
    ['/api/v2/42', '/api/{version}/{id}', 'a template beats a wildcard'],
    ['/api/admin/x/y', '/api/admin/*', 'the longest wildcard wins'],
    ['/api/admin', '/api/admin/*', 'a wildcard also covers its root'],
    ['/page/index.html', '/*.html', 'a suffix pattern beats a wildcard'],
    ['/album/7/photos/1', '/album/{id}/*', 'a template wildcard covers deeper paths'],
    ['/anything', '/*', 'the catch-all matches the rest'],
    ['/', '/*', 'the catch-all covers the root'],
  ])('%s -> %s (%s)', (path, expected) => {
    expect(best(path)).toBe(expected);
  });

  it('captures template parameters', () => {
    expect(matchPath(['/album/{id}'], (p) => p, '/album/42')).toEqual({ entry: '/album/{id}', params: { id: '42' } });
  });

  it('returns undefined without a match', () => {
    expect(matchPath(['/album/{id}', '/admin/*'], (p) => p, '/profile')).toBeUndefined();
    expect(matchPath(['/album/{id}'], (p) => p, '/album')).toBeUndefined();
  });

  it.each([
    ['/admin/../album/1?x=1#f', '/album/1'],
    ['//admin//users/', '/admin/users'],
    ['/admin;jsessionid=1/users', '/admin/users'],
    ['/%61dmin', '/admin'],
    ['/a/./b', '/a/b'],
  ])('normalises %s to %s so protections cannot be bypassed', (raw, expected) => {
    expect(normalizePath(raw)).toBe(expected);
  });

  it('refuses undecodable paths', () => {
    expect(normalizePath('/a%zz')).toBeUndefined();
    expect(matchPath(['/*'], (p) => p, '/a%zz')).toBeUndefined();
  });
});
