import { randomUUID } from 'node:crypto';
import { createClient, createGroup, createRole, createUser } from '../../model/factory.js';
import type {
  ClientRepresentation,
  GroupRepresentation,
  RoleRepresentation,
  UserRepresentation,
} from '../../model/representations.js';
import type { RealmModel } from '../../model/types.js';
import { cannotParseJson, errorResponse } from '../errors.js';
import { identityProvidersOf, withDefaults } from '../identity-providers/identity-providers.js';
import type { JsonObject } from '../json-body.js';

/** PartialImportResult: what happened to one resource. */
export interface PartialImportResult {
  action: 'ADDED' | 'SKIPPED' | 'OVERWRITTEN';
  resourceType: 'CLIENT' | 'REALM_ROLE' | 'CLIENT_ROLE' | 'IDP' | 'GROUP' | 'USER';
  resourceName: string;
  id: string;
}

/** PartialImportResults, Keycloak's answer to a partial import. */
export interface PartialImportResults {
  overwritten: number;
  added: number;
  skipped: number;
  results: PartialImportResult[];
}

type Policy = 'FAIL' | 'SKIP' | 'OVERWRITE';

/** One resource to import: how to find an existing one, the text of the FAIL conflict, and how to add it. */
interface Step {
  type: PartialImportResult['resourceType'];
  name: string;
  existing(): string | undefined;
  conflict: string;
  remove(id: string): void;
  add(): string;
}

function list<T>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((x) => !x || typeof x !== 'object')) throw cannotParseJson();
  return value as T[];
}

function named(
  items: { name?: unknown; clientId?: unknown; username?: unknown }[],
  key: 'name' | 'clientId' | 'username',
): void {
  if (items.some((x) => typeof x[key] !== 'string' || x[key] === '')) throw cannotParseJson();
}

function steps(realm: RealmModel, rep: JsonObject, nowMs: number): Step[] {
  const clients = list<ClientRepresentation>(rep['clients']);
  const roles = (rep['roles'] ?? {}) as { realm?: unknown; client?: Record<string, unknown> };
  const realmRoles = list<RoleRepresentation>(roles.realm);
  const groups = list<GroupRepresentation>(rep['groups']);
  const users = list<UserRepresentation>(rep['users']);
  named(clients, 'clientId');
  named(realmRoles, 'name');
  named(groups, 'name');
  named(users, 'username');
  const out: Step[] = [];
  for (const c of clients)
    out.push({
      type: 'CLIENT',
      name: c.clientId,
      conflict: `Client id '${c.clientId}' already exists`,
      existing: () => realm.clients.get(c.clientId)?.id,
      remove: () => realm.clients.delete(c.clientId),
      add: () => {
        const client = createClient(c, realm);
        realm.clients.set(client.clientId, client);
        return client.id;
      },
    });
  for (const r of realmRoles)
    out.push({
      type: 'REALM_ROLE',
      name: r.name,
      conflict: `Realm role '${r.name}' already exists.`,
      existing: () => realm.roles.get(r.name)?.id,
      remove: () => realm.roles.delete(r.name),
      add: () => {
        const role = createRole(r);
        realm.roles.set(role.name, role);
        return role.id;
      },
    });
  for (const [clientId, value] of Object.entries(roles.client ?? {})) {
    const reps = list<RoleRepresentation>(value);
    named(reps, 'name');
    if (reps.length > 0 && !realm.clients.has(clientId))
      throw errorResponse(400, `Client '${clientId}' does not exist`);
    for (const r of reps)
      out.push({
        type: 'CLIENT_ROLE',
        name: r.name,
        conflict: `Client role '${r.name}' for client '${clientId}' already exists.`,
        existing: () => realm.clients.get(clientId)?.roles.get(r.name)?.id,
        remove: () => realm.clients.get(clientId)?.roles.delete(r.name),
        add: () => {
          const client = realm.clients.get(clientId);
          const role = createRole(r, client?.id);
          client?.roles.set(role.name, role);
          return role.id;
        },
      });
  }
  out.push(...identityProviderSteps(realm, rep));
  for (const g of groups)
    out.push({
      type: 'GROUP',
      name: g.name,
      conflict: `Group '${g.name}' already exists`,
      existing: () => realm.groups.find((x) => x.name === g.name)?.id,
      remove: (id) => {
        realm.groups = realm.groups.filter((x) => x.id !== id);
      },
      add: () => {
        const group = createGroup(g, realm);
        realm.groups.push(group);
        return group.id;
      },
    });
  for (const u of users)
    out.push({
      type: 'USER',
      name: u.username ?? '',
      conflict: `User '${u.username}' already exists`,
      existing: () =>
        [...realm.users.values()].find(
          (x) => x.username === u.username?.toLowerCase() || (u.email && x.email === u.email.toLowerCase()),
        )?.id,
      remove: (id) => realm.users.delete(id),
      add: () => {
        const user = createUser(u, realm, nowMs);
        realm.users.set(user.id, user);
        return user.id;
      },
    });
  return out;
}

// IdentityProvidersPartialImport: by alias, a fresh internal id; replacing one drops its mappers with it. The
// organization link is not part of a partial import, as the provider create of the admin API ignores it too.
function identityProviderSteps(realm: RealmModel, rep: JsonObject): Step[] {
  const store = identityProvidersOf(realm);
  const providers = list<JsonObject>(rep['identityProviders']);
  if (providers.some((p) => typeof p['alias'] !== 'string' || p['alias'] === '' || typeof p['providerId'] !== 'string'))
    throw cannotParseJson();
  return providers.map((provider) => {
    const alias = provider['alias'] as string;
    return {
      type: 'IDP',
      name: alias,
      conflict: `Identity Provider '${alias}' already exists.`,
      existing: () => store.providers.get(alias)?.internalId,
      remove: () => {
        store.providers.delete(alias);
        for (const [id, mapper] of store.mappers) if (mapper.identityProviderAlias === alias) store.mappers.delete(id);
      },
      add: () => {
        const { organizationId: _ignored, ...fields } = structuredClone(provider);
        const entry = withDefaults(fields, randomUUID());
        store.providers.set(alias, entry);
        return entry.internalId;
      },
    };
  });
}

/**
 * Imports clients, realm and client roles, identity providers, top-level groups and users into an existing realm as
 * PartialImportManager does: with `ifResourceExists` FAIL (the default) any existing resource answers 409 before
 * anything changes; SKIP leaves existing ones; OVERWRITE replaces them.
 */
export function partialImport(realm: RealmModel, rep: JsonObject, nowMs: number): PartialImportResults {
  const policy = (rep['ifResourceExists'] ?? rep['policy'] ?? 'FAIL') as Policy;
  if (!['FAIL', 'SKIP', 'OVERWRITE'].includes(policy)) throw cannotParseJson();
  const planned = steps(realm, rep, nowMs);
  if (policy === 'FAIL') {
    const clash = planned.find((step) => step.existing() !== undefined);
    if (clash) throw errorResponse(409, clash.conflict);
  }
  const results: PartialImportResult[] = [];
  for (const step of planned) {
    const existing = step.existing();
    if (existing !== undefined && policy === 'SKIP') {
      results.push({ action: 'SKIPPED', resourceType: step.type, resourceName: step.name, id: existing });
      continue;
    }
    if (existing !== undefined) step.remove(existing);
    const id = step.add();
    results.push({
      action: existing !== undefined ? 'OVERWRITTEN' : 'ADDED',
      resourceType: step.type,
      resourceName: step.name,
      id,
    });
    // RolesPartialImport re-creates an overwritten realm role through the import of new roles, so Keycloak 26.7.3
    // also reports it ADDED and counts it among the added.
    if (existing !== undefined && step.type === 'REALM_ROLE')
      results.push({ action: 'ADDED', resourceType: step.type, resourceName: step.name, id });
  }
  const count = (action: PartialImportResult['action']): number => results.filter((r) => r.action === action).length;
  return { overwritten: count('OVERWRITTEN'), added: count('ADDED'), skipped: count('SKIPPED'), results };
}
