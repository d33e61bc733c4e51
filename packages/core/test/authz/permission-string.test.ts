import { describe, expect, it } from 'vitest';
import { formatPermissionString, parsePermissionString } from '@keycloak-ts/core';

describe('parsePermissionString', () => {
  it.each([
    ['album', { resource: 'album', scopes: [] }],
    ['album#view', { resource: 'album', scopes: ['view'] }],
    ['album#view,delete', { resource: 'album', scopes: ['view', 'delete'] }],
    ['#view', { scopes: ['view'] }],
    [' urn:app:res # a , b ', { resource: 'urn:app:res', scopes: ['a', 'b'] }],
  ])('parses %j', (text, expected) => {
    expect(parsePermissionString(text)).toEqual(expected);
  });

  it.each(['', '   ', '#', 'album#', 'a#b#c', 'album#view,,delete', '#,'])(
    'rejects %j with ERR_PERMISSION_FORMAT',
    (text) => {
      expect(() => parsePermissionString(text)).toThrowError(
        expect.objectContaining({ code: 'ERR_PERMISSION_FORMAT', name: 'KeycloakPermissionFormatError' }),
      );
    },
  );

  it('round-trips through formatPermissionString', () => {
    for (const text of ['album', 'album#view,delete', '#view'])
      expect(formatPermissionString(parsePermissionString(text))).toBe(text);
  });

  it('refuses to format names that would not parse back', () => {
    expect(() => formatPermissionString({ resource: 'a#b', scopes: [] })).toThrowError(
      expect.objectContaining({ code: 'ERR_PERMISSION_FORMAT' }),
    );
    expect(() => formatPermissionString({ scopes: [] })).toThrowError(
      expect.objectContaining({ code: 'ERR_PERMISSION_FORMAT' }),
    );
  });
});
