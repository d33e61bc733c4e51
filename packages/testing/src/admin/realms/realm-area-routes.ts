import type { Route } from '../../http/router.js';
import { attackDetectionRoutes } from '../users/attack-detection.js';
import { executionRoutes } from '../authentication/authentication-executions.js';
import { flowRoutes } from '../authentication/authentication-flows.js';
import { clientPolicyRoutes } from '../client-policies/client-policies.js';
import { registrationPolicyRoutes } from '../components/registration-policy-providers.js';
import { componentRoutes } from '../components/components.js';
import { eventRoutes } from '../events/events.js';
import { localizationRoutes } from './localization.js';
import { realmLogoutRoutes } from './realm-logout.js';
import { usersManagementPermissionRoutes } from './users-management-permissions.js';
import { consoleRoutes } from './console-whoami.js';
import { keyRoutes } from './keys-metadata.js';
import { maintenanceRoutes } from './cache-and-sync.js';
import { requiredActionConfigRoutes } from '../authentication/required-action-config.js';
import { requiredActionRoutes } from '../authentication/required-actions.js';
import { serverInfoRoutes } from './server-info.js';
import { userProfileRoutes } from '../users/user-profile.js';

/**
 * The realm-level rest of the admin API: authentication flows, required actions, components, keys, events,
 * attack detection, user profile, cache clears, server info, localization texts and client policies. Joined before the users routes, because
 * `users/profile` would otherwise match `users/{id}`.
 */
export const realmAreaRoutes: Route[] = [
  ...userProfileRoutes,
  ...flowRoutes,
  ...executionRoutes,
  ...requiredActionConfigRoutes,
  ...requiredActionRoutes,
  ...componentRoutes,
  ...keyRoutes,
  ...eventRoutes,
  ...attackDetectionRoutes,
  ...maintenanceRoutes,
  ...serverInfoRoutes,
  ...localizationRoutes,
  ...clientPolicyRoutes,
  ...realmLogoutRoutes,
  ...registrationPolicyRoutes,
  ...usersManagementPermissionRoutes,
  ...consoleRoutes,
];
