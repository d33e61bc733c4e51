import type { RequestContext } from '../../http/context.js';
import { roleNames, roleToRepresentation } from '../../model/export.js';
import { clientById, groupPath } from '../../model/roles.js';
import type { ClientModel, ClientScopeModel, GroupModel, RealmModel, RoleModel } from '../../model/types.js';
import { errorMessage } from '../errors.js';
import { booleanParam, integerParam, isJsonObject, readJsonArray, type JsonObject } from '../json-body.js';
import { allowIf, type RealmPermissions } from '../permissions.js';

/**
 * Lookups and representations shared by the role, role-mapping and scope-mapping routes: how Keycloak's admin
 * resources find clients, client scopes, groups and roles by their path segments, and how they write roles.
 */

/** ModelToRepresentation.toBriefRepresentation (brief) or toRepresentation (with attributes); never `composites`. */
export function roleToAdminRepresentation(realm: RealmModel, role: RoleModel, brief: boolean): JsonObject {
  const { composites: _composites, attributes, ...rest } = roleToRepresentation(realm, role);
  return brief ? rest : { ...rest, attributes: attributes ?? {} };
}

/** Roles in a stable order (realm roles, then by name), as Keycloak's JPA queries order them by name. */
export function sortRoles(roles: Iterable<RoleModel>): RoleModel[] {
  return [...roles].sort(
    (a, b) => Number(a.clientId !== undefined) - Number(b.clientId !== undefined) || a.name.localeCompare(b.name),
  );
}

/** Roles written as a list of representations, brief unless `brief` is false. */
export function roleList(realm: RealmModel, roles: Iterable<RoleModel>, brief = true): JsonObject[] {
  return sortRoles(roles).map((role) => roleToAdminRepresentation(realm, role, brief));
}

/** The `briefRepresentation` query parameter with the endpoint's default. */
export function briefParam(ctx: RequestContext, fallback: boolean): boolean {
  return booleanParam(ctx.url, 'briefRepresentation') ?? fallback;
}

/** `first`/`max` applied to a list; absent values mean from the start and (with `defaultMax` undefined) no limit. */
export function page<T>(ctx: RequestContext, items: T[], defaultMax?: number): T[] {
  const first = Math.max(0, integerParam(ctx.url, 'first') ?? 0);
  const max = integerParam(ctx.url, 'max') ?? defaultMax;
  return items.slice(first, max === undefined || max < 0 ? undefined : first + max);
}

/** Every role of the realm, realm roles and client roles. */
export function allRoles(realm: RealmModel): RoleModel[] {
  return [...realm.roles.values(), ...[...realm.clients.values()].flatMap((c) => [...c.roles.values()])];
}

/** RealmModel.getRoleById. */
export function roleById(realm: RealmModel, id: unknown): RoleModel | undefined {
  if (typeof id !== 'string') return undefined;
  return allRoles(realm).find((role) => role.id === id);
}

/**
 * ClientsResource.getClient: the client with this internal id; an unknown id is 404 "Could not find client" for a
 * caller who may list clients, 403 otherwise.
 */
export function clientParam(ctx: RequestContext, realm: RealmModel, perms: RealmPermissions, name = 'id'): ClientModel {
  const client = clientById(realm, ctx.params[name] ?? '');
  if (client) return client;
  allowIf(perms.canViewClients() || perms.hasOne('query-clients'));
  throw errorMessage(404, 'Could not find client');
}

/** ClientScopesResource.getClientScope: 404 "Could not find client scope". */
export function clientScopeParam(ctx: RequestContext, realm: RealmModel): ClientScopeModel {
  const id = ctx.params['id'] ?? '';
  for (const scope of realm.clientScopes.values()) if (scope.id === id) return scope;
  throw errorMessage(404, 'Could not find client scope');
}

/** Every group of the realm, depth first. */
export function allGroups(realm: RealmModel): GroupModel[] {
  const out: GroupModel[] = [];
  const visit = (groups: GroupModel[]): void => {
    for (const group of groups) {
      out.push(group);
      visit(group.subGroups);
    }
  };
  visit(realm.groups);
  return out;
}

/** GroupsResource.getGroupById: 404 "Could not find group by id". */
export function groupParam(ctx: RequestContext, realm: RealmModel): GroupModel {
  const group = allGroups(realm).find((g) => g.id === ctx.params['id']);
  if (!group) throw errorMessage(404, 'Could not find group by id');
  return group;
}

/** A group as the role member lists write it: brief (no attributes or mappings) unless `brief` is false. */
export function groupToListRepresentation(realm: RealmModel, group: GroupModel, brief: boolean): JsonObject {
  const rep: JsonObject = { id: group.id, name: group.name, path: groupPath(group) };
  if (group.parent) rep['parentId'] = group.parent.id;
  rep['subGroupCount'] = group.subGroups.length;
  rep['subGroups'] = [];
  if (!brief) {
    const names = roleNames(realm, sortRoles(group.roleMappings));
    Object.assign(rep, {
      attributes: structuredClone(group.attributes),
      realmRoles: names.realm,
      clientRoles: names.client,
    });
  }
  return rep;
}

/**
 * A JSON array body of role representations, as JAX-RS binds `List<RoleRepresentation>`; `null` is allowed. A lone
 * object is not a list: Keycloak 26 answers it 400 `unknown_error` "Cannot parse the JSON".
 */
export async function readRoleList(ctx: RequestContext): Promise<JsonObject[] | null> {
  return readJsonArray(ctx, isJsonObject);
}

/**
 * The roles a mapping body names, resolved as Keycloak's resources do: `byName` looks the name up in its container
 * and (with `checkId`) requires the id to match, otherwise the id is looked up in the realm. Any miss is a 404
 * with `message`, before anything changes.
 */
export function resolveRoleReps(
  reps: JsonObject[],
  lookup: {
    byName?: (name: string) => RoleModel | undefined;
    checkId?: boolean;
    byId?: (id: unknown) => RoleModel | undefined;
  },
  message: string,
): RoleModel[] {
  return reps.map((rep) => {
    let role: RoleModel | undefined;
    if (lookup.byName) {
      role = typeof rep['name'] === 'string' ? lookup.byName(rep['name']) : undefined;
      if (role && lookup.checkId && role.id !== rep['id']) role = undefined;
    } else role = lookup.byId?.(rep['id']);
    if (!role) throw errorMessage(404, message);
    return role;
  });
}

/** MappingsRepresentation: `realmMappings` and `clientMappings` keyed by clientId, each present only when non-empty. */
export function mappingsRepresentation(realm: RealmModel, roles: Iterable<RoleModel>): JsonObject {
  const out: JsonObject = {};
  const sorted = sortRoles(roles);
  const realmRoles = sorted.filter((r) => r.clientId === undefined);
  if (realmRoles.length) out['realmMappings'] = realmRoles.map((r) => roleToAdminRepresentation(realm, r, true));
  const clients: Record<string, JsonObject> = {};
  for (const role of sorted) {
    const owner = role.clientId === undefined ? undefined : clientById(realm, role.clientId);
    if (!owner) continue;
    const entry = (clients[owner.clientId] ??= { id: owner.id, client: owner.clientId, mappings: [] });
    (entry['mappings'] as JsonObject[]).push(roleToAdminRepresentation(realm, role, true));
  }
  if (Object.keys(clients).length) out['clientMappings'] = clients;
  return out;
}

/** Removes a role everywhere it is referenced: mappings of users and groups, composites, scope mappings. */
export function removeRole(realm: RealmModel, role: RoleModel): void {
  if (role.clientId === undefined) realm.roles.delete(role.name);
  else clientById(realm, role.clientId)?.roles.delete(role.name);
  for (const user of realm.users.values()) user.roleMappings.delete(role);
  for (const group of allGroups(realm)) group.roleMappings.delete(role);
  for (const other of allRoles(realm)) other.composites.delete(role);
  for (const client of realm.clients.values()) client.scopeMappings.delete(role);
  for (const scope of realm.clientScopes.values()) scope.scopeMappings.delete(role);
}
