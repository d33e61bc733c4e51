/**
 * The groups API area (python-keycloak's group methods): its endpoints declared over the one request
 * helper, and the area class KeycloakAdmin extends.
 * Since Keycloak 23 group lists carry `subGroupCount` instead of `subGroups`; as python-keycloak does,
 * `getGroups`/`getGroup` fetch the first level of children (every level with `fullHierarchy`).
 */
import { KeycloakOperationError } from '../errors.js';
import { REQUESTER, type AreaBase, type AreaMethods } from './internal/area.js';
import { fetchAll, iteratePages, type PageIterationOptions } from './pagination.js';
import type { ManagementPermissionReference } from './representations/client.js';
import type { GroupRepresentation } from './representations/group.js';
import type { UserRepresentation } from './representations/user.js';
import type { AdminCallOptions, AdminEndpoint } from './request.js';

const GROUPS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/groups' };
const GROUPS_COUNT: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/groups/count' };
const GROUP: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/groups/{id}' };
const GROUP_CHILDREN: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/groups/{id}/children' };
const GROUP_MEMBERS: AdminEndpoint = { method: 'GET', path: 'admin/realms/{realm}/groups/{id}/members' };
const CREATE_GROUP: AdminEndpoint = { method: 'POST', path: 'admin/realms/{realm}/groups', expectedStatus: [201] };
const CREATE_CHILD: AdminEndpoint = {
  method: 'POST',
  path: 'admin/realms/{realm}/groups/{id}/children',
  expectedStatus: [201],
};
const UPDATE_GROUP: AdminEndpoint = { method: 'PUT', path: 'admin/realms/{realm}/groups/{id}', expectedStatus: [204] };
const DELETE_GROUP: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/groups/{id}',
  expectedStatus: [204],
};
const GROUP_PERMISSIONS: AdminEndpoint = {
  method: 'PUT',
  path: 'admin/realms/{realm}/groups/{id}/management/permissions',
};
const USER_GROUP_ADD: AdminEndpoint = {
  method: 'PUT',
  path: 'admin/realms/{realm}/users/{id}/groups/{groupId}',
  expectedStatus: [204],
};
const USER_GROUP_REMOVE: AdminEndpoint = {
  method: 'DELETE',
  path: 'admin/realms/{realm}/users/{id}/groups/{groupId}',
  expectedStatus: [204],
};

/** Query of `GET /admin/realms/{realm}/groups` (Keycloak 26's parameters). */
export interface GroupQuery {
  /** Default `true`: no attributes or role names. */
  briefRepresentation?: boolean;
  /** Match `search` as the whole name. */
  exact?: boolean;
  /** With `first` or `max`, one request is made instead of fetching every page. */
  first?: number;
  max?: number;
  /** With `search` or `q`, answer the matches under their ancestors. Default `true`. */
  populateHierarchy?: boolean;
  /** Attribute filters, `key1:value1 key2:value2`. */
  q?: string;
  /** Part of a group name, at any depth. */
  search?: string;
  /** Include `subGroupCount`. Default `true`. */
  subGroupsCount?: boolean;
}

/** Query of `GET /admin/realms/{realm}/groups/{id}/children`. */
export type GroupChildrenQuery = Pick<
  GroupQuery,
  'briefRepresentation' | 'exact' | 'first' | 'max' | 'search' | 'subGroupsCount'
>;

/** Query of `GET /admin/realms/{realm}/groups/{id}/members`. */
export type GroupMembersQuery = Pick<GroupQuery, 'briefRepresentation' | 'first' | 'max'>;

/** Query of `GET /admin/realms/{realm}/groups/count`. */
export interface GroupCountQuery {
  search?: string;
  /** Count only top-level groups. Default `false`. */
  top?: boolean;
}

/** Options of the methods that can fill `subGroups` (python-keycloak's `full_hierarchy`). */
export interface GroupHierarchyOptions extends AdminCallOptions {
  /** Fill every level of `subGroups`, not only the first. Default `false`. */
  fullHierarchy?: boolean;
}

/** Options of {@link KeycloakAdmin.createGroup}. */
export interface CreateGroupOptions extends AdminCallOptions {
  /** A group of that name already existing (409) resolves to `undefined` instead of failing. Default `false`. */
  skipExists?: boolean;
}

// python-keycloak fills `subGroups` of each group that reports children, one level or all of them.
async function withChildren(
  admin: Pick<GroupsApi, 'getGroupChildren'>,
  groups: GroupRepresentation[],
  options: GroupHierarchyOptions,
): Promise<GroupRepresentation[]> {
  for (const group of groups) {
    if (group.subGroupCount && group.id !== undefined)
      group.subGroups = await admin.getGroupChildren(group.id, {}, options);
  }
  return groups;
}

/** The group methods of KeycloakAdmin. */
export function GroupsArea<B extends AreaBase>(Base: B) {
  abstract class GroupsArea extends Base {
    /**
     * python-keycloak's `get_groups`: top-level groups (or matches of `search`/`q`), one request when `query`
     * has `first` or `max`, else every page of 100; each group's children are then fetched into `subGroups`.
     */
    async getGroups(query: GroupQuery = {}, options: GroupHierarchyOptions = {}): Promise<GroupRepresentation[]> {
      const { fullHierarchy: _full, ...call } = options;
      const groups = await fetchAll<GroupRepresentation>(this[REQUESTER], GROUPS, { ...call, query: { ...query } });
      return withChildren(this, groups, options);
    }

    /** The groups of `query` (without `first`/`max`), a page at a time as the loop asks; `subGroups` are not fetched. */
    async *iterateGroups(
      query: Omit<GroupQuery, 'first' | 'max'> = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<GroupRepresentation, void, undefined> {
      yield* iteratePages<GroupRepresentation>(this[REQUESTER], GROUPS, { query: { ...query } }, options);
    }

    /**
     * python-keycloak's `get_group`, with its children in `subGroups`.
     * @throws KeycloakGetError with status 404 when there is no such group.
     */
    async getGroup(groupId: string, options: GroupHierarchyOptions = {}): Promise<GroupRepresentation> {
      const { fullHierarchy: _full, ...call } = options;
      const group = await this[REQUESTER].call<GroupRepresentation>(GROUP, { ...call, params: { id: groupId } });
      return (await withChildren(this, [group], options))[0] ?? group;
    }

    /**
     * python-keycloak's `get_subgroups`, local only: the group at `path` anywhere under `group.subGroups`,
     * or `undefined`.
     */
    getSubgroups(group: GroupRepresentation, path: string): GroupRepresentation | undefined {
      for (const subgroup of group.subGroups ?? []) {
        if (subgroup.path === path) return subgroup;
        const found = this.getSubgroups(subgroup, path);
        if (found) return found;
      }
      return undefined;
    }

    /**
     * python-keycloak's `get_group_children`: the sub-groups of a group, every page unless `query` has
     * `first` or `max`.
     * @throws KeycloakOperationError (`ERR_OPERATION`) when both `query` and `fullHierarchy` are given, as python-keycloak.
     */
    async getGroupChildren(
      groupId: string,
      query: GroupChildrenQuery = {},
      options: GroupHierarchyOptions = {},
    ): Promise<GroupRepresentation[]> {
      const { fullHierarchy, ...call } = options;
      if (fullHierarchy && Object.keys(query).length > 0)
        throw new KeycloakOperationError('Cannot use both query and fullHierarchy');
      const children = await fetchAll<GroupRepresentation>(this[REQUESTER], GROUP_CHILDREN, {
        ...call,
        params: { id: groupId },
        query: { ...query },
      });
      return fullHierarchy ? withChildren(this, children, options) : children;
    }

    /** The sub-groups of a group, a page at a time as the loop asks. */
    async *iterateGroupChildren(
      groupId: string,
      query: Omit<GroupChildrenQuery, 'first' | 'max'> = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<GroupRepresentation, void, undefined> {
      yield* iteratePages<GroupRepresentation>(
        this[REQUESTER],
        GROUP_CHILDREN,
        { params: { id: groupId }, query: { ...query } },
        options,
      );
    }

    /** python-keycloak's `get_group_members`: the direct members, every page unless `query` has `first` or `max`. */
    async getGroupMembers(
      groupId: string,
      query: GroupMembersQuery = {},
      options: AdminCallOptions = {},
    ): Promise<UserRepresentation[]> {
      return fetchAll<UserRepresentation>(this[REQUESTER], GROUP_MEMBERS, {
        ...options,
        params: { id: groupId },
        query: { ...query },
      });
    }

    /** The direct members of a group, a page at a time as the loop asks. */
    async *iterateGroupMembers(
      groupId: string,
      query: Omit<GroupMembersQuery, 'first' | 'max'> = {},
      options: PageIterationOptions = {},
    ): AsyncGenerator<UserRepresentation, void, undefined> {
      yield* iteratePages<UserRepresentation>(
        this[REQUESTER],
        GROUP_MEMBERS,
        { params: { id: groupId }, query: { ...query } },
        options,
      );
    }

    /**
     * python-keycloak's `get_group_by_path`, e.g. `/parent/child`. Each path segment is percent-encoded on
     * its own; the slashes between them stay, as Keycloak's `group-by-path/{path: .*}` expects.
     * @throws KeycloakGetError with status 404 when no group has that path.
     */
    async getGroupByPath(path: string, options: AdminCallOptions = {}): Promise<GroupRepresentation> {
      if (typeof path !== 'string') throw new KeycloakOperationError('path must be a string');
      const segments = path.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
      const params = Object.fromEntries(segments.map((segment, i) => [`s${i}`, segment]));
      const endpoint: AdminEndpoint = {
        method: 'GET',
        path: `admin/realms/{realm}/group-by-path/${segments.map((_s, i) => `{s${i}}`).join('/')}`,
      };
      return this[REQUESTER].call<GroupRepresentation>(endpoint, { ...options, params });
    }

    /**
     * python-keycloak's `create_group`: a top-level group, or a sub-group of `parent` (a group id).
     * Resolves to the new group's id from the `Location` header; with `skipExists`, a 409 resolves to `undefined`.
     * @throws KeycloakPostError with status 409 when a sibling has that name (and `skipExists` is off).
     */
    async createGroup(
      payload: GroupRepresentation,
      parent?: string,
      options: CreateGroupOptions = {},
    ): Promise<string | undefined> {
      const { skipExists, ...call } = options;
      const endpoint = parent === undefined ? CREATE_GROUP : CREATE_CHILD;
      return this[REQUESTER].create(endpoint, {
        ...call,
        ...(parent === undefined ? {} : { params: { id: parent } }),
        body: payload,
        skipExists: skipExists === true,
      });
    }

    /** python-keycloak's `update_group` (name, attributes and description; sub-groups are ignored). */
    async updateGroup(groupId: string, payload: GroupRepresentation, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(UPDATE_GROUP, { ...options, params: { id: groupId }, body: payload });
    }

    /** python-keycloak's `groups_count`: Keycloak's `{ count }`. */
    async groupsCount(query: GroupCountQuery = {}, options: AdminCallOptions = {}): Promise<{ count: number }> {
      const body = await this[REQUESTER].call<unknown>(GROUPS_COUNT, { ...options, query: { ...query } });
      if (body === null || typeof body !== 'object' || typeof (body as { count?: unknown }).count !== 'number') {
        throw new KeycloakOperationError('The groups count is not a { count } object', {
          code: 'ERR_INVALID_RESPONSE',
        });
      }
      return { count: (body as { count: number }).count };
    }

    /**
     * python-keycloak's `group_set_permissions`: turns a group's fine-grained admin permissions on or off.
     * @throws KeycloakPutError with status 501 when the server runs without the admin-fine-grained-authz feature (Keycloak 26's default).
     */
    async groupSetPermissions(
      groupId: string,
      enabled = true,
      options: AdminCallOptions = {},
    ): Promise<ManagementPermissionReference> {
      return this[REQUESTER].call<ManagementPermissionReference>(GROUP_PERMISSIONS, {
        ...options,
        params: { id: groupId },
        body: { enabled },
      });
    }

    /** python-keycloak's `group_user_add`: the user joins the group (already a member is no error). */
    async groupUserAdd(userId: string, groupId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(USER_GROUP_ADD, { ...options, params: { id: userId, groupId } });
    }

    /** python-keycloak's `group_user_remove`: the user leaves the group. */
    async groupUserRemove(userId: string, groupId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(USER_GROUP_REMOVE, { ...options, params: { id: userId, groupId } });
    }

    /** python-keycloak's `delete_group` (its sub-groups go with it). */
    async deleteGroup(groupId: string, options: AdminCallOptions = {}): Promise<void> {
      await this[REQUESTER].call(DELETE_GROUP, { ...options, params: { id: groupId } });
    }
  }
  return GroupsArea;
}

/** The group methods KeycloakAdmin has. */
export type GroupsApi = AreaMethods<typeof GroupsArea>;
