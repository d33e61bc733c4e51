import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorMessage, errorResponse } from '../errors.js';
import { readJsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import { byName, groupHierarchy, groupToAdminRepresentation, hasPath, withAccess } from './group-representation.js';
import { attributeMatcher, findGroups, flag, groupName, nameMatcher, pageOf } from './group-query.js';
import { checkGroupBody, GROUP_SHAPE, moveGroup, nameTaken, newGroup } from './group-write.js';
import { booleanParam } from '../json-body.js';
import { allGroups } from '../roles/role-support.js';

/** GroupsResource (`/groups`, `/groups/count`) and RealmAdminResource.getGroupByPath. */

// GroupsResource.getGroups: `q` (attributes) wins over `search` (names); both answer matches with their ancestors.
async function listGroups(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canListGroups());
  const brief = flag(ctx, 'briefRepresentation', true);
  const q = ctx.url.searchParams.get('q');
  const search = ctx.url.searchParams.get('search');
  let matches = byName(realm.groups);
  if (q !== null) matches = findGroups(realm, attributeMatcher(q));
  else if (search !== null) matches = findGroups(realm, nameMatcher(search.trim(), booleanParam(ctx.url, 'exact')));
  const page = pageOf(ctx, matches);
  const searched = q !== null || search !== null;
  const body =
    searched && flag(ctx, 'populateHierarchy', true)
      ? groupHierarchy(realm, page, brief)
      : page.map((g) => groupToAdminRepresentation(realm, g, brief));
  if (!flag(ctx, 'subGroupsCount', true)) for (const rep of body) delete rep['subGroupCount'];
  return { status: 200, body: body.map((rep) => withAccess(rep, perms)) };
}

// GroupsResource.getGroupCount: `search` counts matching names at any depth, `top=true` only top-level groups.
async function countGroups(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canListGroups());
  const search = ctx.url.searchParams.get('search');
  let count: number;
  if (search !== null) count = findGroups(realm, nameMatcher(search, false)).length;
  else count = flag(ctx, 'top', false) ? realm.groups.length : allGroups(realm).length;
  return { status: 200, body: { count } };
}

// GroupsResource.addTopLevelGroup: a body with an `id` moves that group to the top level instead of creating one.
async function createTopLevelGroup(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageUsers());
  const rep = await readJsonObject(ctx, GROUP_SHAPE);
  checkGroupBody(rep);
  const name = groupName(rep);
  const conflict = (): never => {
    throw errorResponse(409, `Top level group named '${name}' already exists.`);
  };
  if (typeof rep['id'] === 'string') {
    const existing = allGroups(realm).find((g) => g.id === rep['id']);
    if (!existing) throw errorMessage(404, 'Could not find child by id');
    if (existing.parent && nameTaken(realm, undefined, existing.name)) conflict();
    moveGroup(realm, existing, undefined);
    return { status: 204 };
  }
  if (nameTaken(realm, undefined, name)) conflict();
  const group = newGroup(rep, name);
  realm.groups.push(group);
  return {
    status: 201,
    headers: { location: `${ctx.baseUrl}/admin/realms/${encodeURIComponent(realm.name)}/groups/${group.id}` },
  };
}

// RealmAdminResource.getGroupByPath: the lookup comes before the permission check, as in Keycloak.
async function groupByPath(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const group = allGroups(realm).find((g) => hasPath(g, ctx.params['path'] ?? ''));
  if (!group) throw errorMessage(404, 'Group path does not exist');
  allowIf(perms.canViewUsers());
  // Unlike GET groups/{id}, the by-path lookup answers the plain full representation, without `access`.
  return { status: 200, body: groupToAdminRepresentation(realm, group, false) };
}

/** The realm's group collection routes; `count` comes before the `{id}` routes of group.ts. */
export const groupCollectionRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms/{realm}/groups', endpoint: 'admin', handler: listGroups },
  { method: 'POST', path: '/admin/realms/{realm}/groups', endpoint: 'admin', handler: createTopLevelGroup },
  { method: 'GET', path: '/admin/realms/{realm}/groups/count', endpoint: 'admin', handler: countGroups },
  { method: 'GET', path: '/admin/realms/{realm}/group-by-path/{path+}', endpoint: 'admin', handler: groupByPath },
];
