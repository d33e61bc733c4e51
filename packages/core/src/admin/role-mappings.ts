/**
 * The role mappings of users and groups (python-keycloak's assign/get/delete role methods of users
 * and groups). `clientId` is the client's internal id. Roles sent must carry both `name` and `id`:
 * Keycloak looks them up by name and refuses one whose id differs (404 "Role not found").
 */
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { roleList } from './internal/role-list.js';
import type { MappingsRepresentation, RoleRepresentation, RolesInput } from './representations/role.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';
import type { BriefOptions } from './roles.js';

const ADD_USER_REALM: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/users/{id}/role-mappings/realm',
  expectedStatus: [204],
};
const REMOVE_USER_REALM: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/users/{id}/role-mappings/realm',
  expectedStatus: [204],
};
const GET_USER_REALM: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/users/{id}/role-mappings/realm' };
const GET_USER_REALM_AVAILABLE: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/users/{id}/role-mappings/realm/available',
};
const GET_USER_REALM_COMPOSITE: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/users/{id}/role-mappings/realm/composite',
};
const ADD_USER_CLIENT: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/users/{id}/role-mappings/clients/{client}',
  expectedStatus: [204],
};
const GET_USER_CLIENT: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/users/{id}/role-mappings/clients/{client}',
};
const GET_USER_CLIENT_AVAILABLE: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/users/{id}/role-mappings/clients/{client}/available',
};
const GET_USER_CLIENT_COMPOSITE: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/users/{id}/role-mappings/clients/{client}/composite',
};
const REMOVE_USER_CLIENT: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/users/{id}/role-mappings/clients/{client}',
  expectedStatus: [204],
};
const ADD_GROUP_REALM: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/groups/{id}/role-mappings/realm',
  expectedStatus: [204],
};
const REMOVE_GROUP_REALM: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/groups/{id}/role-mappings/realm',
  expectedStatus: [204],
};
const GET_GROUP_REALM: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/groups/{id}/role-mappings/realm' };
const ADD_GROUP_CLIENT: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/groups/{id}/role-mappings/clients/{client}',
  expectedStatus: [204],
};
const GET_GROUP_CLIENT: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/groups/{id}/role-mappings/clients/{client}',
};
const REMOVE_GROUP_CLIENT: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/groups/{id}/role-mappings/clients/{client}',
  expectedStatus: [204],
};
const GET_GROUP_CLIENT_COMPOSITE: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/groups/{id}/role-mappings/clients/{client}/composite',
};
const GET_USER_ALL: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/users/{id}/role-mappings' };

/** The user and group role-mapping methods of KeycloakAdmin. */
export function RoleMappingsArea<B extends AreaBase>(Base: B) {
  abstract class RoleMappingsArea extends Base {
    /** python-keycloak's `assign_realm_roles`. */
    async assignRealmRoles(userId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(ADD_USER_REALM, { ...options, params: { id: userId }, body: roleList(roles) });
    }

    /** python-keycloak's `delete_realm_roles_of_user`. */
    async deleteRealmRolesOfUser(userId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(REMOVE_USER_REALM, { ...options, params: { id: userId }, body: roleList(roles) });
    }

    /** python-keycloak's `get_realm_roles_of_user`: the realm roles mapped to the user directly. */
    async getRealmRolesOfUser(userId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation[]> {
      return this[REQUESTER].call<RoleRepresentation[]>(GET_USER_REALM, { ...options, params: { id: userId } });
    }

    /** python-keycloak's `get_available_realm_roles_of_user`: realm roles not mapped to the user directly. */
    async getAvailableRealmRolesOfUser(userId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation[]> {
      return this[REQUESTER].call<RoleRepresentation[]>(GET_USER_REALM_AVAILABLE, {
        ...options,
        params: { id: userId },
      });
    }

    /** python-keycloak's `get_composite_realm_roles_of_user`: every realm role the user holds effectively. */
    async getCompositeRealmRolesOfUser(userId: string, options: BriefOptions = {}): Promise<RoleRepresentation[]> {
      const { briefRepresentation = true, ...call } = options;
      return this[REQUESTER].call<RoleRepresentation[]>(GET_USER_REALM_COMPOSITE, {
        ...call,
        params: { id: userId },
        query: { briefRepresentation },
      });
    }

    /** python-keycloak's `get_all_roles_of_user`: the direct realm and client mappings. */
    async getAllRolesOfUser(userId: string, options: AdminCallOptions = {}): Promise<MappingsRepresentation> {
      return this[REQUESTER].call<MappingsRepresentation>(GET_USER_ALL, { ...options, params: { id: userId } });
    }

    /** python-keycloak's `assign_client_role`. */
    async assignClientRole(
      userId: string,
      clientId: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(ADD_USER_CLIENT, {
        ...options,
        params: { id: userId, client: clientId },
        body: roleList(roles),
      });
    }

    /** python-keycloak's `get_client_roles_of_user`: one client's roles mapped to the user directly. */
    async getClientRolesOfUser(
      userId: string,
      clientId: string,
      options: AdminCallOptions = {},
    ): Promise<RoleRepresentation[]> {
      return this[REQUESTER].call<RoleRepresentation[]>(GET_USER_CLIENT, {
        ...options,
        params: { id: userId, client: clientId },
      });
    }

    /** python-keycloak's `get_available_client_roles_of_user`. */
    async getAvailableClientRolesOfUser(
      userId: string,
      clientId: string,
      options: AdminCallOptions = {},
    ): Promise<RoleRepresentation[]> {
      return this[REQUESTER].call<RoleRepresentation[]>(GET_USER_CLIENT_AVAILABLE, {
        ...options,
        params: { id: userId, client: clientId },
      });
    }

    /** python-keycloak's `get_composite_client_roles_of_user` (`briefRepresentation` defaults to `false` there). */
    async getCompositeClientRolesOfUser(
      userId: string,
      clientId: string,
      options: BriefOptions = {},
    ): Promise<RoleRepresentation[]> {
      const { briefRepresentation = false, ...call } = options;
      return this[REQUESTER].call<RoleRepresentation[]>(GET_USER_CLIENT_COMPOSITE, {
        ...call,
        params: { id: userId, client: clientId },
        query: { briefRepresentation },
      });
    }

    /** python-keycloak's `delete_client_roles_of_user`. */
    async deleteClientRolesOfUser(
      userId: string,
      clientId: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(REMOVE_USER_CLIENT, {
        ...options,
        params: { id: userId, client: clientId },
        body: roleList(roles),
      });
    }

    /** python-keycloak's `assign_group_realm_roles`. */
    async assignGroupRealmRoles(groupId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(ADD_GROUP_REALM, { ...options, params: { id: groupId }, body: roleList(roles) });
    }

    /** python-keycloak's `delete_group_realm_roles`. */
    async deleteGroupRealmRoles(groupId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(REMOVE_GROUP_REALM, { ...options, params: { id: groupId }, body: roleList(roles) });
    }

    /** python-keycloak's `get_group_realm_roles`: the realm roles mapped to the group directly. */
    async getGroupRealmRoles(groupId: string, options: BriefOptions = {}): Promise<RoleRepresentation[]> {
      const { briefRepresentation = true, ...call } = options;
      return this[REQUESTER].call<RoleRepresentation[]>(GET_GROUP_REALM, {
        ...call,
        params: { id: groupId },
        query: { briefRepresentation },
      });
    }

    /** python-keycloak's `assign_group_client_roles`. */
    async assignGroupClientRoles(
      groupId: string,
      clientId: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(ADD_GROUP_CLIENT, {
        ...options,
        params: { id: groupId, client: clientId },
        body: roleList(roles),
      });
    }

    /** python-keycloak's `get_group_client_roles`. */
    async getGroupClientRoles(
      groupId: string,
      clientId: string,
      options: AdminCallOptions = {},
    ): Promise<RoleRepresentation[]> {
      return this[REQUESTER].call<RoleRepresentation[]>(GET_GROUP_CLIENT, {
        ...options,
        params: { id: groupId, client: clientId },
      });
    }

    /** python-keycloak's `delete_group_client_roles`. */
    async deleteGroupClientRoles(
      groupId: string,
      clientId: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(REMOVE_GROUP_CLIENT, {
        ...options,
        params: { id: groupId, client: clientId },
        body: roleList(roles),
      });
    }

    /** python-keycloak's `get_composite_client_roles_of_group` (note: client first, then group, as there). */
    async getCompositeClientRolesOfGroup(
      clientId: string,
      groupId: string,
      options: BriefOptions = {},
    ): Promise<RoleRepresentation[]> {
      const { briefRepresentation = true, ...call } = options;
      return this[REQUESTER].call<RoleRepresentation[]>(GET_GROUP_CLIENT_COMPOSITE, {
        ...call,
        params: { id: groupId, client: clientId },
        query: { briefRepresentation },
      });
    }
  }
  return RoleMappingsArea;
}

/** The role-mapping methods KeycloakAdmin has. */
export type RoleMappingsApi = AreaMethods<typeof RoleMappingsArea>;
