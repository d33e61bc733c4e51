import { randomUUID } from 'node:crypto';
import { oauthError } from '../http/http-error.js';
import type { RealmModel } from '../model/types.js';
import { userIdByRef } from './refs.js';
import type { ResourceRepresentation, ScopeRepresentation } from './representations.js';
import { findScope } from './resource-server.js';
import type { AuthzResource, AuthzScope, ResourceServerModel } from './types.js';

const bad = (description: string) => oauthError(400, 'invalid_request', description);

/** A scope from its representation; 409 when the name is taken by another scope. */
export function scopeFromRepresentation(
  server: ResourceServerModel,
  rep: ScopeRepresentation | undefined,
  existing?: AuthzScope,
): AuthzScope {
  if (!rep || typeof rep.name !== 'string' || !rep.name) throw bad('Scope name must be provided');
  const clash = findScope(server, rep.name);
  if (clash && clash.id !== existing?.id && clash.name === rep.name)
    throw oauthError(409, 'invalid_request', `Scope with name [${rep.name}] already exists.`);
  const scope: AuthzScope = existing ?? { id: rep.id ?? randomUUID(), name: rep.name };
  scope.name = rep.name;
  if (typeof rep.displayName === 'string') scope.displayName = rep.displayName;
  if (typeof rep.iconUri === 'string') scope.iconUri = rep.iconUri;
  return scope;
}

/** The scope named (or identified) by a reference, created on the fly as Keycloak's resource import does. */
function scopeRef(server: ResourceServerModel, ref: ScopeRepresentation | string): AuthzScope {
  const name = typeof ref === 'string' ? ref : (ref.name ?? (ref.id as string | undefined));
  if (typeof name !== 'string' || !name) throw bad('Scope name must be provided');
  const found = findScope(server, name) ?? (typeof ref === 'object' && ref.id ? findScope(server, ref.id) : undefined);
  if (found) return found;
  const scope = scopeFromRepresentation(server, typeof ref === 'string' ? { name } : ref);
  server.scopes.set(scope.id, scope);
  return scope;
}

/** The owner of a resource as a user id or the resource server's id; unknown owners answer 400. */
export function resolveOwner(
  realm: RealmModel,
  server: ResourceServerModel,
  owner: ResourceRepresentation['owner'],
  fallback: string,
): string {
  const ref = typeof owner === 'string' ? owner : (owner?.id ?? owner?.name);
  if (ref === undefined || ref === '') return fallback;
  if (ref === server.id || ref === server.clientId) return server.id;
  const id = userIdByRef(realm, ref);
  if (!id) throw bad(`Owner [${ref}] not found`);
  return id;
}

/**
 * A resource from its representation (admin, export or UMA form: `scopes` or `resource_scopes`, `uri` or `uris`).
 * Names are unique per owner (409 "Resource with name [x] already exists.").
 */
export function resourceFromRepresentation(
  realm: RealmModel,
  server: ResourceServerModel,
  rep: ResourceRepresentation | undefined,
  defaultOwner: string,
  existing?: AuthzResource,
): AuthzResource {
  if (!rep || typeof rep !== 'object' || typeof rep.name !== 'string' || !rep.name) throw bad('Name must be provided');
  const owner = existing?.owner ?? resolveOwner(realm, server, rep.owner, defaultOwner);
  for (const other of server.resources.values()) {
    if (other.name === rep.name && other.owner === owner && other.id !== existing?.id)
      throw oauthError(409, 'invalid_request', `Resource with name [${rep.name}] already exists.`);
  }
  const uris = rep.uris ?? (typeof rep.uri === 'string' && rep.uri ? [rep.uri] : []);
  const resource: AuthzResource = {
    id: existing?.id ?? rep._id ?? randomUUID(),
    name: rep.name,
    uris: uris.filter((u): u is string => typeof u === 'string'),
    owner,
    ownerManagedAccess: rep.ownerManagedAccess === true,
    scopes: (rep.scopes ?? rep.resource_scopes ?? []).map((s) => scopeRef(server, s)),
    // RepresentationToModel.toModel: attributes left out (null) keep the stored ones.
    attributes: rep.attributes === undefined && existing ? existing.attributes : { ...rep.attributes },
  };
  for (const key of ['displayName', 'type'] as const) if (typeof rep[key] === 'string') resource[key] = rep[key];
  if (typeof rep.icon_uri === 'string') resource.iconUri = rep.icon_uri;
  return resource;
}
