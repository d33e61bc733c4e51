import type { Route } from '../http/router.js';
import { READS_WITHOUT_NO_CACHE, WRITES_WITH_NO_CACHE } from './no-cache-methods.js';

/** `METHOD /path` with every `{param}` written `{}`, the key of the tables in no-cache-methods.ts. */
function methodKey(method: string, path: string): string {
  return `${method} ${path.replace(/\{[^}]*\}/g, '{}')}`;
}

/** Whether Keycloak's resource method for this route carries `@NoCache`. */
export function hasNoCache(method: string, path: string): boolean {
  const key = methodKey(method, path);
  return method === 'GET' ? !READS_WITHOUT_NO_CACHE.has(key) : WRITES_WITH_NO_CACHE.has(key);
}

/**
 * Keycloak's `@NoCache` methods answer a success with `Cache-Control: no-cache`; an error (built by an exception
 * mapper) carries none. Which methods have it is per method, as data (no-cache-methods.ts): nearly every GET, and
 * the writes listed there (observed on Keycloak 26.7.3).
 */
export function withNoCache(routes: readonly Route[]): Route[] {
  return routes.map((route) => {
    const methods = typeof route.method === 'string' ? [route.method] : route.method;
    const marked = new Set(methods.filter((method) => hasNoCache(method, route.path)));
    if (marked.size === 0) return route;
    return {
      ...route,
      handler: async (ctx) => {
        const reply = await route.handler(ctx);
        if (!marked.has(ctx.req.method ?? '') || reply.status < 200 || reply.status >= 300) return reply;
        const headers = reply.headers ?? {};
        if (Object.keys(headers).some((name) => name.toLowerCase() === 'cache-control')) return reply;
        return { ...reply, headers: { ...headers, 'cache-control': 'no-cache' } };
      },
    };
  });
}
