import type { Route } from '../../http/router.js';
import { policyAdminRoutes } from './policies.js';
import { resourceAdminRoutes } from './resources.js';
import { scopeAdminRoutes } from './scopes.js';
import { settingsAdminRoutes } from './settings.js';

/** The admin API of Authorization Services (`/admin/realms/{realm}/clients/{client}/authz/resource-server/...`). */
export const authzAdminRoutes: Route[] = [
  ...settingsAdminRoutes,
  ...resourceAdminRoutes,
  ...scopeAdminRoutes,
  ...policyAdminRoutes,
];
