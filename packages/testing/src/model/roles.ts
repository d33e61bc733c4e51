import type { ClientModel, GroupModel, RealmModel, RoleModel, UserModel } from './types.js';

/** A role and everything it includes through composites (cycles are tolerated). */
export function expandRoles(roles: Iterable<RoleModel>): Set<RoleModel> {
  const out = new Set<RoleModel>();
  const stack = [...roles];
  for (let role = stack.pop(); role; role = stack.pop()) {
    if (out.has(role)) continue;
    out.add(role);
    stack.push(...role.composites);
  }
  return out;
}

/** A group and its ancestors, nearest first. */
export function groupAncestry(group: GroupModel): GroupModel[] {
  const chain: GroupModel[] = [];
  for (let g: GroupModel | undefined = group; g; g = g.parent) chain.push(g);
  return chain;
}

/** Keycloak's group path, e.g. `/top/child`. */
export function groupPath(group: GroupModel): string {
  return (
    '/' +
    groupAncestry(group)
      .reverse()
      .map((g) => g.name)
      .join('/')
  );
}

/**
 * The roles a user holds, as Keycloak computes them: direct mappings plus those of every group the user is in
 * and of those groups' parents, each expanded through composites.
 */
export function effectiveUserRoles(user: UserModel): Set<RoleModel> {
  const direct: RoleModel[] = [...user.roleMappings];
  for (const group of user.groups) for (const g of groupAncestry(group)) direct.push(...g.roleMappings);
  return expandRoles(direct);
}

/** Finds the client owning a client role. */
export function roleOwner(realm: RealmModel, role: RoleModel): ClientModel | undefined {
  if (!role.clientId) return undefined;
  for (const client of realm.clients.values()) if (client.id === role.clientId) return client;
  return undefined;
}

/** Looks a client up by its internal id. */
export function clientById(realm: RealmModel, id: string): ClientModel | undefined {
  for (const client of realm.clients.values()) if (client.id === id) return client;
  return undefined;
}
