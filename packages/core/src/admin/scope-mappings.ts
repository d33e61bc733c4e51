/**
 * Scope mappings (python-keycloak's `*_client_scope` role methods): the roles a client may put in its
 * tokens (`/clients/{id}/scope-mappings`, python-keycloak's "client's scope") and those a client scope
 * brings (`/client-scopes/{id}/scope-mappings`). Realm roles are named by `id`, client roles by `name`.
 */
import { requesterOf } from './internal/requester-of.js';
import { roleList } from './internal/role-list.js';
import type { MappingsRepresentation, RoleRepresentation, RolesInput } from './representations/role.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const CLIENT_REALM = 'admin/realms/{realm}/clients/{id}/scope-mappings/realm';
const CLIENT_CLIENT = 'admin/realms/{realm}/clients/{id}/scope-mappings/clients/{client}';
const SCOPE_ALL = 'admin/realms/{realm}/client-scopes/{id}/scope-mappings';
const SCOPE_CLIENT = `${SCOPE_ALL}/clients/{client}`;
const get = (path: string): AdminEndpoint => ({ method: 'GET', path });
const post = (path: string): AdminEndpoint => ({ method: 'POST', path, expectedStatus: [204] });
const del = (path: string): AdminEndpoint => ({ method: 'DELETE', path, expectedStatus: [204] });

/** The scope-mapping methods of KeycloakAdmin. */
export const scopeMappingsApi = {
  /** python-keycloak's `assign_realm_roles_to_client_scope`: realm roles into a client's scope. */
  async assignRealmRolesToClientScope(this: object, clientId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(post(CLIENT_REALM), { ...options, params: { id: clientId }, body: roleList(roles) });
  },

  /** python-keycloak's `delete_realm_roles_of_client_scope`. */
  async deleteRealmRolesOfClientScope(this: object, clientId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(del(CLIENT_REALM), { ...options, params: { id: clientId }, body: roleList(roles) });
  },

  /** python-keycloak's `get_realm_roles_of_client_scope`. */
  async getRealmRolesOfClientScope(this: object, clientId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation[]> {
    return requesterOf(this).call<RoleRepresentation[]>(get(CLIENT_REALM), { ...options, params: { id: clientId } });
  },

  /** python-keycloak's `assign_client_roles_to_client_scope`: roles of `clientRolesOwnerId` into a client's scope. */
  async assignClientRolesToClientScope(this: object, clientId: string, clientRolesOwnerId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(post(CLIENT_CLIENT), { ...options, params: { id: clientId, client: clientRolesOwnerId }, body: roleList(roles) });
  },

  /** python-keycloak's `delete_client_roles_of_client_scope`. */
  async deleteClientRolesOfClientScope(this: object, clientId: string, clientRolesOwnerId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(del(CLIENT_CLIENT), { ...options, params: { id: clientId, client: clientRolesOwnerId }, body: roleList(roles) });
  },

  /** python-keycloak's `get_client_roles_of_client_scope`. */
  async getClientRolesOfClientScope(this: object, clientId: string, clientRolesOwnerId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation[]> {
    return requesterOf(this).call<RoleRepresentation[]>(get(CLIENT_CLIENT), { ...options, params: { id: clientId, client: clientRolesOwnerId } });
  },

  /** python-keycloak's `add_client_specific_roles_to_client_scope`: roles of `clientRolesOwnerId` into a client scope. */
  async addClientSpecificRolesToClientScope(this: object, clientScopeId: string, clientRolesOwnerId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(post(SCOPE_CLIENT), { ...options, params: { id: clientScopeId, client: clientRolesOwnerId }, body: roleList(roles) });
  },

  /** python-keycloak's `remove_client_specific_roles_of_client_scope`. */
  async removeClientSpecificRolesOfClientScope(this: object, clientScopeId: string, clientRolesOwnerId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(del(SCOPE_CLIENT), { ...options, params: { id: clientScopeId, client: clientRolesOwnerId }, body: roleList(roles) });
  },

  /** python-keycloak's `get_client_specific_roles_of_client_scope`. */
  async getClientSpecificRolesOfClientScope(this: object, clientScopeId: string, clientRolesOwnerId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation[]> {
    return requesterOf(this).call<RoleRepresentation[]>(get(SCOPE_CLIENT), { ...options, params: { id: clientScopeId, client: clientRolesOwnerId } });
  },

  /** python-keycloak's `get_all_roles_of_client_scope`: the realm and client roles a client scope brings. */
  async getAllRolesOfClientScope(this: object, clientScopeId: string, options: AdminCallOptions = {}): Promise<MappingsRepresentation> {
    return requesterOf(this).call<MappingsRepresentation>(get(SCOPE_ALL), { ...options, params: { id: clientScopeId } });
  },
};

/** The scope-mapping methods KeycloakAdmin has. */
export type ScopeMappingsApi = typeof scopeMappingsApi;
