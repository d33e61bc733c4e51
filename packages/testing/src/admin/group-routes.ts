import type { Route } from '../http/router.js';
import { groupRoutes } from './group.js';
import { groupCollectionRoutes } from './groups.js';
import { userEmailRoutes } from './user-email.js';
import { userExtraRoutes } from './user-extras.js';
import { userGroupRoutes } from './user-groups.js';

/** The groups area and the user extras (memberships, credentials, sessions, consents, social links, e-mails). */
export const groupAreaRoutes: Route[] = [...groupCollectionRoutes, ...groupRoutes, ...userGroupRoutes, ...userExtraRoutes, ...userEmailRoutes];
