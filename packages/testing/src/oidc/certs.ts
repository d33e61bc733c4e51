import type { Route } from '../http/router.js';

/** GET /realms/{realm}/protocol/openid-connect/certs: the realm's enabled public keys. */
export const certsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/realms/{realm}/protocol/openid-connect/certs',
    endpoint: 'certs',
    handler: async (ctx) => {
      const realm = ctx.realm();
      // OIDCLoginProtocolService.certs produces application/json first, application/jwk-set+json when asked for.
      const accept = ctx.header('accept') ?? '';
      const type =
        accept.includes('application/jwk-set+json') && !accept.includes('application/json')
          ? 'application/jwk-set+json'
          : 'application/json';
      return {
        status: 200,
        headers: { 'content-type': type, 'cache-control': 'no-cache' },
        body: await realm.keys.jwks(),
      };
    },
  },
];
