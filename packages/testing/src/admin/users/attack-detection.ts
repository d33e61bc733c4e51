import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { bruteForceStatus, loginFailures } from '../../events/brute-force.js';
import { realmAdminRequest } from '../admin-context.js';
import { allowIf } from '../permissions.js';

const path = '/admin/realms/{realm}/attack-detection/brute-force/users';

// GET .../users/{userId}: view-users; an unknown user id answers the zero status, not a 404 (AttackDetectionResource).
async function userStatus(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewUsers());
  const userId = ctx.params['userId'] ?? '';
  return { status: 200, body: bruteForceStatus(realm, userId, realm.users.get(userId), ctx.kernel.clock.now()) };
}

// DELETE .../users/{userId}: clears the failures; a user locked out permanently is enabled again.
async function clearUser(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageUsers());
  const userId = ctx.params['userId'] ?? '';
  loginFailures(realm).delete(userId);
  const user = realm.users.get(userId);
  if (user?.attributes['disabledReason']?.[0] === 'permanentLockout') {
    delete user.attributes['disabledReason'];
    user.enabled = true;
  }
  return { status: 204 };
}

async function clearAll(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageUsers());
  loginFailures(realm).clear();
  return { status: 204 };
}

/** Brute-force attack detection of the admin API. */
export const attackDetectionRoutes: Route[] = [
  { method: 'GET', path: `${path}/{userId}`, endpoint: 'admin', handler: userStatus },
  { method: 'DELETE', path: `${path}/{userId}`, endpoint: 'admin', handler: clearUser },
  { method: 'DELETE', path, endpoint: 'admin', handler: clearAll },
];
