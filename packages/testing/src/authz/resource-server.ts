import { randomUUID } from 'node:crypto';
import { createRole } from '../model/factory.js';
import { ensureServiceAccount } from '../model/import.js';
import { serviceAccountOf } from '../model/store.js';
import type { ClientModel, RealmModel } from '../model/types.js';
import type { AuthzPolicy, AuthzResource, AuthzScope, ResourceServerModel } from './types.js';

const KEY = 'authz';

/** The resource server of a client, if Authorization Services are enabled on it. */
export function resourceServerOf(client: ClientModel): ResourceServerModel | undefined {
  const value = client.extensions[KEY];
  return value && typeof value === 'object' ? (value as ResourceServerModel) : undefined;
}

/** The resource server whose internal client id is `id`. */
export function resourceServerById(
  realm: RealmModel,
  id: string,
): { client: ClientModel; server: ResourceServerModel } | undefined {
  for (const client of realm.clients.values()) {
    const server = resourceServerOf(client);
    if (server && client.id === id) return { client, server };
  }
  return undefined;
}

/**
 * Enables Authorization Services on a client as Keycloak's ClientManager/ResourceServerService do: a service
 * account holding the new `uma_protection` client role, an empty resource server, and (when `withDefaults`) the
 * default resource, policy and permission.
 */
export function enableAuthorization(
  realm: RealmModel,
  client: ClientModel,
  nowMs: number,
  withDefaults: boolean,
): ResourceServerModel {
  const existing = resourceServerOf(client);
  if (existing) return existing;
  client.extensions['authorizationServicesEnabled'] = true;
  client.serviceAccountsEnabled = true;
  ensureServiceAccount(realm, client, nowMs);
  const role = client.roles.get('uma_protection') ?? createRole({ name: 'uma_protection' }, client.id);
  client.roles.set('uma_protection', role);
  serviceAccountOf(realm, client)?.roleMappings.add(role);
  const server: ResourceServerModel = {
    id: client.id,
    clientId: client.clientId,
    policyEnforcementMode: 'ENFORCING',
    decisionStrategy: 'UNANIMOUS',
    allowRemoteResourceManagement: true,
    resources: new Map(),
    scopes: new Map(),
    policies: new Map(),
    tickets: new Map(),
  };
  client.extensions[KEY] = server;
  if (withDefaults) addDefaultConfig(server, client);
  return server;
}

/**
 * The bare resource server of the realm's `realm-management` client that fine-grained admin permissions (v1) keep
 * their resources and permissions in (AdminPermissions' initializeRealmResourceServer): no service account, no
 * default policy, unlike {@link enableAuthorization}.
 */
export function adminPermissionsServer(client: ClientModel): ResourceServerModel {
  const existing = resourceServerOf(client);
  if (existing) return existing;
  const server: ResourceServerModel = {
    id: client.id,
    clientId: client.clientId,
    policyEnforcementMode: 'ENFORCING',
    decisionStrategy: 'UNANIMOUS',
    allowRemoteResourceManagement: false,
    resources: new Map(),
    scopes: new Map(),
    policies: new Map(),
    tickets: new Map(),
  };
  client.extensions[KEY] = server;
  return server;
}

/** Turns Authorization Services off, dropping the resource server. */
export function disableAuthorization(client: ClientModel): void {
  delete client.extensions[KEY];
  delete client.extensions['authorizationServicesEnabled'];
}

/** The JS code of Keycloak's default policy; the evaluator runs exactly this script as a grant. */
export const DEFAULT_POLICY_CODE =
  '// by default, grants any permission associated with this policy\n$evaluation.grant();\n';

// ResourceServerService.createDefaultPermission / createDefaultRoles [D-resource-server-default-config].
function addDefaultConfig(server: ResourceServerModel, client: ClientModel): void {
  const type = `urn:${client.clientId}:resources:default`;
  const resource: AuthzResource = {
    id: randomUUID(),
    name: 'Default Resource',
    type,
    uris: ['/*'],
    owner: client.id,
    ownerManagedAccess: false,
    scopes: [],
    attributes: {},
  };
  server.resources.set(resource.id, resource);
  const policy = newPolicy({
    name: 'Default Policy',
    description: 'A policy that grants access only for users within this realm',
    type: 'js',
    config: { code: DEFAULT_POLICY_CODE },
  });
  server.policies.set(policy.id, policy);
  const permission = newPolicy({
    name: 'Default Permission',
    description: 'A permission that applies to the default resource type',
    type: 'resource',
    config: { defaultResourceType: type },
    policies: [policy.id],
  });
  server.policies.set(permission.id, permission);
}

/** A policy with Keycloak's defaults (POSITIVE, UNANIMOUS, no associations). */
export function newPolicy(init: Partial<AuthzPolicy> & Pick<AuthzPolicy, 'name' | 'type'>): AuthzPolicy {
  return {
    id: randomUUID(),
    logic: 'POSITIVE',
    decisionStrategy: 'UNANIMOUS',
    policies: [],
    resources: [],
    scopes: [],
    config: {},
    ...init,
  };
}

/** A resource by id, or by name: the caller's (`owner`) first, then the resource server's, as AuthorizationTokenService looks. */
export function findResource(server: ResourceServerModel, idOrName: string, owner?: string): AuthzResource | undefined {
  const byId = server.resources.get(idOrName);
  if (byId) return byId;
  let serverMatch: AuthzResource | undefined;
  for (const resource of server.resources.values()) {
    if (resource.name !== idOrName) continue;
    if (owner !== undefined && resource.owner === owner) return resource;
    if (resource.owner === server.id) serverMatch ??= resource;
  }
  return serverMatch;
}

/** A scope by id or name. */
export function findScope(server: ResourceServerModel, idOrName: string): AuthzScope | undefined {
  const byId = server.scopes.get(idOrName);
  if (byId) return byId;
  for (const scope of server.scopes.values()) if (scope.name === idOrName) return scope;
  return undefined;
}

/** A policy by id or name. */
export function findPolicy(server: ResourceServerModel, idOrName: string): AuthzPolicy | undefined {
  const byId = server.policies.get(idOrName);
  if (byId) return byId;
  for (const policy of server.policies.values()) if (policy.name === idOrName) return policy;
  return undefined;
}
