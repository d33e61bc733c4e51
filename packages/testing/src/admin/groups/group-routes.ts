import { defaultGroupRoutes } from './default-groups.js';
import type { Route } from '../../http/router.js';
import { groupRoutes } from './group.js';
import { groupCollectionRoutes } from './groups.js';
import { userAreaRoutes } from '../users/user-area-routes.js';

/** The groups area and the user extras (memberships, credentials, sessions, consents, social links, e-mails). */
export const groupAreaRoutes: Route[] = [
  ...defaultGroupRoutes,
  ...groupCollectionRoutes,
  ...groupRoutes,
  ...userAreaRoutes,
];
