import type { Kernel } from '../http/context.js';
import type { Route } from '../http/router.js';
import { permissionRoutes } from './protection/permission.js';
import { resourceSetRoutes } from './protection/resource-set.js';
import { umaPolicyRoutes } from './protection/uma-policy.js';
import { umaDiscoveryRoutes } from './uma-discovery.js';
import { UMA_GRANT_TYPE, umaGrant } from './uma-grant.js';

/** Every Authorization Services route: UMA discovery and the Protection API (resources, tickets, user-managed policies). */
export const authzRoutes: Route[] = [
  ...umaDiscoveryRoutes,
  ...resourceSetRoutes,
  ...permissionRoutes,
  ...umaPolicyRoutes,
];

/** Registers the UMA ticket grant, with client authentication or a bearer token. */
export function registerAuthzGrants(kernel: Kernel): void {
  kernel.grants.register(UMA_GRANT_TYPE, umaGrant);
  kernel.grants.registerBearer(UMA_GRANT_TYPE, umaGrant);
}
