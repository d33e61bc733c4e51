import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { GroupModel, RealmModel, UserModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorMessage } from '../errors.js';
import { byName, membershipRepresentation } from '../groups/group-representation.js';
import { flag, nameMatcher, pageOf } from '../groups/group-query.js';
import { allowIf } from '../permissions.js';
import { allGroups } from '../roles/role-support.js';
import { findUser } from './users.js';

/** UserResource's group membership: list, count, join and leave (view-users to read, manage-users to change). */

const USER_GROUPS = '/admin/realms/{realm}/users/{id}/groups';

async function userRequest(ctx: RequestContext, manage: boolean): Promise<{ realm: RealmModel; user: UserModel }> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const user = findUser(ctx, realm, perms);
  allowIf(manage ? perms.canManageUsers() : perms.canViewUsers());
  return { realm, user };
}

function memberships(ctx: RequestContext, user: UserModel): GroupModel[] {
  const search = ctx.url.searchParams.get('search');
  const groups = byName(user.groups);
  return search === null ? groups : groups.filter(nameMatcher(search, false));
}

async function listUserGroups(ctx: RequestContext): Promise<Reply> {
  const { realm, user } = await userRequest(ctx, false);
  const brief = flag(ctx, 'briefRepresentation', true);
  return {
    status: 200,
    body: pageOf(ctx, memberships(ctx, user)).map((g) => membershipRepresentation(realm, g, brief)),
  };
}

async function countUserGroups(ctx: RequestContext): Promise<Reply> {
  const { user } = await userRequest(ctx, false);
  return { status: 200, body: { count: memberships(ctx, user).length } };
}

// joinGroup / removeMembership: an unknown group is 404 "Group not found"; joining twice or leaving a group
// the user is not in changes nothing and still answers 204.
function groupOf(ctx: RequestContext, realm: RealmModel): GroupModel {
  const group = allGroups(realm).find((g) => g.id === ctx.params['groupId']);
  if (!group) throw errorMessage(404, 'Group not found');
  return group;
}

async function joinGroup(ctx: RequestContext): Promise<Reply> {
  const { realm, user } = await userRequest(ctx, true);
  user.groups.add(groupOf(ctx, realm));
  return { status: 204 };
}

async function leaveGroup(ctx: RequestContext): Promise<Reply> {
  const { realm, user } = await userRequest(ctx, true);
  user.groups.delete(groupOf(ctx, realm));
  return { status: 204 };
}

/** Group membership routes of a user. */
export const userGroupRoutes: Route[] = [
  { method: 'GET', path: USER_GROUPS, endpoint: 'admin', handler: listUserGroups },
  { method: 'GET', path: `${USER_GROUPS}/count`, endpoint: 'admin', handler: countUserGroups },
  { method: 'PUT', path: `${USER_GROUPS}/{groupId}`, endpoint: 'admin', handler: joinGroup },
  { method: 'DELETE', path: `${USER_GROUPS}/{groupId}`, endpoint: 'admin', handler: leaveGroup },
];
