import { authzAdminRoutes } from '../authz/admin/routes.js';
import type { Route } from '../http/router.js';
import { clientAreaRoutes } from './client-routes.js';
import { groupAreaRoutes } from './group-routes.js';
import { identityProviderRoutes } from './identity-providers.js';
import { organizationRoutes } from './organizations.js';
import { partialRoutes } from './partial.js';
import { withAdminEvents } from './admin-events.js';
import { realmAreaRoutes } from './realm-area-routes.js';
import { realmRoutes } from './realms.js';
import { roleMappingRoutes } from './role-mappings.js';
import { roleByIdRoutes } from './roles-by-id.js';
import { roleRoutes } from './roles.js';
import { userRoutes } from './users.js';

/**
 * Every admin REST route (`/admin/realms/...`), counted under the endpoint name `admin`. An API area adds its
 * own module and joins this list; specific paths come before `{param}` ones because the first match wins.
 */
export const adminRoutes: Route[] = withAdminEvents([...realmRoutes, ...realmAreaRoutes, ...partialRoutes, ...userRoutes, ...authzAdminRoutes, ...roleRoutes, ...roleByIdRoutes, ...roleMappingRoutes, ...clientAreaRoutes, ...groupAreaRoutes, ...identityProviderRoutes, ...organizationRoutes]);
