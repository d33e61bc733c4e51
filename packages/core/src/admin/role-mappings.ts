/**
 * The role mappings of users and groups (python-keycloak's assign/get/delete role methods of users
 * and groups). `clientId` is the client's internal id. Roles sent must carry both `name` and `id`:
 * Keycloak looks them up by name and refuses one whose id differs (404 "Role not found").
 */
import { requesterOf } from './internal/requester-of.js';
import { roleList } from './internal/role-list.js';
import type { MappingsRepresentation, RoleRepresentation, RolesInput } from './representations/role.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';
import type { BriefOptions } from './roles.js';

const USER = 'admin/realms/{realm}/users/{id}/role-mappings';
const GROUP = 'admin/realms/{realm}/groups/{id}/role-mappings';
const get = (path: string): AdminEndpoint => ({ method: 'GET', path });
const post = (path: string): AdminEndpoint => ({ method: 'POST', path, expectedStatus: [204] });
const del = (path: string): AdminEndpoint => ({ method: 'DELETE', path, expectedStatus: [204] });

const USER_ALL = get(USER);
const USER_REALM = `${USER}/realm`;
const USER_CLIENT = `${USER}/clients/{client}`;
const GROUP_REALM = `${GROUP}/realm`;
const GROUP_CLIENT = `${GROUP}/clients/{client}`;

/** The user and group role-mapping methods of KeycloakAdmin. */
export const roleMappingsApi = {
  /** python-keycloak's `assign_realm_roles`. */
  async assignRealmRoles(this: object, userId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(post(USER_REALM), { ...options, params: { id: userId }, body: roleList(roles) });
  },

  /** python-keycloak's `delete_realm_roles_of_user`. */
  async deleteRealmRolesOfUser(this: object, userId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(del(USER_REALM), { ...options, params: { id: userId }, body: roleList(roles) });
  },

  /** python-keycloak's `get_realm_roles_of_user`: the realm roles mapped to the user directly. */
  async getRealmRolesOfUser(this: object, userId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation[]> {
    return requesterOf(this).call<RoleRepresentation[]>(get(USER_REALM), { ...options, params: { id: userId } });
  },

  /** python-keycloak's `get_available_realm_roles_of_user`: realm roles not mapped to the user directly. */
  async getAvailableRealmRolesOfUser(this: object, userId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation[]> {
    return requesterOf(this).call<RoleRepresentation[]>(get(`${USER_REALM}/available`), { ...options, params: { id: userId } });
  },

  /** python-keycloak's `get_composite_realm_roles_of_user`: every realm role the user holds effectively. */
  async getCompositeRealmRolesOfUser(this: object, userId: string, options: BriefOptions = {}): Promise<RoleRepresentation[]> {
    const { briefRepresentation = true, ...call } = options;
    return requesterOf(this).call<RoleRepresentation[]>(get(`${USER_REALM}/composite`), { ...call, params: { id: userId }, query: { briefRepresentation } });
  },

  /** python-keycloak's `get_all_roles_of_user`: the direct realm and client mappings. */
  async getAllRolesOfUser(this: object, userId: string, options: AdminCallOptions = {}): Promise<MappingsRepresentation> {
    return requesterOf(this).call<MappingsRepresentation>(USER_ALL, { ...options, params: { id: userId } });
  },

  /** python-keycloak's `assign_client_role`. */
  async assignClientRole(this: object, userId: string, clientId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(post(USER_CLIENT), { ...options, params: { id: userId, client: clientId }, body: roleList(roles) });
  },

  /** python-keycloak's `get_client_roles_of_user`: one client's roles mapped to the user directly. */
  async getClientRolesOfUser(this: object, userId: string, clientId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation[]> {
    return requesterOf(this).call<RoleRepresentation[]>(get(USER_CLIENT), { ...options, params: { id: userId, client: clientId } });
  },

  /** python-keycloak's `get_available_client_roles_of_user`. */
  async getAvailableClientRolesOfUser(this: object, userId: string, clientId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation[]> {
    return requesterOf(this).call<RoleRepresentation[]>(get(`${USER_CLIENT}/available`), { ...options, params: { id: userId, client: clientId } });
  },

  /** python-keycloak's `get_composite_client_roles_of_user` (`briefRepresentation` defaults to `false` there). */
  async getCompositeClientRolesOfUser(this: object, userId: string, clientId: string, options: BriefOptions = {}): Promise<RoleRepresentation[]> {
    const { briefRepresentation = false, ...call } = options;
    return requesterOf(this).call<RoleRepresentation[]>(get(`${USER_CLIENT}/composite`), { ...call, params: { id: userId, client: clientId }, query: { briefRepresentation } });
  },

  /** python-keycloak's `delete_client_roles_of_user`. */
  async deleteClientRolesOfUser(this: object, userId: string, clientId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(del(USER_CLIENT), { ...options, params: { id: userId, client: clientId }, body: roleList(roles) });
  },

  /** python-keycloak's `assign_group_realm_roles`. */
  async assignGroupRealmRoles(this: object, groupId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(post(GROUP_REALM), { ...options, params: { id: groupId }, body: roleList(roles) });
  },

  /** python-keycloak's `delete_group_realm_roles`. */
  async deleteGroupRealmRoles(this: object, groupId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(del(GROUP_REALM), { ...options, params: { id: groupId }, body: roleList(roles) });
  },

  /** python-keycloak's `get_group_realm_roles`: the realm roles mapped to the group directly. */
  async getGroupRealmRoles(this: object, groupId: string, options: BriefOptions = {}): Promise<RoleRepresentation[]> {
    const { briefRepresentation = true, ...call } = options;
    return requesterOf(this).call<RoleRepresentation[]>(get(GROUP_REALM), { ...call, params: { id: groupId }, query: { briefRepresentation } });
  },

  /** python-keycloak's `assign_group_client_roles`. */
  async assignGroupClientRoles(this: object, groupId: string, clientId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(post(GROUP_CLIENT), { ...options, params: { id: groupId, client: clientId }, body: roleList(roles) });
  },

  /** python-keycloak's `get_group_client_roles`. */
  async getGroupClientRoles(this: object, groupId: string, clientId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation[]> {
    return requesterOf(this).call<RoleRepresentation[]>(get(GROUP_CLIENT), { ...options, params: { id: groupId, client: clientId } });
  },

  /** python-keycloak's `delete_group_client_roles`. */
  async deleteGroupClientRoles(this: object, groupId: string, clientId: string, roles: RolesInput, options: AdminCallOptions = {}): Promise<void> {
    await requesterOf(this).call(del(GROUP_CLIENT), { ...options, params: { id: groupId, client: clientId }, body: roleList(roles) });
  },

  /** python-keycloak's `get_composite_client_roles_of_group` (note: client first, then group, as there). */
  async getCompositeClientRolesOfGroup(this: object, clientId: string, groupId: string, options: BriefOptions = {}): Promise<RoleRepresentation[]> {
    const { briefRepresentation = true, ...call } = options;
    return requesterOf(this).call<RoleRepresentation[]>(get(`${GROUP_CLIENT}/composite`), { ...call, params: { id: groupId, client: clientId }, query: { briefRepresentation } });
  },
};

/** The role-mapping methods KeycloakAdmin has. */
export type RoleMappingsApi = typeof roleMappingsApi;
