import type { Route } from '../http/router.js';

/**
 * The admin resources are `@Produces(MediaType.APPLICATION_JSON)` JAX-RS methods, and Keycloak's RESTEasy writes
 * their JSON answers as `application/json;charset=UTF-8`. Errors (KeycloakErrorHandler, ErrorResponse) and the
 * few resources that build their Response with an explicit type (`partial-export`) keep plain
 * `application/json`; those set the header themselves, so only a success that names no type gets the charset.
 */
export const ADMIN_JSON = 'application/json;charset=UTF-8';

export function withAdminJsonType(routes: readonly Route[]): Route[] {
  return routes.map((route) => ({
    ...route,
    handler: async (ctx) => {
      const reply = await route.handler(ctx);
      if (reply.status >= 200 && reply.status < 300 && reply.body !== undefined && typeof reply.body !== 'string') {
        const headers = reply.headers ?? {};
        if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
          return { ...reply, headers: { ...headers, 'content-type': ADMIN_JSON } };
      }
      return reply;
    },
  }));
}
