import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { adminPermissionsServer, resourceServerOf } from '../../authz/resource-server.js';
import type { AuthzPolicy, AuthzScope, ResourceServerModel } from '../../authz/types.js';
import type { ClientModel, RealmModel } from '../../model/types.js';
import { realmAdminRequest } from '../admin-context.js';
import { cannotParseJson } from '../errors.js';
import { readJsonObject, type RepresentationShape } from '../json-body.js';
import { allowIf } from '../permissions.js';

/**
 * `users-management-permissions` (RealmAdminResource, fine-grained admin permissions v1, UserPermissions): turning
 * them on puts a `Users` resource and six empty scope permissions into the resource server of the realm's
 * `realm-management` client; turning them off removes the resource and the permissions (the scopes stay).
 * The answer is a ManagementPermissionReference: `enabled`, and when on the resource id and the permission id per
 * scope. The permissions are only kept: this server does not evaluate them when it checks an admin's rights.
 */
const SHAPE: RepresentationShape = {
  className: 'org.keycloak.representations.idm.ManagementPermissionReference',
  fields: new Set(['enabled', 'resource', 'scopePermissions']),
};
const RESOURCE = 'Users';
// Scope name -> permission name, in the order UserPermissions.getPermissions lists them.
const PERMISSIONS: readonly [string, string][] = [
  ['view', 'view.permission.users'],
  ['manage', 'manage.permission.users'],
  ['map-roles', 'map-roles.permission.users'],
  ['manage-group-membership', 'manage-group-membership.permission.users'],
  ['impersonate', 'admin-impersonating.permission.users'],
  ['user-impersonated', 'user-impersonated.permission.users'],
];

function managementClient(realm: RealmModel): ClientModel | undefined {
  return realm.clients.get(realm.name === 'master' ? 'master-realm' : 'realm-management');
}

const byName = <T extends { name: string }>(items: Map<string, T>, name: string): T | undefined =>
  [...items.values()].find((i) => i.name === name);

function scopeNamed(server: ResourceServerModel, name: string): AuthzScope {
  const existing = byName(server.scopes, name);
  if (existing) return existing;
  const scope: AuthzScope = { id: randomUUID(), name };
  server.scopes.set(scope.id, scope);
  return scope;
}

function enable(client: ClientModel): void {
  const server = adminPermissionsServer(client);
  const scopes = PERMISSIONS.map(([scope]) => scopeNamed(server, scope));
  let resource = byName(server.resources, RESOURCE);
  if (!resource) {
    resource = {
      id: randomUUID(),
      name: RESOURCE,
      uris: [],
      owner: client.id,
      ownerManagedAccess: false,
      scopes,
      attributes: {},
    };
    server.resources.set(resource.id, resource);
  }
  for (const [index, [, name]] of PERMISSIONS.entries()) {
    if (byName(server.policies, name)) continue;
    const policy: AuthzPolicy = {
      id: randomUUID(),
      name,
      type: 'scope',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      policies: [],
      resources: [resource.id],
      scopes: [scopes[index]!.id],
      config: {},
    };
    server.policies.set(policy.id, policy);
  }
}

function disable(client: ClientModel): void {
  const server = resourceServerOf(client);
  if (!server) return;
  for (const [, name] of PERMISSIONS) {
    const policy = byName(server.policies, name);
    if (policy) server.policies.delete(policy.id);
  }
  const resource = byName(server.resources, RESOURCE);
  if (resource) server.resources.delete(resource.id);
}

function reference(client: ClientModel | undefined): object {
  const server = client ? resourceServerOf(client) : undefined;
  const resource = server ? byName(server.resources, RESOURCE) : undefined;
  if (!server || !resource) return { enabled: false };
  const scopePermissions = Object.fromEntries(
    PERMISSIONS.flatMap(([scope, name]) => {
      const policy = byName(server.policies, name);
      return policy ? [[scope, policy.id]] : [];
    }),
  );
  return { enabled: true, resource: resource.id, scopePermissions };
}

async function getPermissions(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canViewRealm());
  return { status: 200, body: reference(managementClient(realm)) };
}

async function setPermissions(ctx: RequestContext): Promise<Reply> {
  const { realm, perms } = await realmAdminRequest(ctx);
  allowIf(perms.canManageRealm());
  const body = await readJsonObject(ctx, SHAPE);
  if (body['enabled'] !== undefined && body['enabled'] !== null && typeof body['enabled'] !== 'boolean')
    throw cannotParseJson();
  const client = managementClient(realm);
  if (client) (body['enabled'] === true ? enable : disable)(client);
  return { status: 200, body: reference(client) };
}

/** `users-management-permissions` of the admin API. */
export const usersManagementPermissionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/admin/realms/{realm}/users-management-permissions',
    endpoint: 'admin',
    handler: getPermissions,
  },
  {
    method: 'PUT',
    path: '/admin/realms/{realm}/users-management-permissions',
    endpoint: 'admin',
    handler: setPermissions,
  },
];
