import { describe, expect, it } from 'vitest';
import type { Handler, Route } from '../../src/http/router.js';
import { Router } from '../../src/http/router.js';

const names = new WeakMap<Handler, string>();
function route(path: string, name: string, method: Route['method'] = 'GET'): Route {
  const handler: Handler = () => ({ status: 200 });
  names.set(handler, name);
  return { method, path, endpoint: 'discovery', handler };
}

function matched(
  router: Router,
  method: string,
  path: string,
): { name: unknown; params: Record<string, string> } | string {
  const match = router.match(method, path);
  if (match.kind !== 'found') return match.kind;
  return { name: names.get(match.route.handler), params: match.params };
}

describe('the router', () => {
  it('prefers a literal segment to a {param} whatever the registration order', () => {
    const paramFirst = new Router();
    paramFirst.add(
      route('/admin/realms/{realm}/users/{id}', 'user'),
      route('/admin/realms/{realm}/users/count', 'count'),
    );
    const literalFirst = new Router();
    literalFirst.add(
      route('/admin/realms/{realm}/users/count', 'count'),
      route('/admin/realms/{realm}/users/{id}', 'user'),
    );
    for (const router of [paramFirst, literalFirst]) {
      expect(matched(router, 'GET', '/admin/realms/acme/users/count')).toEqual({
        name: 'count',
        params: { realm: 'acme' },
      });
      expect(matched(router, 'GET', '/admin/realms/acme/users/42')).toEqual({
        name: 'user',
        params: { realm: 'acme', id: '42' },
      });
    }
  });

  it('decides at the first segment that differs, and puts a {param+} tail last', () => {
    const router = new Router();
    router.add(
      route('/r/{any+}', 'rest'),
      route('/r/{a}/x', 'param-then-literal'),
      route('/r/y/{b}', 'literal-then-param'),
    );
    expect(matched(router, 'GET', '/r/y/x')).toEqual({ name: 'literal-then-param', params: { b: 'x' } });
    expect(matched(router, 'GET', '/r/z/x')).toEqual({ name: 'param-then-literal', params: { a: 'z' } });
    expect(matched(router, 'GET', '/r/z/w/v')).toEqual({ name: 'rest', params: { any: 'z/w/v' } });
  });

  it('keeps the first registered of two routes with the same template', () => {
    const router = new Router();
    router.add(route('/p/{id}', 'first'), route('/p/{other}', 'second'));
    expect(matched(router, 'GET', '/p/1')).toEqual({ name: 'first', params: { id: '1' } });
  });

  it('falls back to a less specific route that takes the method, and answers 405 when none does', () => {
    const router = new Router();
    router.add(route('/u/{id}', 'delete-user', 'DELETE'), route('/u/count', 'count', 'GET'));
    expect(matched(router, 'DELETE', '/u/count')).toEqual({ name: 'delete-user', params: { id: 'count' } });
    expect(matched(router, 'POST', '/u/count')).toBe('method-not-allowed');
    expect(matched(router, 'GET', '/v')).toBe('none');
  });
});
