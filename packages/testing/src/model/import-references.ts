/**
 * The references of a realm representation checked against the realm built from it: role names, client ids,
 * client scopes and group paths that users, groups, roles, scope mappings and clients name. Keycloak's
 * RepresentationToModel treats a dangling reference in one of two ways: some fail the import with a bare
 * RuntimeException (500 `unknown_error` over the admin API: "Unable to find group specified by path", an unknown
 * composite, client or client scope), others pass silently (a role it creates, a default client scope it skips).
 * A file or fixture import has no HTTP answer to match, so it refuses every dangling reference with a message
 * naming the object and the field; the admin API refuses only what Keycloak refuses.
 */
import { groupPath } from './roles.js';
import type { GroupRepresentation, RealmRepresentation, RoleRepresentation } from './representations.js';
import type { GroupModel, RealmModel } from './types.js';

/** A reference the realm does not hold: where it was found, and whether Keycloak itself fails the import on it. */
export interface DanglingReference {
  /** `user "ann" (groups): group "/nope" does not exist`: the object, the field, the missing name. */
  readonly message: string;
  /** True when Keycloak 26 fails the import (500 over the admin API) rather than passing it silently. */
  readonly fatal: boolean;
}

type Found = (message: string, fatal: boolean) => void;

/** Every dangling reference of `rep` in `realm` (built from it), in the representation's order. */
export function danglingReferences(realm: RealmModel, rep: RealmRepresentation): DanglingReference[] {
  const found: DanglingReference[] = [];
  const note: Found = (message, fatal) => found.push({ message, fatal });
  const paths = new Set<string>();
  const walk = (groups: readonly GroupModel[]): void => {
    for (const group of groups) {
      paths.add(groupPath(group));
      walk(group.subGroups);
    }
  };
  walk(realm.groups);

  for (const role of rep.roles?.realm ?? []) checkComposites(realm, `role "${role.name}"`, role, note);
  for (const [clientId, roles] of Object.entries(rep.roles?.client ?? {})) {
    if (!realm.clients.has(clientId)) {
      note(`roles.client: client "${clientId}" does not exist`, true);
      continue;
    }
    for (const role of roles) checkComposites(realm, `role "${role.name}" of client "${clientId}"`, role, note);
  }
  for (const [index, role] of (rep.defaultRoles ?? []).entries())
    if (!realm.roles.has(role)) note(`defaultRoles[${index}]: role "${role}" does not exist`, false);

  for (const client of rep.clients ?? []) {
    for (const field of ['defaultClientScopes', 'optionalClientScopes'] as const)
      for (const scope of client[field] ?? [])
        if (!realm.clientScopes.has(scope))
          note(`client "${client.clientId}" (${field}): client scope "${scope}" does not exist`, false);
  }

  for (const user of rep.users ?? []) {
    const who = `user "${user.username ?? user.id ?? '?'}"`;
    checkRoleMappings(realm, who, user, note);
    for (const path of user.groups ?? []) {
      const absolute = path.startsWith('/') ? path : `/${path}`;
      // RepresentationToModel.createGroupMappings: "Unable to find group specified by path: ..."
      if (!paths.has(absolute)) note(`${who} (groups): group "${absolute}" does not exist`, true);
    }
    const owner = user.serviceAccountClientId;
    if (owner !== undefined && !realm.clients.has(owner))
      note(`${who} (serviceAccountClientId): client "${owner}" does not exist`, true);
  }
  const groups = (list: readonly GroupRepresentation[], parent: string): void => {
    for (const group of list) {
      const path = `${parent}/${group.name}`;
      checkRoleMappings(realm, `group "${path}"`, group, note);
      groups(group.subGroups ?? [], path);
    }
  };
  groups(rep.groups ?? [], '');

  for (const [index, mapping] of (rep.scopeMappings ?? []).entries()) {
    const owner = scopeMappingOwner(realm, mapping, `scopeMappings[${index}]`, note);
    if (owner === undefined) continue;
    for (const role of mapping.roles ?? [])
      if (!realm.roles.has(role)) note(`${owner} (scopeMappings): role "${role}" does not exist`, false);
  }
  for (const [clientId, mappings] of Object.entries(rep.clientScopeMappings ?? {})) {
    const source = realm.clients.get(clientId);
    for (const [index, mapping] of mappings.entries()) {
      const at = `clientScopeMappings["${clientId}"][${index}]`;
      if (source === undefined) {
        note(`${at}: client "${clientId}" does not exist`, true);
        break;
      }
      const owner = scopeMappingOwner(realm, mapping, at, note);
      if (owner === undefined) continue;
      for (const role of mapping.roles ?? [])
        if (!source.roles.has(role))
          note(`${owner} (clientScopeMappings): role "${role}" of client "${clientId}" does not exist`, false);
    }
  }
  return found;
}

/** The client or client scope a scope mapping belongs to, named for messages; undefined (and noted) when unknown. */
function scopeMappingOwner(
  realm: RealmModel,
  mapping: { client?: string; clientScope?: string },
  at: string,
  note: Found,
): string | undefined {
  if (mapping.client !== undefined) {
    if (realm.clients.has(mapping.client)) return `client "${mapping.client}"`;
    note(`${at}: client "${mapping.client}" does not exist`, true);
    return undefined;
  }
  if (mapping.clientScope !== undefined) {
    if (realm.clientScopes.has(mapping.clientScope)) return `client scope "${mapping.clientScope}"`;
    note(`${at}: client scope "${mapping.clientScope}" does not exist`, true);
  }
  return undefined;
}

/** A role's composites: RepresentationToModel.createRoleComposites fails on an unknown one. */
function checkComposites(realm: RealmModel, what: string, role: RoleRepresentation, note: Found): void {
  for (const name of role.composites?.realm ?? [])
    if (!realm.roles.has(name)) note(`${what} (composites.realm): role "${name}" does not exist`, true);
  for (const [clientId, names] of Object.entries(role.composites?.client ?? {})) {
    const client = realm.clients.get(clientId);
    if (client === undefined) {
      note(`${what} (composites.client): client "${clientId}" does not exist`, true);
      continue;
    }
    for (const name of names)
      if (!client.roles.has(name))
        note(`${what} (composites.client): role "${name}" of client "${clientId}" does not exist`, true);
  }
}

/** `realmRoles` and `clientRoles` of a user or group; Keycloak creates a missing role, but not a missing client. */
function checkRoleMappings(
  realm: RealmModel,
  who: string,
  holder: { realmRoles?: string[]; clientRoles?: Record<string, string[]> },
  note: Found,
): void {
  for (const role of holder.realmRoles ?? [])
    if (!realm.roles.has(role)) note(`${who} (realmRoles): role "${role}" does not exist`, false);
  for (const [clientId, roles] of Object.entries(holder.clientRoles ?? {})) {
    const client = realm.clients.get(clientId);
    if (client === undefined) {
      note(`${who} (clientRoles): client "${clientId}" does not exist`, true);
      continue;
    }
    for (const role of roles)
      if (!client.roles.has(role))
        note(`${who} (clientRoles): role "${role}" of client "${clientId}" does not exist`, false);
  }
}
