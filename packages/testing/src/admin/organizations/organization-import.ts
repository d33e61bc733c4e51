import type { RealmModel, UserModel } from '../../model/types.js';
import { identityProvidersOf } from '../identity-providers/identity-providers.js';
import { objectsOf, reasonOf, type ImportFailure } from '../import-support.js';
import type { JsonObject } from '../json-body.js';
import { createOrganization, liveMembers, organizationsOf, type OrganizationEntry } from './organization-store.js';

/**
 * The `organizations` of a realm representation, as Keycloak 26's import reads them: each organization is
 * validated as the admin API's create does and keeps its `id`; `members` name users by `username` (or `id`);
 * `identityProviders` name providers of the realm by `alias`. Every membership is UNMANAGED here, as the
 * test server has no brokered (managed) members.
 */
export function importOrganizations(realm: RealmModel, rep: JsonObject, fail: ImportFailure): void {
  const store = organizationsOf(realm);
  for (const [index, orgRep] of objectsOf(rep, 'organizations', fail).entries()) {
    const where = `organizations[${index}]`;
    let org: OrganizationEntry;
    try {
      org = createOrganization(realm, orgRep);
    } catch (error) {
      throw fail(`${where}: ${reasonOf(error)}`);
    }
    const id = orgRep['id'];
    if (typeof id === 'string' && id !== '' && id !== org.id) {
      if (store.has(id)) throw fail(`${where}: organization id ${id} is used twice`);
      store.delete(org.id);
      org.id = id;
      store.set(id, org);
    }
    for (const [i, member] of objectsOf(orgRep, 'members', fail, `${where}.members`).entries()) {
      const user = memberOf(realm, member);
      if (!user) throw fail(`${where}.members[${i}] names no user of the realm`);
      org.members.add(user.id);
    }
    linkProviders(realm, org, orgRep, where, fail);
  }
  // A provider's own organizationId survives only if it names an organization of this realm.
  for (const provider of identityProvidersOf(realm).providers.values()) {
    const owner = provider['organizationId'];
    if (owner !== undefined && (typeof owner !== 'string' || !store.has(owner))) delete provider['organizationId'];
  }
}

function memberOf(realm: RealmModel, member: JsonObject): UserModel | undefined {
  const { username, id } = member;
  if (typeof username === 'string') return [...realm.users.values()].find((u) => u.username === username.toLowerCase());
  return typeof id === 'string' ? realm.users.get(id) : undefined;
}

function linkProviders(
  realm: RealmModel,
  org: OrganizationEntry,
  orgRep: JsonObject,
  where: string,
  fail: ImportFailure,
): void {
  const providers = identityProvidersOf(realm).providers;
  for (const [i, link] of objectsOf(orgRep, 'identityProviders', fail, `${where}.identityProviders`).entries()) {
    const provider = typeof link['alias'] === 'string' ? providers.get(link['alias']) : undefined;
    if (!provider) throw fail(`${where}.identityProviders[${i}] names no identity provider of the realm`);
    const owner = provider['organizationId'];
    if (typeof owner === 'string' && owner !== org.id && organizationsOf(realm).has(owner)) {
      throw fail(`${where}: identity provider ${provider.alias} is already associated with a different organization`);
    }
    provider['organizationId'] = org.id;
  }
}

/** The organizations of a realm as an export writes them: members by username, identity providers by alias. */
export function exportOrganizations(realm: RealmModel): JsonObject[] {
  const providers = [...identityProvidersOf(realm).providers.values()];
  return [...organizationsOf(realm).values()].map((org) => ({
    id: org.id,
    name: org.name,
    alias: org.alias,
    enabled: org.enabled,
    ...(org.description !== undefined ? { description: org.description } : {}),
    ...(org.redirectUrl ? { redirectUrl: org.redirectUrl } : {}),
    attributes: structuredClone(org.attributes),
    domains: org.domains.map((d) => ({ ...d })),
    members: liveMembers(realm, org).flatMap((id) => {
      const user = realm.users.get(id);
      return user ? [{ username: user.username, membershipType: 'UNMANAGED' }] : [];
    }),
    identityProviders: providers.filter((p) => p['organizationId'] === org.id).map((p) => ({ alias: p.alias })),
  }));
}
