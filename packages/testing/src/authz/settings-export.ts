import { clientById, groupPath } from '../model/roles.js';
import type { ClientModel, RealmModel } from '../model/types.js';
import { groupByRef, jsonList, roleById, roleName } from './refs.js';
import { resourceServerOf } from './resource-server.js';
import type {
  PolicyRepresentation,
  ResourceRepresentation,
  ResourceServerRepresentation,
  ScopeRepresentation,
} from './representations.js';
import type { AuthzPolicy, AuthzResource, ResourceServerModel } from './types.js';

/**
 * The export form of a resource server (ExportUtils.exportAuthorizationSettings), as `.../resource-server/settings`
 * and a realm export's `clients[].authorizationSettings` write it: references by name inside string configs, so
 * `importAuthorizationSettings` reads it back into another realm. User-managed (owned) policies are left out.
 */

type Entry = { id?: unknown; required?: unknown; extendChildren?: unknown };

const entries = (value: string | undefined): Entry[] =>
  jsonList(value).filter((e): e is Entry => !!e && typeof e === 'object');
const names = (values: readonly (string | undefined)[]): string =>
  JSON.stringify(values.filter((v): v is string => v !== undefined));

// Each provider's onExport: ids in the stored config become the names an import resolves again.
function exportConfig(realm: RealmModel, policy: AuthzPolicy): Record<string, string> {
  const config = { ...policy.config };
  const c = policy.config;
  switch (policy.type) {
    case 'role':
      config['roles'] = JSON.stringify(
        entries(c['roles']).flatMap((e) => {
          const role = roleById(realm, String(e.id));
          return role ? [{ id: roleName(realm, role), required: e.required === true }] : [];
        }),
      );
      break;
    case 'user':
      config['users'] = names(jsonList(c['users']).map((id) => realm.users.get(String(id))?.username));
      break;
    case 'client':
      config['clients'] = names(jsonList(c['clients']).map((id) => clientById(realm, String(id))?.clientId));
      break;
    case 'group':
      config['groups'] = JSON.stringify(
        entries(c['groups']).flatMap((e) => {
          const group = groupByRef(realm, { id: String(e.id) });
          return group ? [{ path: groupPath(group), extendChildren: e.extendChildren === true }] : [];
        }),
      );
      break;
    case 'client-scope':
      config['clientScopes'] = JSON.stringify(
        entries(c['clientScopes']).flatMap((e) => {
          const scope = [...realm.clientScopes.values()].find((s) => s.id === e.id);
          return scope ? [{ id: scope.name, required: e.required === true }] : [];
        }),
      );
      break;
  }
  return config;
}

/** One policy or permission in export form; `resources`, `scopes` and `applyPolicies` go into the config by name. */
export function exportPolicy(
  realm: RealmModel,
  server: ResourceServerModel,
  policy: AuthzPolicy,
): PolicyRepresentation {
  const config = exportConfig(realm, policy);
  if (policy.resources.length)
    config['resources'] = names(policy.resources.map((id) => server.resources.get(id)?.name));
  if (policy.scopes.length) config['scopes'] = names(policy.scopes.map((id) => server.scopes.get(id)?.name));
  if (policy.policies.length)
    config['applyPolicies'] = names(policy.policies.map((id) => server.policies.get(id)?.name));
  return { ...policyHead(policy), ...(Object.keys(config).length ? { config } : {}) };
}

/** The fields every policy representation starts with, in Keycloak's order. */
export function policyHead(policy: AuthzPolicy): PolicyRepresentation {
  return {
    id: policy.id,
    name: policy.name,
    ...(policy.description !== undefined ? { description: policy.description } : {}),
    type: policy.type,
    logic: policy.logic,
    decisionStrategy: policy.decisionStrategy,
  };
}

function exportResource(
  realm: RealmModel,
  server: ResourceServerModel,
  resource: AuthzResource,
): ResourceRepresentation {
  const owner = resource.owner === server.id ? undefined : realm.users.get(resource.owner)?.username;
  return {
    name: resource.name,
    ...(resource.type ? { type: resource.type } : {}),
    ...(owner ? { owner: { name: owner } } : {}),
    ownerManagedAccess: resource.ownerManagedAccess,
    ...(resource.displayName ? { displayName: resource.displayName } : {}),
    attributes: structuredClone(resource.attributes),
    _id: resource.id,
    uris: [...resource.uris],
    ...(resource.scopes.length ? { scopes: resource.scopes.map((s) => ({ name: s.name })) } : {}),
    ...(resource.iconUri ? { icon_uri: resource.iconUri } : {}),
  };
}

const PERMISSION_TYPES = new Set(['resource', 'scope']);

/** A client's authorization settings in export form (policies before the permissions that apply them). */
export function exportAuthorizationSettings(
  realm: RealmModel,
  server: ResourceServerModel,
): ResourceServerRepresentation {
  const shared = [...server.policies.values()].filter((p) => p.owner === undefined);
  const ordered = [
    ...shared.filter((p) => !PERMISSION_TYPES.has(p.type)),
    ...shared.filter((p) => PERMISSION_TYPES.has(p.type)),
  ];
  const scopes: ScopeRepresentation[] = [...server.scopes.values()].map((s) => ({
    id: s.id,
    name: s.name,
    ...(s.iconUri ? { iconUri: s.iconUri } : {}),
    ...(s.displayName ? { displayName: s.displayName } : {}),
  }));
  return {
    allowRemoteResourceManagement: server.allowRemoteResourceManagement,
    policyEnforcementMode: server.policyEnforcementMode,
    resources: [...server.resources.values()]
      .filter((r) => r.owner === server.id || realm.users.has(r.owner))
      .map((r) => exportResource(realm, server, r)),
    policies: ordered.map((p) => exportPolicy(realm, server, p)),
    scopes,
    decisionStrategy: server.decisionStrategy,
  };
}

/** The fields a realm export adds to a client with Authorization Services: the flag and its settings. */
export function clientAuthorizationExport(
  realm: RealmModel,
  client: ClientModel,
): { authorizationServicesEnabled?: true; authorizationSettings?: ResourceServerRepresentation } {
  const server = resourceServerOf(client);
  return server
    ? { authorizationServicesEnabled: true, authorizationSettings: exportAuthorizationSettings(realm, server) }
    : {};
}
