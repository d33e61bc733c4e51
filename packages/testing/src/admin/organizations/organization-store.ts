import { randomUUID } from 'node:crypto';
import type { RealmModel } from '../../model/types.js';
import { cannotParseJson, errorMessage, errorResponse } from '../errors.js';
import type { JsonObject } from '../json-body.js';

/**
 * Organizations of a realm (Keycloak 26's Organizations feature), kept in `realm.extensions` as the
 * identity providers are: the organization records and their memberships. Identity-provider links live on
 * the providers themselves (`organizationId`), as Keycloak stores them.
 */

/** One organization domain (OrganizationDomainModel). */
export interface OrganizationDomain {
  name: string;
  verified: boolean;
}

/** One organization (OrganizationModel); `members` holds user ids. */
export interface OrganizationEntry {
  id: string;
  name: string;
  alias: string;
  enabled: boolean;
  description?: string;
  redirectUrl?: string;
  attributes: Record<string, string[]>;
  domains: OrganizationDomain[];
  members: Set<string>;
}

const KEY = 'organizations';

/** The organizations of `realm`, by id, created on first use. */
export function organizationsOf(realm: RealmModel): Map<string, OrganizationEntry> {
  let store = realm.extensions[KEY] as Map<string, OrganizationEntry> | undefined;
  if (!store) {
    store = new Map();
    realm.extensions[KEY] = store;
  }
  return store;
}

/** The members of `org` that still exist: deleting a user ends its memberships, as Keycloak's cascade does. */
export function liveMembers(realm: RealmModel, org: OrganizationEntry): string[] {
  for (const id of org.members) if (!realm.users.has(id)) org.members.delete(id);
  return [...org.members];
}

/**
 * ModelToRepresentation.toRepresentation(organization, brief), in the order Keycloak 26 writes it:
 * `description` even when empty, `redirectUrl` only when set, `attributes` only in the full shape,
 * `domains` only when there are some.
 */
export function organizationView(org: OrganizationEntry, brief: boolean): JsonObject {
  const rep: JsonObject = { id: org.id, name: org.name, alias: org.alias, enabled: org.enabled };
  if (org.description !== undefined) rep['description'] = org.description;
  if (org.redirectUrl) rep['redirectUrl'] = org.redirectUrl;
  if (!brief) rep['attributes'] = structuredClone(org.attributes);
  if (org.domains.length > 0) rep['domains'] = org.domains.map((d) => ({ ...d }));
  return rep;
}

// OrganizationsValidation.validateAlias: whitespace first, then the reserved characters, as measured on 26.7.
const RESERVED = new Set([...'!#$&()*+,/:;=?@[]\\']);

function aliasProblem(alias: string): string | undefined {
  if (/\s/.test(alias)) return 'Empty Space not allowed.';
  const reserved = [...alias].find((c) => RESERVED.has(c));
  return reserved === undefined ? undefined : `Character '${reserved}' not allowed.`;
}

function optionalString(rep: JsonObject, key: string): string | undefined {
  const value = rep[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw cannotParseJson();
  return value;
}

function readAttributes(value: unknown): Record<string, string[]> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw cannotParseJson();
  const out: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(value)) {
    if (values === null) continue;
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw cannotParseJson();
    out[key] = [...(values as string[])];
  }
  return out;
}

// Dot-separated labels of letters, digits and inner hyphens, no trailing dot (as measured on 26.7.3).
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

// RepresentationToModel.toModel: blank domain names are dropped, others must look like a domain; a domain another organization holds is a 400.
function readDomains(realm: RealmModel, value: unknown, self: OrganizationEntry): OrganizationDomain[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw cannotParseJson();
  const domains = new Map<string, OrganizationDomain>();
  for (const item of value) {
    if (item === null) continue;
    if (typeof item !== 'object' || Array.isArray(item)) throw cannotParseJson();
    const domain = item as JsonObject;
    const domainName = optionalString(domain, 'name');
    if (domain['verified'] !== undefined && domain['verified'] !== null && typeof domain['verified'] !== 'boolean')
      throw cannotParseJson();
    if (!domainName?.trim()) continue;
    if (!DOMAIN.test(domainName)) throw errorResponse(400, `Invalid domain format: ${domainName}`);
    domains.set(domainName, { name: domainName, verified: domain['verified'] === true });
  }
  for (const other of organizationsOf(realm).values()) {
    if (other === self) continue;
    const taken = other.domains.find((d) => domains.has(d.name));
    if (taken)
      throw errorResponse(
        400,
        `Domain ${taken.name} is already linked to organization ${other.name} in realm ${realm.name}`,
      );
  }
  return [...domains.values()];
}

function checkRedirectUrl(url: string | undefined): void {
  if (url && (/\s/.test(url) || !URL.canParse(url, 'http://localhost/')))
    throw errorResponse(400, 'Organization redirect URL is not valid.');
}

function checkEnabledType(rep: JsonObject): void {
  if (rep['enabled'] !== undefined && rep['enabled'] !== null && typeof rep['enabled'] !== 'boolean')
    throw cannotParseJson();
}

/** OrganizationsResource.create: validates `rep` in Keycloak's order and stores the new organization. */
export function createOrganization(realm: RealmModel, rep: JsonObject): OrganizationEntry {
  const store = organizationsOf(realm);
  const name = optionalString(rep, 'name');
  const alias = optionalString(rep, 'alias');
  checkEnabledType(rep);
  if (alias) {
    const problem = aliasProblem(alias);
    if (problem) throw errorMessage(400, problem);
  }
  checkRedirectUrl(optionalString(rep, 'redirectUrl'));
  if (!name?.trim()) throw errorResponse(400, 'Name can not be null');
  const orgs = [...store.values()];
  if (orgs.some((o) => o.name === name)) throw errorResponse(409, 'A organization with the same name already exists.');
  const effectiveAlias = alias?.trim() ? alias : name;
  if (!alias?.trim()) {
    const problem = aliasProblem(name);
    if (problem) throw errorResponse(400, `Name cannot be used as alias: ${problem}`);
  }
  if (orgs.some((o) => o.alias === effectiveAlias))
    throw errorResponse(409, 'A organization with the same alias already exists');
  const entry: OrganizationEntry = {
    id: randomUUID(),
    name,
    alias: effectiveAlias,
    enabled: rep['enabled'] !== false,
    attributes: readAttributes(rep['attributes']) ?? {},
    domains: [],
    members: new Set(),
  };
  entry.domains = readDomains(realm, rep['domains'], entry);
  const description = optionalString(rep, 'description');
  const redirectUrl = optionalString(rep, 'redirectUrl');
  if (description !== undefined) entry.description = description;
  if (redirectUrl) entry.redirectUrl = redirectUrl;
  store.set(entry.id, entry);
  return entry;
}

/**
 * OrganizationResource.update: the representation replaces every field but `attributes` (kept when absent);
 * another organization's name is a 409, even a missing one; the alias cannot change, and a missing alias
 * means the name.
 */
export function updateOrganization(realm: RealmModel, org: OrganizationEntry, rep: JsonObject): void {
  const name = optionalString(rep, 'name');
  const alias = optionalString(rep, 'alias');
  checkEnabledType(rep);
  const others = [...organizationsOf(realm).values()].filter((o) => o !== org);
  if (name !== org.name && (!name || others.some((o) => o.name === name)))
    throw errorResponse(409, 'A organization with the same name already exists.');
  checkRedirectUrl(optionalString(rep, 'redirectUrl'));
  const wanted = alias?.trim() ? alias : name;
  if (wanted !== org.alias) throw errorResponse(400, 'Cannot change the alias');
  const attributes = readAttributes(rep['attributes']);
  const domains = readDomains(realm, rep['domains'], org);
  org.name = name ?? org.name;
  org.enabled = rep['enabled'] !== false;
  if (attributes) org.attributes = attributes;
  org.domains = domains;
  const description = optionalString(rep, 'description');
  const redirectUrl = optionalString(rep, 'redirectUrl');
  if (description === undefined) delete org.description;
  else org.description = description;
  if (redirectUrl) org.redirectUrl = redirectUrl;
  else delete org.redirectUrl;
}
