import { groupPath } from '../../model/roles.js';
import type { GroupModel, RealmModel } from '../../model/types.js';
import type { JsonObject } from '../json-body.js';
import type { RealmPermissions } from '../permissions.js';
import { groupToListRepresentation } from '../roles/role-support.js';

/**
 * Groups as the admin API writes them (ModelToRepresentation.toRepresentation + GroupUtils): brief = id, name,
 * description, path, parentId, subGroupCount and an empty `subGroups`; full adds attributes and role names.
 */

/** GroupPermissions.getAccess without fine-grained permissions: everything follows view-users / manage-users. */
export function groupAccess(perms: RealmPermissions): Record<string, boolean> {
  const view = perms.canViewUsers();
  const manage = perms.canManageUsers();
  return { view, viewMembers: view, manage, manageMembership: manage, manageMembers: manage };
}

/** One group, brief or full, with `subGroups` empty (Keycloak 23+ lists children only through `/children`). */
export function groupToAdminRepresentation(realm: RealmModel, group: GroupModel, brief: boolean): JsonObject {
  const rep = groupToListRepresentation(realm, group, brief);
  return group.description === undefined
    ? rep
    : { id: rep['id'], name: rep['name'], description: group.description, ...rep };
}

/** `GET /groups/{id}`: the full representation plus the caller's `access`. */
export function groupWithAccess(realm: RealmModel, group: GroupModel, perms: RealmPermissions): JsonObject {
  return { ...groupToAdminRepresentation(realm, group, false), access: groupAccess(perms) };
}

/**
 * A group of a listing that GroupsResource / GroupResource build with GroupUtils.toRepresentation(groupsEvaluator,
 * ...): the top-level list, a search's hierarchy (every node) and `/children` each carry the caller's `access`.
 */
export function withAccess(rep: JsonObject, perms: RealmPermissions): JsonObject {
  const subGroups = rep['subGroups'];
  return {
    ...rep,
    ...(Array.isArray(subGroups) ? { subGroups: subGroups.map((child: JsonObject) => withAccess(child, perms)) } : {}),
    access: groupAccess(perms),
  };
}

/** UserResource.groupMembership: ModelToRepresentation.toRepresentation without GroupUtils, so no subGroupCount. */
export function membershipRepresentation(realm: RealmModel, group: GroupModel, brief: boolean): JsonObject {
  const { subGroupCount: _count, ...rep } = groupToAdminRepresentation(realm, group, brief);
  return rep;
}

/** Groups sorted by name, as Keycloak's group queries order them. */
export function byName(groups: Iterable<GroupModel>): GroupModel[] {
  return [...groups].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * GroupUtils.populateGroupHierarchyFromSubGroups: each matched group hangs under its ancestors, which appear once
 * each as roots and intermediate nodes; a node lists in `subGroups` only the branches that lead to a match.
 */
export function groupHierarchy(realm: RealmModel, matches: readonly GroupModel[], brief: boolean): JsonObject[] {
  const nodes = new Map<GroupModel, { rep: JsonObject; children: GroupModel[] }>();
  const roots: GroupModel[] = [];
  for (const match of matches) {
    let child: GroupModel | undefined;
    for (let g: GroupModel | undefined = match; g; child = g, g = g.parent) {
      let node = nodes.get(g);
      const isNew = node === undefined;
      if (!node) {
        node = { rep: groupToAdminRepresentation(realm, g, brief), children: [] };
        nodes.set(g, node);
      }
      if (child && !node.children.includes(child)) node.children.push(child);
      if (!isNew) break;
      if (!g.parent) roots.push(g);
    }
  }
  const render = (g: GroupModel): JsonObject => {
    const node = nodes.get(g);
    if (!node) return {};
    return { ...node.rep, subGroups: byName(node.children).map(render) };
  };
  return byName(roots).map(render);
}

/** Whether `group` sits at `path` (`/a/b`; a leading or trailing slash is optional, as findGroupByPath). */
export function hasPath(group: GroupModel, path: string): boolean {
  const wanted = `/${path.replace(/^\/+/, '').replace(/\/+$/, '')}`;
  return groupPath(group) === wanted;
}
