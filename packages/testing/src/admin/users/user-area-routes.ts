import type { Route } from '../../http/router.js';
import { credentialManagementRoutes } from './credential-management.js';
import { userExtraRoutes } from './credentials-sessions.js';
import { impersonationRoutes } from './impersonation.js';
import { userEmailRoutes } from './user-email.js';
import { userGroupRoutes } from './user-groups.js';

/** The routes under `users/{id}/...`: memberships, credentials, sessions, consents, social links, e-mails, impersonation. */
export const userAreaRoutes: Route[] = [
  ...userGroupRoutes,
  ...userExtraRoutes,
  ...credentialManagementRoutes,
  ...userEmailRoutes,
  ...impersonationRoutes,
];
