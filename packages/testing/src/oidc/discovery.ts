import type { RequestContext } from '../http/context.js';
import type { Route } from '../http/router.js';
import type { RealmModel } from '../model/types.js';
import { DISCOVERY_TEMPLATE } from './discovery-template.js';

/**
 * The realm's OpenID discovery document, Keycloak's fields in Keycloak's order; `scopes_supported` lists
 * `openid` and the realm's OIDC client scopes. The UMA document is built from it too.
 */
export function discoveryDocument(ctx: RequestContext, realm: RealmModel): Record<string, unknown> {
  const doc = JSON.parse(DISCOVERY_TEMPLATE.replaceAll('{{issuer}}', ctx.issuer(realm))) as Record<string, unknown>;
  const scopes = [...realm.clientScopes.values()].filter((s) => s.protocol === 'openid-connect').map((s) => s.name);
  doc['scopes_supported'] = ['openid', ...scopes];
  return doc;
}

/** GET /realms/{realm}/.well-known/openid-configuration. */
export const discoveryRoutes: Route[] = [
  {
    method: 'GET',
    path: '/realms/{realm}/.well-known/openid-configuration',
    endpoint: 'discovery',
    // OIDCWellKnownProvider answers with CacheControlUtil.noCache(): clients must not keep a stale document.
    handler: (ctx) => ({
      status: 200,
      headers: { 'cache-control': 'no-cache, must-revalidate, no-transform, no-store' },
      body: discoveryDocument(ctx, ctx.realm()),
    }),
  },
];
