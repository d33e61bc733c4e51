import { describe, expect, it } from 'vitest';
import { normalizeHtu, requestHtu } from '../../src/dpop/htu.js';

describe('htu normalisation (RFC 9449 §4.3, RFC 3986 §6.2.2-6.2.3)', () => {
  it.each([
    ['HTTPS://API.Example.COM/orders', 'https://api.example.com/orders'],
    ['https://api.example.com:443/orders', 'https://api.example.com/orders'],
    ['http://api.example.com:80/orders', 'http://api.example.com/orders'],
    ['https://api.example.com', 'https://api.example.com/'],
    ['https://api.example.com/a/./b/../c', 'https://api.example.com/a/c'],
    ['https://api.example.com/%7Euser/%2f', 'https://api.example.com/~user/%2F'],
    ['https://api.example.com/orders?page=2#top', 'https://api.example.com/orders'],
    ['https://api.example.com:8443/orders', 'https://api.example.com:8443/orders'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizeHtu(input)).toBe(expected);
  });

  it.each([
    '/orders',
    'ftp://api.example.com/x',
    'https://user:pw@api.example.com/x',
    'https://user@api.example.com/x',
    'https://:pw@api.example.com/x',
    'not a url',
  ])('has no htu for %s', (input) => {
    expect(normalizeHtu(input)).toBeUndefined();
  });

  it('joins publicUrl (with its path prefix) to the request path, before the framework origin, without the query', () => {
    expect(requestHtu('https://api.example.com/svc/', 'http://10.0.0.5:3000', '/orders?x=1')).toBe(
      'https://api.example.com/svc/orders',
    );
    expect(requestHtu(undefined, 'http://10.0.0.5:3000', '/orders#f')).toBe('http://10.0.0.5:3000/orders');
    expect(requestHtu(undefined, undefined, '/orders')).toBeUndefined();
  });

  it('joins with exactly one slash, however many the base ends with and whether the path starts with one', () => {
    expect(requestHtu('https://api.example.com/svc//', undefined, '/orders')).toBe(
      'https://api.example.com/svc/orders',
    );
    expect(requestHtu('https://api.example.com', undefined, 'orders?x=1')).toBe('https://api.example.com/orders');
  });
});
