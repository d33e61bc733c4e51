import type { Route } from '../http/router.js';

/** GET /realms/{realm}/protocol/openid-connect/certs: the realm's enabled public keys. */
export const certsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/realms/{realm}/protocol/openid-connect/certs',
    endpoint: 'certs',
    handler: async (ctx) => {
      const realm = ctx.realm();
      return { status: 200, headers: { 'content-type': 'application/jwk-set+json' }, body: await realm.keys.jwks() };
    },
  },
];
