import { booleanParam, readJsonObject } from '../../admin/json-body.js';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { matchingResource } from '../permission-request.js';
import { removeResource } from '../removal.js';
import type { ResourceRepresentation } from '../representations.js';
import { resourceFromRepresentation } from '../resource-input.js';
import type { AuthzPolicy, AuthzResource, ResourceServerModel } from '../types.js';
import { authzAdminRequest, missingNameConflict, notFoundPlain, type AuthzAdminRequest } from './context.js';
import { crudRoutes } from './crud-routes.js';
import { filterParam, nameLike, pageByName } from './paging.js';
import { policySummary, resourceView } from './views.js';

const BASE = '/admin/realms/{realm}/clients/{client}/authz/resource-server/resource';

function resourceOf(server: ResourceServerModel, ctx: RequestContext): AuthzResource {
  return server.resources.get(ctx.params['id'] ?? '') ?? notFoundPlain();
}

// ResourceSetService.find's owner filter: a clientId or a username stands for its id.
function ownerId({ realm }: AuthzAdminRequest, owner: string): string {
  const client = realm.clients.get(owner);
  if (client) return client.id;
  const wanted = owner.toLowerCase();
  for (const user of realm.users.values()) if (user.username === wanted) return user.id;
  return owner;
}

async function list(ctx: RequestContext): Promise<Reply> {
  const req = await authzAdminRequest(ctx, 'view');
  const { realm, server } = req;
  const url = ctx.url;
  const id = filterParam(url, '_id');
  const name = filterParam(url, 'name');
  const exact = booleanParam(url, 'exactName') === true;
  const uri = filterParam(url, 'uri');
  const owner = filterParam(url, 'owner');
  const type = filterParam(url, 'type');
  const scope = filterParam(url, 'scope');
  const scopeIds = scope
    ? [...server.scopes.values()].filter((s) => nameLike(s.name, scope)).map((s) => s.id)
    : undefined;
  if (scopeIds?.length === 0) return { status: 200, body: [] };
  const ownerRef = owner ? ownerId(req, owner) : undefined;
  let found = [...server.resources.values()].filter(
    (r) =>
      (!id || r.id === id) &&
      (!name || (exact ? r.name === name : nameLike(r.name, name))) &&
      (!uri || r.uris.includes(uri)) &&
      (!ownerRef || r.owner === ownerRef) &&
      (!type || r.type === type) &&
      (!scopeIds || r.scopes.some((s) => scopeIds.includes(s.id))),
  );
  found = pageByName(found, url);
  // matchingUri: when nothing has the uri, the resource server's own resource whose uri pattern matches it.
  if (uri && booleanParam(url, 'matchingUri') === true && found.length === 0) {
    const best = matchingResource(server, uri);
    found = best === undefined ? [] : [best];
  }
  const deep = booleanParam(url, 'deep') ?? true;
  return { status: 200, body: found.map((r) => resourceView(realm, server, r, deep)) };
}

async function create(ctx: RequestContext): Promise<Reply> {
  const { realm, server } = await authzAdminRequest(ctx, 'manage');
  const rep = (await readJsonObject(ctx)) as ResourceRepresentation;
  if (typeof rep.name !== 'string' || !rep.name) missingNameConflict();
  const resource = resourceFromRepresentation(realm, server, rep, server.id);
  server.resources.set(resource.id, resource);
  return { status: 201, body: resourceView(realm, server, resource, true) };
}

async function search(ctx: RequestContext): Promise<Reply> {
  const { realm, server } = await authzAdminRequest(ctx, 'view');
  const name = ctx.url.searchParams.get('name');
  if (name === null) return { status: 400 };
  const resource = [...server.resources.values()].find((r) => r.name === name && r.owner === server.id);
  return resource ? { status: 200, body: resourceView(realm, server, resource, true) } : { status: 204 };
}

async function getOne(ctx: RequestContext): Promise<Reply> {
  const { realm, server } = await authzAdminRequest(ctx, 'view');
  return { status: 200, body: resourceView(realm, server, resourceOf(server, ctx), true) };
}

async function update(ctx: RequestContext): Promise<Reply> {
  const { realm, server } = await authzAdminRequest(ctx, 'manage');
  const rep = (await readJsonObject(ctx)) as ResourceRepresentation;
  const existing = resourceOf(server, ctx);
  server.resources.set(existing.id, resourceFromRepresentation(realm, server, rep, existing.owner, existing));
  return { status: 204 };
}

async function remove(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'manage');
  removeResource(server, resourceOf(server, ctx));
  return { status: 204 };
}

// ResourceSetService.getScopes: a user's typed resource also shows the scopes of the server's resources of its type.
async function scopes(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'view');
  const resource = resourceOf(server, ctx);
  const out = [...resource.scopes];
  if (resource.type !== undefined && resource.owner !== server.id) {
    for (const typed of server.resources.values()) {
      if (typed.type === resource.type && typed.owner === server.id && typed !== resource)
        for (const s of typed.scopes) if (!out.includes(s)) out.push(s);
    }
  }
  // Only id and name, as Keycloak 26.7.3 lists a resource's scopes.
  return { status: 200, body: out.map((s) => ({ id: s.id, name: s.name })) };
}

/** ResourceSetService.getPermissions: permissions on the resource, on its type, and scope permissions on its scopes. */
function permissionsOn(server: ResourceServerModel, resource: AuthzResource): AuthzPolicy[] {
  const scopeIds = new Set(resource.scopes.map((s) => s.id));
  const typedIds = new Set(
    [...server.resources.values()]
      .filter((r) => resource.type !== undefined && r.owner === server.id && r.type === resource.type)
      .map((r) => r.id),
  );
  return [...server.policies.values()].filter(
    (p) =>
      p.type !== 'uma' &&
      (p.resources.includes(resource.id) ||
        (resource.type !== undefined && p.config['defaultResourceType'] === resource.type) ||
        p.resources.some((id) => typedIds.has(id)) ||
        (p.scopes.some((id) => scopeIds.has(id)) && (p.resources.length === 0 || p.resources.includes(resource.id)))),
  );
}

async function permissions(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'view');
  return { status: 200, body: permissionsOn(server, resourceOf(server, ctx)).map((p) => policySummary(p)) };
}

async function attributes(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'view');
  return { status: 200, body: structuredClone(resourceOf(server, ctx).attributes) };
}

/** `.../authz/resource-server/resource` routes. */
export const resourceAdminRoutes: Route[] = [
  ...crudRoutes(BASE, { list, create, search, getOne, update, remove }),
  { method: 'GET', path: `${BASE}/{id}/scopes`, endpoint: 'admin', handler: scopes },
  { method: 'GET', path: `${BASE}/{id}/permissions`, endpoint: 'admin', handler: permissions },
  { method: 'GET', path: `${BASE}/{id}/attributes`, endpoint: 'admin', handler: attributes },
];
