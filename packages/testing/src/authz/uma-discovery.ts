import type { Route } from '../http/router.js';
import { discoveryDocument } from '../oidc/discovery.js';

// UmaConfiguration.create copies these fields of the OIDC discovery document, in this order.
const COPIED = [
  'issuer',
  'authorization_endpoint',
  'token_endpoint',
  'introspection_endpoint',
  'end_session_endpoint',
  'frontchannel_logout_session_supported',
  'frontchannel_logout_supported',
  'jwks_uri',
  'grant_types_supported',
  'response_types_supported',
  'response_modes_supported',
  'registration_endpoint',
  'token_endpoint_auth_methods_supported',
  'token_endpoint_auth_signing_alg_values_supported',
  'scopes_supported',
];

/** GET /realms/{realm}/.well-known/uma2-configuration (samples/uma2-configuration-kc26.json). */
export const umaDiscoveryRoutes: Route[] = [
  {
    method: 'GET',
    path: '/realms/{realm}/.well-known/uma2-configuration',
    endpoint: 'uma-discovery',
    handler: (ctx) => {
      const realm = ctx.realm();
      const issuer = ctx.issuer(realm);
      const oidc = discoveryDocument(ctx, realm);
      const doc: Record<string, unknown> = {};
      for (const key of COPIED) if (oidc[key] !== undefined) doc[key] = oidc[key];
      doc['resource_registration_endpoint'] = `${issuer}/authz/protection/resource_set`;
      doc['permission_endpoint'] = `${issuer}/authz/protection/permission`;
      doc['policy_endpoint'] = `${issuer}/authz/protection/uma-policy`;
      // The same headers as the OpenID configuration (RealmsResource.getWellKnown).
      return {
        status: 200,
        headers: { 'cache-control': 'no-cache, must-revalidate, no-transform, no-store' },
        body: doc,
      };
    },
  },
];
