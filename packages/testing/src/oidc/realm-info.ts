import type { Route } from '../http/router.js';

/** GET /realms/{realm}: PublishedRealmRepresentation (public_key is the active RS256 key's SPKI, base64). */
export const realmInfoRoutes: Route[] = [
  {
    method: 'GET',
    path: '/realms/{realm}',
    endpoint: 'realm',
    handler: async (ctx) => {
      const realm = ctx.realm();
      const key = await realm.keys.signingKey('RS256');
      const issuer = ctx.issuer(realm);
      return {
        status: 200,
        // PublicRealmResource.getRealm is @NoCache.
        headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-cache' },
        body: {
          realm: realm.name,
          public_key: key?.publicKey?.export({ format: 'der', type: 'spki' }).toString('base64'),
          'token-service': `${issuer}/protocol/openid-connect`,
          'account-service': `${issuer}/account`,
          'tokens-not-before': realm.notBefore,
        },
      };
    },
  },
];
