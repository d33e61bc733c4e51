import { authzAdminRoutes } from '../authz/admin/routes.js';
import type { Route } from '../http/router.js';
import { withNoCache } from './no-cache.js';
import { clientAreaRoutes } from './clients/client-routes.js';
import { clientV2Routes } from './clients-v2/clients-v2.js';
import { groupAreaRoutes } from './groups/group-routes.js';
import { identityProviderCatalogRoutes } from './identity-providers/identity-provider-catalog.js';
import { identityProviderRoutes } from './identity-providers/identity-providers.js';
import { organizationRoutes } from './organizations/organizations.js';
import { partialRoutes } from './realms/partial.js';
import { withAdminEvents } from './events/admin-events.js';
import { withAdminJsonType } from './json-media-type.js';
import { realmAreaRoutes } from './realms/realm-area-routes.js';
import { realmRoutes } from './realms/realms.js';
import { roleMappingRoutes } from './roles/role-mappings.js';
import { roleByIdRoutes } from './roles/roles-by-id.js';
import { roleRoutes } from './roles/roles.js';
import { userRoutes } from './users/users.js';

/**
 * Every admin REST route (`/admin/realms/...`), counted under the endpoint name `admin`. An API area adds its
 * own module and joins this list in any order: the router picks the most specific path (literal segments beat
 * `{param}` ones, as in JAX-RS).
 */
export const adminRoutes: Route[] = [
  ...withNoCache(
    withAdminJsonType(
      withAdminEvents([
        ...realmRoutes,
        ...realmAreaRoutes,
        ...partialRoutes,
        ...userRoutes,
        ...authzAdminRoutes,
        ...roleRoutes,
        ...roleByIdRoutes,
        ...roleMappingRoutes,
        ...clientAreaRoutes,
        ...groupAreaRoutes,
        ...identityProviderCatalogRoutes,
        ...identityProviderRoutes,
        ...organizationRoutes,
      ]),
    ),
  ),
  // The v2 API (admin-v2 module): its own media type handling and no `@NoCache`.
  ...withAdminJsonType(clientV2Routes),
];
