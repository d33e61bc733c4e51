import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import type { RealmModel, RoleModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorMessage } from '../errors.js';
import { readJsonObject } from '../json-body.js';
import { allowIf, type RealmPermissions } from '../permissions.js';
import {
  addComposites,
  listClientComposites,
  listComposites,
  listRealmComposites,
  removeComposites,
} from './role-composites.js';
import {
  allGroups,
  briefParam,
  clientParam,
  page,
  removeRole,
  roleList,
  roleToAdminRepresentation,
} from './role-support.js';
import { checkDeletable, createRoleFromRep, ROLE_SHAPE, updateRoleFromRep, type RoleContainer } from './role-write.js';
import { membershipRepresentation } from '../groups/group-representation.js';
import {
  userListingAccess,
  userToAdminRepresentation,
  userToBriefRepresentation,
} from '../users/user-representation.js';

/**
 * RoleContainerResource for the realm (`/roles`) and for each client (`/clients/{client}/roles`): list, create,
 * read, update and delete roles by name, their composites, and the users and groups holding them directly.
 * A realm's roles need view-realm / manage-realm; a client's, view-clients / manage-clients (RolePermissions).
 */

interface ContainerAccess {
  realm: RealmModel;
  perms: RealmPermissions;
  container: RoleContainer;
  canView: boolean;
  canManage: boolean;
}

type ContainerOf = (ctx: RequestContext) => Promise<ContainerAccess>;

const realmContainer: ContainerOf = async (ctx) => {
  const { realm, perms } = await realmAdminRequest(ctx);
  return {
    realm,
    perms,
    container: { roles: realm.roles },
    canView: perms.canViewRealm(),
    canManage: perms.canManageRealm(),
  };
};

const clientContainer: ContainerOf = async (ctx) => {
  const { realm, perms } = await realmAdminRequest(ctx);
  const client = clientParam(ctx, realm, perms, 'client');
  return {
    realm,
    perms,
    container: { roles: client.roles, clientId: client.id },
    canView: perms.canViewClients(),
    canManage: perms.hasOne('manage-clients'),
  };
};

/** RoleContainerResource: `requireView`/`requireManage` first, then "Could not find role" for an unknown name. */
async function roleOf(
  ctx: RequestContext,
  of: ContainerOf,
  manage: boolean,
): Promise<ContainerAccess & { role: RoleModel }> {
  const access = await of(ctx);
  allowIf(manage ? access.canManage : access.canView);
  const role = access.container.roles.get(ctx.params['role'] ?? '');
  if (!role) throw errorMessage(404, 'Could not find role');
  return { ...access, role };
}

function containerRoutes(prefix: string, of: ContainerOf): Route[] {
  const list = async (ctx: RequestContext): Promise<Reply> => {
    const { realm, perms, container } = await of(ctx);
    allowIf(perms.isAdmin());
    const search = ctx.url.searchParams.get('search')?.trim().toLowerCase() ?? '';
    // RoleContainer.searchForRolesStream matches the name or the description, case-insensitively.
    const matches = (r: RoleModel): boolean =>
      r.name.toLowerCase().includes(search) || (r.description ?? '').toLowerCase().includes(search);
    const roles = roleList(realm, [...container.roles.values()].filter(matches), briefParam(ctx, true));
    // getRoles pages only a search, or when both first and max are given.
    const paged = search !== '' || (ctx.url.searchParams.has('first') && ctx.url.searchParams.has('max'));
    return { status: 200, body: paged ? page(ctx, roles) : roles };
  };
  const create = async (ctx: RequestContext): Promise<Reply> => {
    const { realm, container, canManage } = await of(ctx);
    allowIf(canManage);
    const role = createRoleFromRep(realm, container, await readJsonObject(ctx, ROLE_SHAPE));
    return {
      status: 201,
      headers: { location: `${ctx.baseUrl}${ctx.url.pathname.replace(/\/$/, '')}/${encodeURIComponent(role.name)}` },
    };
  };
  const get = async (ctx: RequestContext): Promise<Reply> => {
    const { realm, role } = await roleOf(ctx, of, false);
    return { status: 200, body: roleToAdminRepresentation(realm, role, false) };
  };
  const update = async (ctx: RequestContext): Promise<Reply> => {
    const { container, role } = await roleOf(ctx, of, true);
    updateRoleFromRep(container, role, await readJsonObject(ctx, ROLE_SHAPE));
    return { status: 204 };
  };
  const remove = async (ctx: RequestContext): Promise<Reply> => {
    const { realm, role } = await roleOf(ctx, of, true);
    checkDeletable(realm, role);
    removeRole(realm, role);
    return { status: 204 };
  };
  // getUsersInRole: direct holders only, by username, 100 at most unless `max` says otherwise.
  const users = async (ctx: RequestContext): Promise<Reply> => {
    const { realm, perms, role } = await roleOf(ctx, of, false);
    allowIf(perms.canQueryUsers());
    const brief = briefParam(ctx, false);
    const holders = [...realm.users.values()]
      .filter((u) => u.roleMappings.has(role))
      .sort((a, b) => a.username.localeCompare(b.username));
    // Listed as UsersResource lists users: with the listing access ({manage}).
    const access = userListingAccess(perms);
    const reps = page(ctx, holders, 100).map((u) =>
      brief ? userToBriefRepresentation(u, access) : userToAdminRepresentation(realm, u, access),
    );
    return { status: 200, body: reps };
  };
  const groups = async (ctx: RequestContext): Promise<Reply> => {
    const { realm, role } = await roleOf(ctx, of, false);
    const holders = allGroups(realm).filter((g) => g.roleMappings.has(role));
    // RoleByIdResource/RoleContainerResource.getGroupsInRole: ModelToRepresentation's group, no subGroupCount.
    return {
      status: 200,
      body: page(ctx, holders, 100).map((g) => membershipRepresentation(realm, g, briefParam(ctx, true))),
    };
  };
  const one = `${prefix}/{role}`;
  return [
    { method: 'GET', path: prefix, endpoint: 'admin', handler: list },
    { method: 'POST', path: prefix, endpoint: 'admin', handler: create },
    { method: 'GET', path: one, endpoint: 'admin', handler: get },
    { method: 'PUT', path: one, endpoint: 'admin', handler: update },
    { method: 'DELETE', path: one, endpoint: 'admin', handler: remove },
    { method: 'GET', path: `${one}/users`, endpoint: 'admin', handler: users },
    { method: 'GET', path: `${one}/groups`, endpoint: 'admin', handler: groups },
    {
      method: 'GET',
      path: `${one}/composites`,
      endpoint: 'admin',
      handler: async (ctx) => {
        const { realm, role } = await roleOf(ctx, of, false);
        return listComposites(ctx, realm, role);
      },
    },
    {
      method: 'POST',
      path: `${one}/composites`,
      endpoint: 'admin',
      handler: async (ctx) => {
        const { realm, role } = await roleOf(ctx, of, true);
        return addComposites(ctx, realm, role);
      },
    },
    {
      method: 'DELETE',
      path: `${one}/composites`,
      endpoint: 'admin',
      handler: async (ctx) => {
        const { realm, role } = await roleOf(ctx, of, true);
        return removeComposites(ctx, realm, role);
      },
    },
    {
      method: 'GET',
      path: `${one}/composites/realm`,
      endpoint: 'admin',
      handler: async (ctx) => {
        const { realm, role } = await roleOf(ctx, of, false);
        return listRealmComposites(realm, role);
      },
    },
    {
      method: 'GET',
      path: `${one}/composites/clients/{target}`,
      endpoint: 'admin',
      handler: async (ctx) => {
        const { realm, role } = await roleOf(ctx, of, false);
        return listClientComposites(realm, role, ctx.params['target'] ?? '');
      },
    },
  ];
}

/** Realm roles and client roles by name. */
export const roleRoutes: Route[] = [
  ...containerRoutes('/admin/realms/{realm}/roles', realmContainer),
  ...containerRoutes('/admin/realms/{realm}/clients/{client}/roles', clientContainer),
];
