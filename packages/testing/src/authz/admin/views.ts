import { clientById } from '../../model/roles.js';
import type { RealmModel } from '../../model/types.js';
import { jsonList } from '../refs.js';
import { policyHead } from '../settings-export.js';
import type { AuthzPolicy, AuthzResource, AuthzScope, ResourceServerModel } from '../types.js';

/**
 * The admin API's JSON views of the authorization model (ModelToRepresentation): ids everywhere, optional fields
 * left out when unset, as Keycloak's NON_NULL serialisation does.
 */

type Json = Record<string, unknown>;

/** ScopeRepresentation as ScopeService answers it. */
export function scopeView(scope: AuthzScope): Json {
  return {
    id: scope.id,
    name: scope.name,
    ...(scope.iconUri ? { iconUri: scope.iconUri } : {}),
    ...(scope.displayName ? { displayName: scope.displayName } : {}),
  };
}

/** The owner of a resource: the resource server's clientId, or the user's username. */
function ownerView(realm: RealmModel, server: ResourceServerModel, owner: string): Json {
  const name = owner === server.id ? clientById(realm, owner)?.clientId : realm.users.get(owner)?.username;
  return { id: owner, ...(name ? { name } : {}) };
}

/** ResourceRepresentation as ResourceSetService answers it; `deep` adds scopes and attributes. */
export function resourceView(
  realm: RealmModel,
  server: ResourceServerModel,
  resource: AuthzResource,
  deep: boolean,
): Json {
  return {
    name: resource.name,
    ...(resource.type ? { type: resource.type } : {}),
    owner: ownerView(realm, server, resource.owner),
    ownerManagedAccess: resource.ownerManagedAccess,
    ...(resource.displayName ? { displayName: resource.displayName } : {}),
    ...(deep ? { attributes: structuredClone(resource.attributes) } : {}),
    _id: resource.id,
    uris: [...resource.uris],
    // A resource's scopes are written without their display name (ModelToRepresentation of a nested scope).
    ...(deep
      ? {
          scopes: resource.scopes.map((s) => ({
            id: s.id,
            name: s.name,
            ...(s.iconUri ? { iconUri: s.iconUri } : {}),
          })),
        }
      : {}),
    ...(resource.iconUri ? { icon_uri: resource.iconUri } : {}),
  };
}

/** The generic PolicyRepresentation of `GET .../policy` and `.../policy/{id}`: the stored config, ids included. */
export function policyView(policy: AuthzPolicy): Json {
  return { ...policyHead(policy), config: { ...policy.config } };
}

/**
 * The policies of a sub-resource (associatedPolicies, dependentPolicies, a resource's or scope's permissions):
 * the generic representation with its config left unloaded, as Keycloak 26.7.3 lists them.
 */
export function policySummary(policy: AuthzPolicy, withDescription = false): Json {
  // Only id, name and type (and for associated policies the description) are read from the store: logic and
  // decision strategy show the representation's defaults, and the config is not loaded.
  return {
    id: policy.id,
    name: policy.name,
    ...(withDescription && policy.description !== undefined ? { description: policy.description } : {}),
    type: policy.type,
    logic: 'POSITIVE',
    decisionStrategy: 'UNANIMOUS',
    config: {},
  };
}

const TIME_FIELDS: Record<string, string> = { nbf: 'notBefore', noa: 'notOnOrAfter' };

// Each provider's toRepresentation: the typed fields of its representation class, read from the stored config.
function typedFields(policy: AuthzPolicy): Json {
  const c = policy.config;
  switch (policy.type) {
    case 'role':
      return {
        roles: jsonList(c['roles']),
        ...(c['fetchRoles'] !== undefined ? { fetchRoles: c['fetchRoles'] === 'true' } : {}),
      };
    case 'user':
      return { users: jsonList(c['users']) };
    case 'client':
      return { clients: jsonList(c['clients']) };
    case 'group':
      return { groups: jsonList(c['groups']), ...(c['groupsClaim'] ? { groupsClaim: c['groupsClaim'] } : {}) };
    case 'client-scope':
      return { clientScopes: jsonList(c['clientScopes']) };
    case 'regex':
      return {
        targetClaim: c['targetClaim'],
        pattern: c['pattern'],
        targetContextAttributes: c['targetContextAttributes'] === 'true',
      };
    case 'js':
      return { code: c['code'] ?? '' };
    case 'time':
      return Object.fromEntries(Object.entries(c).map(([key, value]) => [TIME_FIELDS[key] ?? key, value]));
    case 'resource':
    case 'scope':
      return c['defaultResourceType'] ? { resourceType: c['defaultResourceType'] } : {};
    default:
      return {};
  }
}

/** The typed representation of `GET .../policy/{type}/{id}` (RolePolicyRepresentation, ResourcePermissionRepresentation, ...). */
export function typedPolicyView(policy: AuthzPolicy): Json {
  return { ...policyHead(policy), ...typedFields(policy) };
}

/** ResourceServerRepresentation as `GET .../resource-server` answers it (no resources, policies or scopes). */
export function resourceServerView(server: ResourceServerModel): Json {
  return {
    id: server.id,
    clientId: server.id,
    name: server.clientId,
    allowRemoteResourceManagement: server.allowRemoteResourceManagement,
    policyEnforcementMode: server.policyEnforcementMode,
    resources: [],
    policies: [],
    scopes: [],
    decisionStrategy: server.decisionStrategy,
  };
}
