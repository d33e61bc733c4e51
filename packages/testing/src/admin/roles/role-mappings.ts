import type { Route } from '../../http/router.js';
import { effectiveUserRoles, expandRoles, groupAncestry } from '../../model/roles.js';
import type { ClientModel, RealmModel, RoleModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { allowIf } from '../permissions.js';
import { mappingRoutes, type MappingKind } from './mapping-routes.js';
import { clientParam, clientScopeParam, groupParam } from './role-support.js';
import { findUser } from '../users/users.js';

/**
 * The role mappings of users and groups (RoleMapperResource, ClientRoleMappingsResource) and the scope mappings of
 * clients and client scopes (ScopeMappedResource, ScopeMappedClientResource). Users and groups need view-users /
 * manage-users; clients and client scopes view-clients / manage-clients.
 */

const users: MappingKind = {
  byId: false,
  unknownClient: 'Client not found',
  async holderOf(ctx) {
    const { realm, perms } = await realmAdminRequest(ctx);
    const user = findUser(ctx, realm, perms);
    return {
      realm,
      mappings: user.roleMappings,
      effective: () => effectiveUserRoles(user),
      canView: perms.canViewUsers(),
      canManage: perms.canManageUsers(),
    };
  },
};

const groups: MappingKind = {
  byId: false,
  unknownClient: 'Client not found',
  async holderOf(ctx) {
    const { realm, perms } = await realmAdminRequest(ctx);
    const group = groupParam(ctx, realm);
    const effective = () => expandRoles(groupAncestry(group).flatMap((g) => [...g.roleMappings]));
    return {
      realm,
      mappings: group.roleMappings,
      effective,
      canView: perms.canViewUsers(),
      canManage: perms.canManageUsers(),
    };
  },
};

const clients: MappingKind = {
  byId: true,
  unknownClient: 'Could not find client',
  async holderOf(ctx) {
    const { realm, perms } = await realmAdminRequest(ctx);
    const client = clientParam(ctx, realm, perms);
    return {
      realm,
      mappings: client.scopeMappings,
      effective: () => clientScope(realm, client),
      canView: perms.canViewClients(),
      canManage: perms.hasOne('manage-clients'),
    };
  },
};

// ClientModel.hasScope: a full-scope client has every role in scope; otherwise its scope mappings and its own roles,
// with what their composites hold.
function clientScope(realm: RealmModel, client: ClientModel): Set<RoleModel> {
  if (!client.fullScopeAllowed) return expandRoles([...client.scopeMappings, ...client.roles.values()]);
  return new Set([...realm.roles.values(), ...[...realm.clients.values()].flatMap((c) => [...c.roles.values()])]);
}

const clientScopes: MappingKind = {
  byId: true,
  unknownClient: 'Could not find client',
  async holderOf(ctx) {
    const { realm, perms } = await realmAdminRequest(ctx);
    allowIf(perms.canViewClients() || perms.hasOne('query-clients'));
    const scope = clientScopeParam(ctx, realm);
    return {
      realm,
      mappings: scope.scopeMappings,
      effective: () => expandRoles(scope.scopeMappings),
      canView: perms.canViewClients(),
      canManage: perms.hasOne('manage-clients'),
    };
  },
};

/** Role mappings of users and groups, scope mappings of clients and client scopes. */
export const roleMappingRoutes: Route[] = [
  ...mappingRoutes('/admin/realms/{realm}/users/{id}/role-mappings', users),
  ...mappingRoutes('/admin/realms/{realm}/groups/{id}/role-mappings', groups),
  ...mappingRoutes('/admin/realms/{realm}/clients/{id}/scope-mappings', clients),
  ...mappingRoutes('/admin/realms/{realm}/client-scopes/{id}/scope-mappings', clientScopes),
];
