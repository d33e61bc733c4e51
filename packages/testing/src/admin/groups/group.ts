import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { GroupModel, RealmModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorMessage, errorResponse } from '../errors.js';
import { booleanParam, readJsonObject } from '../json-body.js';
import { allowIf, type RealmPermissions } from '../permissions.js';
import { MANAGEMENT_PERMISSION_SHAPE } from '../clients/client-fields.js';
import {
  byName,
  groupAccess,
  groupToAdminRepresentation,
  groupWithAccess,
  withAccess,
} from './group-representation.js';
import { findGroups, flag, groupName, nameMatcher, pageOf } from './group-query.js';
import {
  applyGroupRep,
  checkGroupBody,
  GROUP_SHAPE,
  moveGroup,
  nameTaken,
  newGroup,
  removeGroup,
} from './group-write.js';
import { allGroups, groupParam } from '../roles/role-support.js';
import { userToAdminRepresentation, userToBriefRepresentation } from '../users/user-representation.js';

/** GroupResource: one group, its children, its members and its permission switch. */

const GROUP = '/admin/realms/{realm}/groups/{id}';

interface GroupRequest {
  realm: RealmModel;
  perms: RealmPermissions;
  group: GroupModel;
}

// GroupsResource.getGroupById answers 404 "Could not find group by id" before any permission check.
async function groupRequest(ctx: RequestContext, manage: boolean): Promise<GroupRequest> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const group = groupParam(ctx, realm);
  allowIf(manage ? perms.canManageUsers() : perms.canViewUsers());
  return { realm, perms, group };
}

async function getGroup(ctx: RequestContext): Promise<Reply> {
  const { realm, perms, group } = await groupRequest(ctx, false);
  return { status: 200, body: groupWithAccess(realm, group, perms) };
}

// GroupResource.updateGroup: a blank name is 400, another id 400, a sibling's name 409; sub-groups are ignored.
async function updateGroup(ctx: RequestContext): Promise<Reply> {
  const { realm, group } = await groupRequest(ctx, true);
  const rep = await readJsonObject(ctx, GROUP_SHAPE);
  checkGroupBody(rep);
  const name = groupName(rep);
  if (rep['id'] !== undefined && rep['id'] !== null && rep['id'] !== group.id)
    throw errorResponse(400, 'Invalid group id');
  if (name !== group.name && nameTaken(realm, group.parent, name, group))
    throw errorResponse(409, `Sibling group named '${name}' already exists.`);
  applyGroupRep(group, rep);
  return { status: 204 };
}

async function deleteGroup(ctx: RequestContext): Promise<Reply> {
  const { realm, group } = await groupRequest(ctx, true);
  removeGroup(realm, group);
  return { status: 204 };
}

// GroupResource.getSubGroups: `first` 0 and `max` 10 by default, full representations unless briefRepresentation.
async function listChildren(ctx: RequestContext): Promise<Reply> {
  const { realm, group, perms } = await groupRequest(ctx, false);
  const search = ctx.url.searchParams.get('search');
  const children =
    search === null
      ? byName(group.subGroups)
      : findGroups(realm, (g) => g.parent === group && nameMatcher(search, booleanParam(ctx.url, 'exact'))(g));
  const brief = flag(ctx, 'briefRepresentation', false);
  return {
    status: 200,
    body: pageOf(ctx, children, 10).map((g) => withAccess(groupToAdminRepresentation(realm, g, brief), perms)),
  };
}

// GroupResource.addChild: creates a sub-group (201 with Location and the new group), or moves the group named by `id` (204).
async function addChild(ctx: RequestContext): Promise<Reply> {
  const { realm, group, perms } = await groupRequest(ctx, true);
  const rep = await readJsonObject(ctx, GROUP_SHAPE);
  checkGroupBody(rep);
  const name = groupName(rep);
  const conflict = (): never => {
    throw errorResponse(409, `Sibling group named '${name}' already exists.`);
  };
  if (typeof rep['id'] === 'string') {
    const child = allGroups(realm).find((g) => g.id === rep['id']);
    if (!child) throw errorMessage(404, 'Could not find child by id');
    if (child.parent !== group) {
      if (nameTaken(realm, group, child.name)) conflict();
      moveGroup(realm, child, group);
    }
    return { status: 204 };
  }
  if (nameTaken(realm, group, name)) conflict();
  const child = newGroup(rep, name);
  child.parent = group;
  group.subGroups.push(child);
  const location = `${ctx.baseUrl}/admin/realms/${encodeURIComponent(realm.name)}/groups/${child.id}`;
  // GroupResource.addChild answers ModelToRepresentation's group (no subGroupCount) with access, typed without a charset.
  const { subGroupCount: _count, ...created } = groupToAdminRepresentation(realm, child, false);
  return {
    status: 201,
    headers: { location, 'content-type': 'application/json' },
    body: { ...created, access: groupAccess(perms) },
  };
}

// GroupResource.getMembers: direct members by username, 100 by default, full representations unless briefRepresentation.
async function listMembers(ctx: RequestContext): Promise<Reply> {
  const { realm, group } = await groupRequest(ctx, false);
  const members = [...realm.users.values()]
    .filter((u) => u.groups.has(group))
    .sort((a, b) => (a.username < b.username ? -1 : 1));
  const brief = flag(ctx, 'briefRepresentation', false);
  const page = pageOf(ctx, members, 100);
  return {
    status: 200,
    body: page.map((u) => (brief ? userToBriefRepresentation(u) : userToAdminRepresentation(realm, u))),
  };
}

// Both verbs start with ProfileHelper.requireFeature(ADMIN_FINE_GRAINED_AUTHZ), off by default in Keycloak 26.
async function managementPermissions(ctx: RequestContext): Promise<Reply> {
  const { realm } = await realmAdminRequest(ctx);
  groupParam(ctx, realm);
  if (ctx.req.method === 'PUT') await readJsonObject(ctx, MANAGEMENT_PERMISSION_SHAPE);
  throw errorMessage(501, 'Feature not enabled');
}

/** Routes of one group (role mappings live in role-mappings.ts). */
export const groupRoutes: Route[] = [
  { method: 'GET', path: GROUP, endpoint: 'admin', handler: getGroup },
  { method: 'PUT', path: GROUP, endpoint: 'admin', handler: updateGroup },
  { method: 'DELETE', path: GROUP, endpoint: 'admin', handler: deleteGroup },
  { method: 'GET', path: `${GROUP}/children`, endpoint: 'admin', handler: listChildren },
  { method: 'POST', path: `${GROUP}/children`, endpoint: 'admin', handler: addChild },
  { method: 'GET', path: `${GROUP}/members`, endpoint: 'admin', handler: listMembers },
  {
    method: ['GET', 'PUT'],
    path: `${GROUP}/management/permissions`,
    endpoint: 'admin',
    handler: managementPermissions,
  },
];
