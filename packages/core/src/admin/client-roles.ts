/**
 * The client roles API area (python-keycloak's client-role methods). `clientId` is always the client's
 * internal id, not its clientId, as in python-keycloak.
 */
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { roleList } from './internal/role-list.js';
import { fetchAll, iteratePages, type PageIterationOptions } from './pagination.js';
import type { GroupRepresentation } from './representations/group.js';
import type { RoleRepresentation, RolesInput } from './representations/role.js';
import type { UserRepresentation } from './representations/user.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';
import { createNamedRole, type BriefOptions, type CreateRoleOptions } from './roles.js';

const BASE = 'admin/realms/{realm}/clients/{id}/roles';
const ROLES: AdminEndpoint = { method: 'GET', path: BASE };
const CREATE_ROLE: AdminEndpoint = { method: 'POST', path: BASE, expectedStatus: [201] };
const ROLE: AdminEndpoint = { method: 'GET', path: `${BASE}/{role}` };
const UPDATE_ROLE: AdminEndpoint = { method: 'PUT', path: `${BASE}/{role}`, expectedStatus: [204] };
const DELETE_ROLE: AdminEndpoint = { method: 'DELETE', path: `${BASE}/{role}`, expectedStatus: [204] };
const COMPOSITES: AdminEndpoint = { method: 'GET', path: `${BASE}/{role}/composites` };
const ADD_COMPOSITES: AdminEndpoint = { method: 'POST', path: `${BASE}/{role}/composites`, expectedStatus: [204] };
const REMOVE_COMPOSITES: AdminEndpoint = { method: 'DELETE', path: `${BASE}/{role}/composites`, expectedStatus: [204] };
const ROLE_USERS: AdminEndpoint = { method: 'GET', path: `${BASE}/{role}/users` };
const ROLE_GROUPS: AdminEndpoint = { method: 'GET', path: `${BASE}/{role}/groups` };

/** Query of {@link KeycloakAdmin.getClientRoleMembers} and {@link KeycloakAdmin.getClientRoleGroups}. */
export interface RoleHoldersQuery {
  briefRepresentation?: boolean;
}

/** The client role methods of KeycloakAdmin. */
export function ClientRolesArea<B extends AreaBase>(Base: B) {
  abstract class ClientRolesArea extends Base {
    /** python-keycloak's `get_client_roles`. */
    async getClientRoles(clientId: string, options: BriefOptions = {}): Promise<RoleRepresentation[]> {
      const { briefRepresentation = true, ...call } = options;
      return this[REQUESTER].call<RoleRepresentation[]>(ROLES, {
        ...call,
        params: { id: clientId },
        query: { briefRepresentation },
      });
    }

    /**
     * python-keycloak's `get_client_role`.
     * @throws KeycloakGetError with status 404 when the client or the role does not exist.
     */
    async getClientRole(
      clientId: string,
      roleName: string,
      options: AdminCallOptions = {},
    ): Promise<RoleRepresentation> {
      return this[REQUESTER].call<RoleRepresentation>(ROLE, { ...options, params: { id: clientId, role: roleName } });
    }

    /** python-keycloak's `get_client_role_id`: the role's id (a missing role fails as in `getClientRole`). */
    async getClientRoleId(
      clientId: string,
      roleName: string,
      options: AdminCallOptions = {},
    ): Promise<string | undefined> {
      return (await this.getClientRole(clientId, roleName, options)).id;
    }

    /** python-keycloak's `create_client_role`: resolves to the new role's name (from the Location header). */
    async createClientRole(
      clientRoleId: string,
      payload: RoleRepresentation,
      options: CreateRoleOptions = {},
    ): Promise<string> {
      const { signal, timeout } = options;
      const exists = () => this.getClientRole(clientRoleId, String(payload.name), { signal, timeout });
      return createNamedRole(this, CREATE_ROLE, { id: clientRoleId }, payload, options, exists);
    }

    /** python-keycloak's `update_client_role`. */
    async updateClientRole(
      clientId: string,
      roleName: string,
      payload: RoleRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_ROLE, { ...options, params: { id: clientId, role: roleName }, body: payload });
    }

    /** python-keycloak's `delete_client_role`. */
    async deleteClientRole(clientRoleId: string, roleName: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_ROLE, { ...options, params: { id: clientRoleId, role: roleName } });
    }

    /** python-keycloak's `add_composite_client_roles_to_role`: `roles` need their `id`. */
    async addCompositeClientRolesToRole(
      clientRoleId: string,
      roleName: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(ADD_COMPOSITES, {
        ...options,
        params: { id: clientRoleId, role: roleName },
        body: roleList(roles),
      });
    }

    /** python-keycloak's `remove_composite_client_roles_from_role`. */
    async removeCompositeClientRolesFromRole(
      clientRoleId: string,
      roleName: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(REMOVE_COMPOSITES, {
        ...options,
        params: { id: clientRoleId, role: roleName },
        body: roleList(roles),
      });
    }

    /** python-keycloak's `get_composite_client_roles_of_role`: every composite of a client role. */
    async getCompositeClientRolesOfRole(
      clientId: string,
      roleName: string,
      options: AdminCallOptions = {},
    ): Promise<RoleRepresentation[]> {
      return this[REQUESTER].call<RoleRepresentation[]>(COMPOSITES, {
        ...options,
        params: { id: clientId, role: roleName },
      });
    }

    /** python-keycloak's `get_client_role_members`: the users holding the role directly, every page. */
    async getClientRoleMembers(
      clientId: string,
      roleName: string,
      query: RoleHoldersQuery = {},
      options: AdminCallOptions = {},
    ): Promise<UserRepresentation[]> {
      return fetchAll<UserRepresentation>(this[REQUESTER], ROLE_USERS, {
        ...options,
        params: { id: clientId, role: roleName },
        query: { ...query },
      });
    }

    /** The users holding a client role, a page at a time. */
    async *iterateClientRoleMembers(
      clientId: string,
      roleName: string,
      options: PageIterationOptions = {},
    ): AsyncGenerator<UserRepresentation, void, undefined> {
      yield* iteratePages<UserRepresentation>(
        this[REQUESTER],
        ROLE_USERS,
        { params: { id: clientId, role: roleName } },
        options,
      );
    }

    /** python-keycloak's `get_client_role_groups`: the groups holding the role directly, every page. */
    async getClientRoleGroups(
      clientId: string,
      roleName: string,
      query: RoleHoldersQuery = {},
      options: AdminCallOptions = {},
    ): Promise<GroupRepresentation[]> {
      return fetchAll<GroupRepresentation>(this[REQUESTER], ROLE_GROUPS, {
        ...options,
        params: { id: clientId, role: roleName },
        query: { ...query },
      });
    }

    /** The groups holding a client role, a page at a time. */
    async *iterateClientRoleGroups(
      clientId: string,
      roleName: string,
      options: PageIterationOptions = {},
    ): AsyncGenerator<GroupRepresentation, void, undefined> {
      yield* iteratePages<GroupRepresentation>(
        this[REQUESTER],
        ROLE_GROUPS,
        { params: { id: clientId, role: roleName } },
        options,
      );
    }
  }
  return ClientRolesArea;
}

/** The client role methods KeycloakAdmin has. */
export type ClientRolesApi = AreaMethods<typeof ClientRolesArea>;
