import type { RequestContext } from '../../http/context.js';
import type { Route } from '../../http/router.js';
import { clientById } from '../../model/roles.js';
import type { RealmModel, RoleModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { errorMessage } from '../errors.js';
import { readJsonObject } from '../json-body.js';
import { allowIf } from '../permissions.js';
import {
  addComposites,
  listClientComposites,
  listComposites,
  listRealmComposites,
  removeComposites,
} from './role-composites.js';
import { removeRole, roleById, roleToAdminRepresentation } from './role-support.js';
import { checkDeletable, ROLE_SHAPE, updateRoleFromRep } from './role-write.js';

/**
 * RoleByIdResource (`/roles-by-id/{id}`): a realm or client role by its id. The unknown id is 404 "Could not find
 * role with id"; the rights are those of the role's container (realm: view/manage-realm, client: view/manage-clients).
 */
async function roleOf(ctx: RequestContext, manage: boolean): Promise<{ realm: RealmModel; role: RoleModel }> {
  const { realm, perms } = await realmAdminRequest(ctx);
  const role = roleById(realm, ctx.params['id']);
  if (!role) throw errorMessage(404, 'Could not find role with id');
  const isClientRole = role.clientId !== undefined;
  if (manage) allowIf(isClientRole ? perms.hasOne('manage-clients') : perms.canManageRealm());
  else allowIf(isClientRole ? perms.canViewClients() : perms.canViewRealm());
  return { realm, role };
}

const BASE = '/admin/realms/{realm}/roles-by-id/{id}';

/** Roles by id and their composites. */
export const roleByIdRoutes: Route[] = [
  {
    method: 'GET',
    path: BASE,
    endpoint: 'admin',
    handler: async (ctx) => {
      const { realm, role } = await roleOf(ctx, false);
      return { status: 200, body: roleToAdminRepresentation(realm, role, false) };
    },
  },
  {
    method: 'PUT',
    path: BASE,
    endpoint: 'admin',
    handler: async (ctx) => {
      const { realm, role } = await roleOf(ctx, true);
      const owner = role.clientId === undefined ? undefined : clientById(realm, role.clientId);
      const container = owner ? { roles: owner.roles, clientId: owner.id } : { roles: realm.roles };
      updateRoleFromRep(container, role, await readJsonObject(ctx, ROLE_SHAPE));
      return { status: 204 };
    },
  },
  {
    method: 'DELETE',
    path: BASE,
    endpoint: 'admin',
    handler: async (ctx) => {
      const { realm, role } = await roleOf(ctx, true);
      checkDeletable(realm, role);
      removeRole(realm, role);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: `${BASE}/composites`,
    endpoint: 'admin',
    handler: async (ctx) => {
      const { realm, role } = await roleOf(ctx, false);
      return listComposites(ctx, realm, role);
    },
  },
  {
    method: 'POST',
    path: `${BASE}/composites`,
    endpoint: 'admin',
    handler: async (ctx) => {
      const { realm, role } = await roleOf(ctx, true);
      return addComposites(ctx, realm, role);
    },
  },
  {
    method: 'DELETE',
    path: `${BASE}/composites`,
    endpoint: 'admin',
    handler: async (ctx) => {
      const { realm, role } = await roleOf(ctx, true);
      return removeComposites(ctx, realm, role);
    },
  },
  {
    method: 'GET',
    path: `${BASE}/composites/realm`,
    endpoint: 'admin',
    handler: async (ctx) => {
      const { realm, role } = await roleOf(ctx, false);
      return listRealmComposites(realm, role);
    },
  },
  {
    method: 'GET',
    path: `${BASE}/composites/clients/{client}`,
    endpoint: 'admin',
    handler: async (ctx) => {
      const { realm, role } = await roleOf(ctx, false);
      return listClientComposites(realm, role, ctx.params['client'] ?? '');
    },
  },
];
