import type { Route } from '../http/router.js';
import { DISCOVERY_TEMPLATE } from './discovery-template.js';

/** GET /realms/{realm}/.well-known/openid-configuration, Keycloak's fields in Keycloak's order. */
export const discoveryRoutes: Route[] = [
  {
    method: 'GET',
    path: '/realms/{realm}/.well-known/openid-configuration',
    endpoint: 'discovery',
    handler: (ctx) => {
      const realm = ctx.realm();
      const doc = JSON.parse(DISCOVERY_TEMPLATE.replaceAll('{{issuer}}', ctx.issuer(realm))) as Record<string, unknown>;
      const scopes = [...realm.clientScopes.values()].filter((s) => s.protocol === 'openid-connect').map((s) => s.name);
      doc['scopes_supported'] = ['openid', ...scopes];
      return { status: 200, body: doc };
    },
  },
];
