import type { Route } from '../http/router.js';
import { attackDetectionRoutes } from './attack-detection.js';
import { executionRoutes } from './authentication-executions.js';
import { flowRoutes } from './authentication-flows.js';
import { componentRoutes } from './components.js';
import { eventRoutes } from './events.js';
import { keyRoutes } from './keys-metadata.js';
import { maintenanceRoutes } from './realm-maintenance.js';
import { requiredActionRoutes } from './required-actions.js';
import { serverInfoRoutes } from './server-info.js';
import { userProfileRoutes } from './user-profile.js';

/**
 * The realm-level rest of the admin API: authentication flows, required actions, components, keys, events,
 * attack detection, user profile, cache clears and server info. Joined before the users routes, because
 * `users/profile` would otherwise match `users/{id}`.
 */
export const realmAreaRoutes: Route[] = [
  ...userProfileRoutes, ...flowRoutes, ...executionRoutes, ...requiredActionRoutes, ...componentRoutes, ...keyRoutes, ...eventRoutes,
  ...attackDetectionRoutes, ...maintenanceRoutes, ...serverInfoRoutes,
];
