/**
 * The realm roles API area (python-keycloak's realm-role, role-by-id, composite and default-role
 * methods): endpoints declared over the one request helper, the area class KeycloakAdmin extends. Client
 * roles are in client-roles.ts, role mappings in role-mappings.ts and scope-mappings.ts.
 */
import { KeycloakGetError, KeycloakOperationError } from '../errors.js';
import { type AdminArea, REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { roleList } from './internal/role-list.js';
import { fetchAll, iteratePages, type PageIterationOptions } from './pagination.js';
import type { GroupRepresentation } from './representations/group.js';
import type { RoleRepresentation, RolesInput } from './representations/role.js';
import type { UserRepresentation } from './representations/user.js';
import type { QueryParams } from '../http/types.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const ROLES: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/roles' };
const CREATE_ROLE: AdminEndpoint = { method: 'POST', path: 'admin/realms/{realm}/roles', expectedStatus: [201] };
const ROLE: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/roles/{role}' };
const UPDATE_ROLE: AdminEndpoint = { method: 'PUT', path: 'admin/realms/{realm}/roles/{role}', expectedStatus: [204] };
const DELETE_ROLE: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/roles/{role}',
  expectedStatus: [204],
};
const ROLE_GROUPS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/roles/{role}/groups' };
const ROLE_USERS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/roles/{role}/users' };
const ROLE_COMPOSITES: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/roles/{role}/composites' };
const ADD_COMPOSITES: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/roles/{role}/composites',
  expectedStatus: [204],
};
const REMOVE_COMPOSITES: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/roles/{role}/composites',
  expectedStatus: [204],
};
const ROLE_BY_ID: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/roles-by-id/{id}' };
const UPDATE_ROLE_BY_ID: AdminEndpoint = {
  method: 'PUT',
  path: 'admin/realms/{realm}/roles-by-id/{id}',
  expectedStatus: [204],
};
const DELETE_ROLE_BY_ID: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/roles-by-id/{id}',
  expectedStatus: [204],
};
const COMPOSITES_BY_ID: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/roles-by-id/{id}/composites' };
const REALM_COMPOSITES_BY_ID: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/roles-by-id/{id}/composites/realm',
};
const CLIENT_COMPOSITES_BY_ID: AdminEndpoint = {
  method: 'GET',
  path: 'admin/realms/{realm}/roles-by-id/{id}/composites/clients/{client}',
};
const ADD_COMPOSITES_BY_ID: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/roles-by-id/{id}/composites',
};
const REMOVE_COMPOSITES_BY_ID: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/roles-by-id/{id}/composites',
};

/** Options of {@link KeycloakAdmin.getRealmRoles}. */
export interface GetRealmRolesOptions extends AdminCallOptions {
  /** Omit role attributes. Default `true`. */
  briefRepresentation?: boolean;
  /** Only roles whose name contains this text (any case); blank means all. */
  searchText?: string;
  /** With `first` or `max`, one request is made instead of fetching every page. */
  first?: number;
  max?: number;
}

/** Paging query of the role member and composite lists. */
export interface RolePageQuery {
  first?: number;
  max?: number;
}

/** Options of {@link KeycloakAdmin.getRealmRoleGroups}. */
export interface BriefOptions extends AdminCallOptions {
  /** Omit attributes (and, for groups, role names). */
  briefRepresentation?: boolean;
}

/** Options of the creating methods. */
export interface CreateRoleOptions extends AdminCallOptions {
  /** When a role with this name exists, resolve to its name instead of failing. Default `false`. */
  skipExists?: boolean;
}

/** Query of {@link KeycloakAdmin.getRoleCompositesById}. */
export interface RoleCompositesQuery extends RolePageQuery {
  search?: string;
}

function rolesQuery(options: GetRealmRolesOptions): { query: QueryParams; call: AdminCallOptions } {
  const { briefRepresentation = true, searchText, first, max, ...call } = options;
  const search = typeof searchText === 'string' && searchText.trim() !== '' ? searchText : undefined;
  return { query: { briefRepresentation, search, first, max }, call };
}

/**
 * Creates a role and resolves to its name, read from the Location header as python-keycloak does. With
 * `skipExists`, an existing role (looked up first, or reported by a 409) resolves to the payload's name.
 */
export async function createNamedRole(
  self: AdminArea,
  endpoint: AdminEndpoint,
  params: Record<string, string>,
  payload: RoleRepresentation,
  options: CreateRoleOptions,
  exists: () => Promise<RoleRepresentation>,
): Promise<string> {
  const { skipExists = false, ...call } = options;
  if (skipExists && typeof payload.name === 'string') {
    try {
      const found = await exists();
      if (typeof found.name === 'string') return found.name;
    } catch (error) {
      if (!(error instanceof KeycloakGetError)) throw error;
    }
  }
  const name = await self[REQUESTER].create(endpoint, { ...call, params, body: payload, skipExists });
  if (name !== undefined) return name;
  if (typeof payload.name === 'string') return payload.name;
  throw new KeycloakOperationError('Keycloak answered a role creation without a Location', {
    code: 'ERR_INVALID_RESPONSE',
  });
}

/** The realm role, role-by-id, composite and default-role methods of KeycloakAdmin. */
export function RealmRolesArea<B extends AreaBase>(Base: B) {
  abstract class RealmRolesArea extends Base {
    /** python-keycloak's `get_realm_roles`: every page of 100 unless `first` or `max` is given. */
    async getRealmRoles(options: GetRealmRolesOptions = {}): Promise<RoleRepresentation[]> {
      const { query, call } = rolesQuery(options);
      return fetchAll<RoleRepresentation>(this[REQUESTER], ROLES, { ...call, query });
    }

    /** The realm roles, a page at a time as the loop asks. */
    async *iterateRealmRoles(
      options: Omit<GetRealmRolesOptions, 'first' | 'max' | 'signal' | 'timeout'> & PageIterationOptions = {},
    ): AsyncGenerator<RoleRepresentation, void, undefined> {
      const { signal, timeout, pageSize, ...rest } = options;
      const { query } = rolesQuery(rest);
      yield* iteratePages<RoleRepresentation>(this[REQUESTER], ROLES, { query }, { signal, timeout, pageSize });
    }

    /**
     * python-keycloak's `get_realm_role`.
     * @throws KeycloakGetError with status 404 when there is no such role.
     */
    async getRealmRole(roleName: string, options: AdminCallOptions = {}): Promise<RoleRepresentation> {
      return this[REQUESTER].call<RoleRepresentation>(ROLE, { ...options, params: { role: roleName } });
    }

    /** python-keycloak's `get_realm_role_by_id`. */
    async getRealmRoleById(roleId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation> {
      return this[REQUESTER].call<RoleRepresentation>(ROLE_BY_ID, { ...options, params: { id: roleId } });
    }

    /**
     * python-keycloak's `create_realm_role`: resolves to the new role's name (from the Location header).
     * @throws KeycloakPostError with status 409 when the name is taken (unless `skipExists`).
     */
    async createRealmRole(payload: RoleRepresentation, options: CreateRoleOptions = {}): Promise<string> {
      const { signal, timeout } = options;
      return createNamedRole(this, CREATE_ROLE, {}, payload, options, () =>
        this.getRealmRole(String(payload.name), { signal, timeout }),
      );
    }

    /** python-keycloak's `update_realm_role` (the description is replaced; send the name to keep it). */
    async updateRealmRole(
      roleName: string,
      payload: RoleRepresentation,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(UPDATE_ROLE, { ...options, params: { role: roleName }, body: payload });
    }

    /** python-keycloak's `delete_realm_role`. */
    async deleteRealmRole(roleName: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_ROLE, { ...options, params: { role: roleName } });
    }

    /** python-keycloak's `get_realm_role_groups`: the groups holding the role directly; every page unless `first`/`max`. */
    async getRealmRoleGroups(
      roleName: string,
      query: RolePageQuery = {},
      options: BriefOptions = {},
    ): Promise<GroupRepresentation[]> {
      const { briefRepresentation = true, ...call } = options;
      return fetchAll<GroupRepresentation>(this[REQUESTER], ROLE_GROUPS, {
        ...call,
        params: { role: roleName },
        query: { ...query, briefRepresentation },
      });
    }

    /** The groups holding a realm role, a page at a time. */
    async *iterateRealmRoleGroups(
      roleName: string,
      options: PageIterationOptions & { briefRepresentation?: boolean } = {},
    ): AsyncGenerator<GroupRepresentation, void, undefined> {
      const { briefRepresentation = true, ...paging } = options;
      yield* iteratePages<GroupRepresentation>(
        this[REQUESTER],
        ROLE_GROUPS,
        { params: { role: roleName }, query: { briefRepresentation } },
        paging,
      );
    }

    /** python-keycloak's `get_realm_role_members`: the users holding the role directly, every page. */
    async getRealmRoleMembers(
      roleName: string,
      query: { briefRepresentation?: boolean } = {},
      options: AdminCallOptions = {},
    ): Promise<UserRepresentation[]> {
      return fetchAll<UserRepresentation>(this[REQUESTER], ROLE_USERS, {
        ...options,
        params: { role: roleName },
        query: { ...query },
      });
    }

    /** The users holding a realm role, a page at a time. */
    async *iterateRealmRoleMembers(
      roleName: string,
      options: PageIterationOptions = {},
    ): AsyncGenerator<UserRepresentation, void, undefined> {
      yield* iteratePages<UserRepresentation>(this[REQUESTER], ROLE_USERS, { params: { role: roleName } }, options);
    }

    /** python-keycloak's `add_composite_realm_roles_to_role`: `roles` need their `id`. */
    async addCompositeRealmRolesToRole(
      roleName: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(ADD_COMPOSITES, { ...options, params: { role: roleName }, body: roleList(roles) });
    }

    /** python-keycloak's `remove_composite_realm_roles_to_role` (sic). */
    async removeCompositeRealmRolesToRole(
      roleName: string,
      roles: RolesInput,
      options: AdminCallOptions = {},
    ): Promise<void> {
      await this[REQUESTER].call(REMOVE_COMPOSITES, { ...options, params: { role: roleName }, body: roleList(roles) });
    }

    /** python-keycloak's `get_composite_realm_roles_of_role`: every composite of the role (realm and client roles). */
    async getCompositeRealmRolesOfRole(
      roleName: string,
      options: AdminCallOptions = {},
    ): Promise<RoleRepresentation[]> {
      return this[REQUESTER].call<RoleRepresentation[]>(ROLE_COMPOSITES, { ...options, params: { role: roleName } });
    }

    /** python-keycloak's `get_role_by_id`. */
    async getRoleById(roleId: string, options: AdminCallOptions = {}): Promise<RoleRepresentation> {
      return this[REQUESTER].call<RoleRepresentation>(
        { ...ROLE_BY_ID, expectedStatus: [200] },
        { ...options, params: { id: roleId } },
      );
    }

    /** python-keycloak's `update_role_by_id`. */
    async updateRoleById(roleId: string, payload: RoleRepresentation, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(UPDATE_ROLE_BY_ID, { ...options, params: { id: roleId }, body: payload });
    }

    /** python-keycloak's `delete_role_by_id`. */
    async deleteRoleById(roleId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_ROLE_BY_ID, { ...options, params: { id: roleId } });
    }

    /** python-keycloak's `get_role_composites_by_id`: every page unless `first`/`max` is given. */
    async getRoleCompositesById(
      roleId: string,
      query: RoleCompositesQuery = {},
      options: AdminCallOptions = {},
    ): Promise<RoleRepresentation[]> {
      return fetchAll<RoleRepresentation>(this[REQUESTER], COMPOSITES_BY_ID, {
        ...options,
        params: { id: roleId },
        query: { ...query },
      });
    }

    /** The composites of a role, a page at a time. */
    async *iterateRoleCompositesById(
      roleId: string,
      options: PageIterationOptions & { search?: string } = {},
    ): AsyncGenerator<RoleRepresentation, void, undefined> {
      const { search, ...paging } = options;
      yield* iteratePages<RoleRepresentation>(
        this[REQUESTER],
        COMPOSITES_BY_ID,
        { params: { id: roleId }, query: { search } },
        paging,
      );
    }

    /** python-keycloak's `get_role_client_level_children`: the role's composites among one client's roles. */
    async getRoleClientLevelChildren(
      clientId: string,
      roleId: string,
      options: AdminCallOptions = {},
    ): Promise<RoleRepresentation[]> {
      return this[REQUESTER].call<RoleRepresentation[]>(CLIENT_COMPOSITES_BY_ID, {
        ...options,
        params: { id: roleId, client: clientId },
      });
    }

    /**
     * python-keycloak's `get_default_realm_role_id`: the id of `default-roles-<realm>` (lower-cased).
     * @throws KeycloakOperationError `ERR_OPERATION` when the realm has no such role.
     */
    async getDefaultRealmRoleId(options: AdminCallOptions = {}): Promise<string> {
      const wanted = `default-roles-${this[REQUESTER].connection.realmName}`.toLowerCase();
      const roles = await this.getRealmRoles({ ...options });
      const id = roles.find((role) => role.name === wanted)?.id;
      if (id === undefined) throw new KeycloakOperationError(`The realm has no role named ${wanted}`);
      return id;
    }

    /** python-keycloak's `get_realm_default_roles`: the realm roles every new user gets. */
    async getRealmDefaultRoles(options: AdminCallOptions = {}): Promise<RoleRepresentation[]> {
      const id = await this.getDefaultRealmRoleId(options);
      return this[REQUESTER].call<RoleRepresentation[]>(REALM_COMPOSITES_BY_ID, { ...options, params: { id } });
    }

    /** python-keycloak's `add_realm_default_roles`: `payload` roles need their `id`. */
    async addRealmDefaultRoles(payload: readonly RoleRepresentation[], options: AdminCallOptions = {}): Promise<void> {
      const id = await this.getDefaultRealmRoleId(options);
      await this[REQUESTER].call(ADD_COMPOSITES_BY_ID, { ...options, params: { id }, body: payload });
    }

    /** python-keycloak's `remove_realm_default_roles`. */
    async removeRealmDefaultRoles(
      payload: readonly RoleRepresentation[],
      options: AdminCallOptions = {},
    ): Promise<void> {
      const id = await this.getDefaultRealmRoleId(options);
      await this[REQUESTER].call(REMOVE_COMPOSITES_BY_ID, { ...options, params: { id }, body: payload });
    }
  }
  return RealmRolesArea;
}

/** The realm role methods KeycloakAdmin has. */
export type RealmRolesApi = AreaMethods<typeof RealmRolesArea>;
