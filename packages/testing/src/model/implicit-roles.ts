/**
 * Roles a realm representation names without declaring them. RepresentationToModel creates them rather than failing
 * (createRoleMappings, createClientRoleMappings, the realm's scope mappings and `defaultRoles`: `if (role == null)
 * role = realm.addRole(name)`), as a POST /admin/realms on Keycloak 26.7.3 shows; a missing client or client scope
 * still fails (see import-references.ts). File and fixture imports refuse such names instead, by the same check.
 */
import { createRole } from './factory.js';
import type { GroupRepresentation, RealmRepresentation } from './representations.js';
import type { RealmModel } from './types.js';

/** Adds to `realm` the realm and client roles `rep`'s users, groups, scope mappings and default roles name. */
export function createImplicitRoles(realm: RealmModel, rep: RealmRepresentation): void {
  const realmRole = (name: string): void => {
    if (!realm.roles.has(name)) realm.roles.set(name, createRole({ name }));
  };
  const clientRole = (clientId: string, name: string): void => {
    const client = realm.clients.get(clientId);
    if (client !== undefined && !client.roles.has(name)) client.roles.set(name, createRole({ name }, client.id));
  };
  const holder = (h: { realmRoles?: string[]; clientRoles?: Record<string, string[]> }): void => {
    for (const name of h.realmRoles ?? []) realmRole(name);
    for (const [clientId, names] of Object.entries(h.clientRoles ?? {}))
      for (const name of names) clientRole(clientId, name);
  };
  for (const user of rep.users ?? []) holder(user);
  const groups = (list: readonly GroupRepresentation[]): void => {
    for (const group of list) {
      holder(group);
      groups(group.subGroups ?? []);
    }
  };
  groups(rep.groups ?? []);
  for (const name of rep.defaultRoles ?? []) realmRole(name);
  for (const mapping of rep.scopeMappings ?? []) for (const name of mapping.roles ?? []) realmRole(name);
  for (const [clientId, mappings] of Object.entries(rep.clientScopeMappings ?? {}))
    for (const mapping of mappings) for (const name of mapping.roles ?? []) clientRole(clientId, name);
}
