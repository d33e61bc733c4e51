import type { Route } from '../http/router.js';

/**
 * Keycloak's admin resources mark their GET methods `@NoCache`: a successful read answers `Cache-Control: no-cache`
 * (errors, writes and POST partial-export do not; observed on Keycloak 26.7.3). Applied to every admin GET route.
 */
export function withNoCacheOnReads(routes: readonly Route[]): Route[] {
  return routes.map((route) =>
    !(typeof route.method === 'string' ? [route.method] : route.method).includes('GET')
      ? route
      : {
          ...route,
          handler: async (ctx) => {
            const reply = await route.handler(ctx);
            if (ctx.req.method !== 'GET' || reply.status < 200 || reply.status >= 300) return reply;
            const headers = reply.headers ?? {};
            if (Object.keys(headers).some((name) => name.toLowerCase() === 'cache-control')) return reply;
            return { ...reply, headers: { ...headers, 'cache-control': 'no-cache' } };
          },
        },
  );
}
