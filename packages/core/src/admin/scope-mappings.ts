/**
 * Scope mappings (python-keycloak's `*_client_scope` role methods): the roles a client may put in its
 * tokens (`/clients/{id}/scope-mappings`, python-keycloak's "client's scope") and those a client scope
 * brings (`/client-scopes/{id}/scope-mappings`). Realm roles are named by `id`, client roles by `name`.
 */
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { roleList } from './internal/role-list.js';
import type { MappingsRepresentation, RoleRepresentation, RolesInput } from './representations/role.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const ADD_CLIENT_REALM: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/clients/{id}/scope-mappings/realm',
  expectedStatus: [204],
};
const REMOVE_CLIENT_REALM: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/clients/{id}/scope-mappings/realm',
  expectedStatus: [204],
};
const GET_CLIENT_REALM: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/clients/{id}/scope-mappings/realm',
};
const ADD_CLIENT_CLIENT: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/clients/{id}/scope-mappings/clients/{client}',
  expectedStatus: [204],
};
const REMOVE_CLIENT_CLIENT: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/clients/{id}/scope-mappings/clients/{client}',
  expectedStatus: [204],
};
const GET_CLIENT_CLIENT: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/clients/{id}/scope-mappings/clients/{client}',
};
const ADD_SCOPE_CLIENT: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/client-scopes/{id}/scope-mappings/clients/{client}',
  expectedStatus: [204],
};
const REMOVE_SCOPE_CLIENT: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/client-scopes/{id}/scope-mappings/clients/{client}',
  expectedStatus: [204],
};
const GET_SCOPE_CLIENT: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/client-scopes/{id}/scope-mappings/clients/{client}',
};
const GET_SCOPE_ALL: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/client-scopes/{id}/scope-mappings' };

/** The scope-mapping methods of KeycloakAdmin. */
export function ScopeMappingsArea<B extends AreaBase>(Base: B) {
  abstract class ScopeMappingsArea extends Base {
    /** python-keycloak's `assign_realm_roles_to_client_scope`: realm roles into a client's scope. */
    async assignRealmRolesToClientScope(
      clientId: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(ADD_CLIENT_REALM, { ...options, params: { id: clientId }, body: roleList(roles) });
    }

    /** python-keycloak's `delete_realm_roles_of_client_scope`. */
    async deleteRealmRolesOfClientScope(
      clientId: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(REMOVE_CLIENT_REALM, { ...options, params: { id: clientId }, body: roleList(roles) });
    }

    /** python-keycloak's `get_realm_roles_of_client_scope`. */
    async getRealmRolesOfClientScope(clientId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation[]> {
      return this[REQUESTER].call<RoleRepresentation[]>(GET_CLIENT_REALM, { ...options, params: { id: clientId } });
    }

    /** python-keycloak's `assign_client_roles_to_client_scope`: roles of `clientRolesOwnerId` into a client's scope. */
    async assignClientRolesToClientScope(
      clientId: string,
      clientRolesOwnerId: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(ADD_CLIENT_CLIENT, {
        ...options,
        params: { id: clientId, client: clientRolesOwnerId },
        body: roleList(roles),
      });
    }

    /** python-keycloak's `delete_client_roles_of_client_scope`. */
    async deleteClientRolesOfClientScope(
      clientId: string,
      clientRolesOwnerId: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(REMOVE_CLIENT_CLIENT, {
        ...options,
        params: { id: clientId, client: clientRolesOwnerId },
        body: roleList(roles),
      });
    }

    /** python-keycloak's `get_client_roles_of_client_scope`. */
    async getClientRolesOfClientScope(
      clientId: string,
      clientRolesOwnerId: string,
      options: AdminCallOptions = {},
    ): Promise<RoleRepresentation[]> {
      return this[REQUESTER].call<RoleRepresentation[]>(GET_CLIENT_CLIENT, {
        ...options,
        params: { id: clientId, client: clientRolesOwnerId },
      });
    }

    /** python-keycloak's `add_client_specific_roles_to_client_scope`: roles of `clientRolesOwnerId` into a client scope. */
    async addClientSpecificRolesToClientScope(
      clientScopeId: string,
      clientRolesOwnerId: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(ADD_SCOPE_CLIENT, {
        ...options,
        params: { id: clientScopeId, client: clientRolesOwnerId },
        body: roleList(roles),
      });
    }

    /** python-keycloak's `remove_client_specific_roles_of_client_scope`. */
    async removeClientSpecificRolesOfClientScope(
      clientScopeId: string,
      clientRolesOwnerId: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(REMOVE_SCOPE_CLIENT, {
        ...options,
        params: { id: clientScopeId, client: clientRolesOwnerId },
        body: roleList(roles),
      });
    }

    /** python-keycloak's `get_client_specific_roles_of_client_scope`. */
    async getClientSpecificRolesOfClientScope(
      clientScopeId: string,
      clientRolesOwnerId: string,
      options: AdminCallOptions = {},
    ): Promise<RoleRepresentation[]> {
      return this[REQUESTER].call<RoleRepresentation[]>(GET_SCOPE_CLIENT, {
        ...options,
        params: { id: clientScopeId, client: clientRolesOwnerId },
      });
    }

    /** python-keycloak's `get_all_roles_of_client_scope`: the realm and client roles a client scope brings. */
    async getAllRolesOfClientScope(
      clientScopeId: string,
      options: AdminCallOptions = {},
    ): Promise<MappingsRepresentation> {
      return this[REQUESTER].call<MappingsRepresentation>(GET_SCOPE_ALL, { ...options, params: { id: clientScopeId } });
    }
  }
  return ScopeMappingsArea;
}

/** The scope-mapping methods KeycloakAdmin has. */
export type ScopeMappingsApi = AreaMethods<typeof ScopeMappingsArea>;
