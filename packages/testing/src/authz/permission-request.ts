import { oauthError } from '../http/http-error.js';
import type { ResourcePermission } from './evaluator.js';
import type { AuthzIdentity } from './identity.js';
import { bestPathMatch } from './path-matcher.js';
import { findResource, findScope } from './resource-server.js';
import type { AuthzResource, AuthzScope, ResourceServerModel } from './types.js';

/** One `permission` parameter split as Keycloak does: `RES#S1,S2`, `RES`, `#S`. */
export interface PermissionParam {
  resource: string | undefined;
  scopes: string[];
}

/** Splits a `permission` value on `#`, its scopes on `,`. */
export function parsePermission(value: string): PermissionParam {
  const hash = value.indexOf('#');
  const resource = hash < 0 ? value : value.slice(0, hash);
  const scopes =
    hash < 0
      ? []
      : value
          .slice(hash + 1)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  return { resource: resource.trim() || undefined, scopes };
}

/**
 * The resource server's own resource whose uri pattern best matches `uri` (ResourceSetService.find with
 * `matchingUri`: PathMatcher over every uri of the server's resources, one answer at most), or undefined.
 * A uri held by several resources counts for the last, as Keycloak's uri-to-resource map keeps it.
 */
export function matchingResource(server: ResourceServerModel, uri: string): AuthzResource | undefined {
  const byUri = new Map<string, AuthzResource>();
  for (const resource of server.resources.values()) {
    if (resource.owner === server.id) for (const pattern of resource.uris) byUri.set(pattern, resource);
  }
  return bestPathMatch([...byUri], ([pattern]) => pattern, uri)?.[1];
}

/**
 * Resources holding `uri` exactly; when none does and `matching`, the one resource whose pattern best
 * matches it ({@link matchingResource}), as Keycloak's `matchingUri` answers.
 */
export function resourcesByUri(server: ResourceServerModel, uri: string, matching: boolean): AuthzResource[] {
  const exact = [...server.resources.values()].filter((r) => r.uris.includes(uri));
  if (exact.length > 0 || !matching) return exact;
  const best = matchingResource(server, uri);
  return best === undefined ? [] : [best];
}

function resolveResources(
  server: ResourceServerModel,
  identity: AuthzIdentity,
  ref: string,
  format: string,
  matching: boolean,
): AuthzResource[] {
  if (format === 'uri') {
    const found = resourcesByUri(server, ref, matching);
    if (found.length === 0) throw oauthError(400, 'invalid_resource', `Resource with uri [${ref}] does not exist.`);
    return found;
  }
  const typed = /^(resource-type|resource-type-any|resource-type-instance|resource-type-owner):(.+)$/.exec(ref);
  if (typed?.[1] && typed[2]) {
    const type = typed[2];
    const all = [...server.resources.values()].filter((r) => r.type === type);
    switch (typed[1]) {
      case 'resource-type':
        return all.filter((r) => r.owner === server.id);
      case 'resource-type-instance':
        return all.filter((r) => r.owner !== server.id);
      case 'resource-type-owner':
        return all.filter((r) => r.owner === identity.id);
      default:
        return all;
    }
  }
  const resource = findResource(server, ref, identity.id);
  if (!resource) throw oauthError(400, 'invalid_resource', `Resource with id [${ref}] does not exist.`);
  return [resource];
}

function scopeOf(server: ResourceServerModel, name: string): AuthzScope {
  const scope = findScope(server, name);
  if (!scope) throw oauthError(400, 'invalid_scope', `One of the given scopes [${name}] is invalid`);
  return scope;
}

/**
 * Turns the requested permissions (plus the `scope` parameter's extra scopes) into what the evaluator checks, as
 * AuthorizationTokenService.createPermissions does; no request means every resource the caller may be granted.
 */
export function resolveRequest(
  server: ResourceServerModel,
  identity: AuthzIdentity,
  params: readonly PermissionParam[],
  extraScopes: readonly string[],
  format: string,
  matching: boolean,
): ResourcePermission[] {
  if (params.length === 0) {
    return [...server.resources.values()]
      .filter(
        (r) =>
          r.owner === server.id ||
          r.owner === identity.id ||
          [...server.tickets.values()].some(
            (t) => t.resource === r.id && t.requester === identity.id && t.grantedTimestamp,
          ),
      )
      .map((resource) => ({ resource, scopes: [...resource.scopes] }));
  }
  const merged = new Map<string, ResourcePermission>();
  const add = (resource: AuthzResource | undefined, scopes: AuthzScope[]): void => {
    const key = resource?.id ?? `#${scopes.map((s) => s.id).join(',')}`;
    const entry = merged.get(key) ?? { resource, scopes: [] };
    for (const scope of scopes) if (!entry.scopes.includes(scope)) entry.scopes.push(scope);
    merged.set(key, entry);
  };
  for (const param of params) {
    const scopes = [...param.scopes, ...extraScopes].map((name) => scopeOf(server, name));
    if (param.resource === undefined) {
      const holders = [...server.resources.values()].filter(
        (r) => (r.owner === server.id || r.owner === identity.id) && r.scopes.some((s) => scopes.includes(s)),
      );
      if (holders.length === 0) add(undefined, scopes);
      for (const resource of holders)
        add(
          resource,
          scopes.filter((s) => resource.scopes.includes(s)),
        );
      continue;
    }
    for (const resource of resolveResources(server, identity, param.resource, format, matching)) {
      // A resource named (not by id) with scopes, none of them asked: Keycloak's lookup by name and scope
      // finds nothing ("Resource with id [NAME] does not exist.", checked against Keycloak 26).
      const byName = format !== 'uri' && server.resources.get(param.resource) === undefined;
      if (
        byName &&
        scopes.length > 0 &&
        resource.scopes.length > 0 &&
        !scopes.some((s) => resource.scopes.includes(s))
      ) {
        throw oauthError(400, 'invalid_resource', `Resource with id [${param.resource}] does not exist.`);
      }
      add(resource, scopes.length === 0 ? [...resource.scopes] : scopes);
    }
  }
  return [...merged.values()];
}
