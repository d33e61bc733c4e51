import { groupPath } from '../model/roles.js';
import type { GroupModel, RealmModel, RoleModel } from '../model/types.js';

/**
 * Resolution of the references policies hold: stored by id, exported by name (roles as `clientId/role`, users by
 * username, clients by clientId, groups by path, client scopes by name), accepted in either form on input.
 */

/** A role by id, `clientId/roleName`, or realm role name. */
export function roleByRef(realm: RealmModel, ref: string): RoleModel | undefined {
  for (const role of realm.roles.values()) if (role.id === ref) return role;
  for (const client of realm.clients.values())
    for (const role of client.roles.values()) if (role.id === ref) return role;
  const slash = ref.indexOf('/');
  if (slash > 0) {
    const role = realm.clients.get(ref.slice(0, slash))?.roles.get(ref.slice(slash + 1));
    if (role) return role;
  }
  return realm.roles.get(ref);
}

/** How an export names a role. */
export function roleName(realm: RealmModel, role: RoleModel): string {
  if (!role.clientId) return role.name;
  for (const client of realm.clients.values())
    if (client.id === role.clientId) return `${client.clientId}/${role.name}`;
  return role.name;
}

/** A role by id anywhere in the realm. */
export function roleById(realm: RealmModel, id: string): RoleModel | undefined {
  for (const role of realm.roles.values()) if (role.id === id) return role;
  for (const client of realm.clients.values())
    for (const role of client.roles.values()) if (role.id === id) return role;
  return undefined;
}

/** A user id from an id or a username. */
export function userIdByRef(realm: RealmModel, ref: string): string | undefined {
  if (realm.users.has(ref)) return ref;
  const wanted = ref.toLowerCase();
  for (const user of realm.users.values()) if (user.username === wanted) return user.id;
  return undefined;
}

/** A client's internal id from an id or a clientId. */
export function clientIdByRef(realm: RealmModel, ref: string): string | undefined {
  for (const client of realm.clients.values()) if (client.id === ref) return client.id;
  return realm.clients.get(ref)?.id;
}

function allGroups(groups: readonly GroupModel[]): GroupModel[] {
  return groups.flatMap((g) => [g, ...allGroups(g.subGroups)]);
}

/** A group by id or path. */
export function groupByRef(
  realm: RealmModel,
  ref: { id?: string | undefined; path?: string | undefined },
): GroupModel | undefined {
  const groups = allGroups(realm.groups);
  return groups.find((g) => g.id === ref.id) ?? groups.find((g) => groupPath(g) === (ref.path ?? ref.id));
}

/** A client scope id from an id or a name. */
export function clientScopeIdByRef(realm: RealmModel, ref: string): string | undefined {
  for (const scope of realm.clientScopes.values()) if (scope.id === ref) return scope.id;
  return realm.clientScopes.get(ref)?.id;
}

/** Parses a JSON list held in a string config value; anything else is an empty list. */
export function jsonList(value: string | undefined): unknown[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}
