import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { GroupModel, RealmModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorMessage } from '../errors.js';
import { allowIf } from '../permissions.js';
import { allGroups } from '../roles/role-support.js';
import { groupToAdminRepresentation } from './group-representation.js';

/**
 * A realm's default groups (RealmModel.getDefaultGroupsStream): every user created afterwards joins them
 * (UserProvider.addUser), and a deleted group leaves the list. Kept in `realm.extensions`, in the order added.
 */
const KEY = 'admin.defaultGroups';

export function defaultGroupsOf(realm: RealmModel): GroupModel[] {
  const existing = realm.extensions[KEY];
  if (Array.isArray(existing)) return existing as GroupModel[];
  const created: GroupModel[] = [];
  realm.extensions[KEY] = created;
  return created;
}

/** Called when groups leave the realm: they stop being default groups. */
export function forgetDefaultGroups(realm: RealmModel, gone: ReadonlySet<GroupModel>): void {
  const list = defaultGroupsOf(realm);
  for (let i = list.length - 1; i >= 0; i--) if (gone.has(list[i]!)) list.splice(i, 1);
}

async function listDefaultGroups(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm());
  return { status: 200, body: defaultGroupsOf(realm).map((group) => groupToAdminRepresentation(realm, group, true)) };
}

// RealmAdminResource.addDefaultGroup / removeDefaultGroup: manage-realm, an unknown id is 404 "Group not found".
async function changeDefaultGroup(ctx: RequestContext, add: boolean): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  const group = allGroups(realm).find((g) => g.id === ctx.params['id']);
  if (!group) throw errorMessage(404, 'Group not found');
  const list = defaultGroupsOf(realm);
  const index = list.indexOf(group);
  if (add && index < 0) list.push(group);
  if (!add && index >= 0) list.splice(index, 1);
  return { status: 204 };
}

/** `default-groups` of the admin API (RealmAdminResource). */
export const defaultGroupRoutes: Route[] = [
  { method: 'GET', path: '/admin/realms/{realm}/default-groups', endpoint: 'admin', handler: listDefaultGroups },
  {
    method: 'PUT',
    path: '/admin/realms/{realm}/default-groups/{id}',
    endpoint: 'admin',
    handler: (ctx) => changeDefaultGroup(ctx, true),
  },
  {
    method: 'DELETE',
    path: '/admin/realms/{realm}/default-groups/{id}',
    endpoint: 'admin',
    handler: (ctx) => changeDefaultGroup(ctx, false),
  },
];
