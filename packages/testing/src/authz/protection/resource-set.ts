import type { RequestContext } from '../../http/context.js';
import { oauthError, type Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { matchingResource } from '../permission-request.js';
import type { ResourceRepresentation } from '../representations.js';
import { resourceFromRepresentation, resolveOwner } from '../resource-input.js';
import type { AuthzResource } from '../types.js';
import { jsonBody, protectionCaller } from './guard.js';

/** UmaResourceRepresentation: `_id`, `resource_scopes`, `icon_uri`, the owner's id. */
export function umaResource(resource: AuthzResource): Record<string, unknown> {
  return {
    name: resource.name,
    ...(resource.type ? { type: resource.type } : {}),
    owner: { id: resource.owner },
    ownerManagedAccess: resource.ownerManagedAccess,
    ...(resource.displayName ? { displayName: resource.displayName } : {}),
    attributes: resource.attributes,
    _id: resource.id,
    uris: resource.uris,
    resource_scopes: resource.scopes.map((s) => ({ id: s.id, name: s.name })),
    scopes: resource.scopes.map((s) => ({ id: s.id, name: s.name })),
    ...(resource.iconUri ? { icon_uri: resource.iconUri } : {}),
  };
}

function notFound(id: string): never {
  throw oauthError(404, 'not_found', `Resource with id [${id}] not found`);
}

async function body(ctx: RequestContext): Promise<ResourceRepresentation> {
  const rep = await jsonBody(ctx);
  if (!rep || typeof rep !== 'object' || Array.isArray(rep)) throw oauthError(400, 'invalid_request', 'Name must be provided');
  return rep as ResourceRepresentation;
}

async function create(ctx: RequestContext): Promise<Reply> {
  const { realm, server } = await protectionCaller(ctx, true);
  const resource = resourceFromRepresentation(realm, server, await body(ctx), server.id);
  server.resources.set(resource.id, resource);
  return { status: 201, body: umaResource(resource) };
}

function int(value: string | null, fallback: number): number {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 0 ? n : fallback;
}

async function search(ctx: RequestContext): Promise<Reply> {
  const { realm, server } = await protectionCaller(ctx, true);
  const q = ctx.url.searchParams;
  let list = [...server.resources.values()];
  const id = q.get('_id');
  if (id) list = list.filter((r) => r.id === id);
  const name = q.get('name');
  if (name) list = list.filter((r) => (q.get('exactName') === 'true' ? r.name === name : r.name.toLowerCase().includes(name.toLowerCase())));
  const uri = q.get('uri');
  if (uri) list = list.filter((r) => r.uris.includes(uri));
  const owner = q.get('owner');
  if (owner) {
    const ownerId = (() => { try { return resolveOwner(realm, server, owner, ''); } catch { return undefined; } })();
    list = list.filter((r) => r.owner === ownerId);
  }
  const type = q.get('type');
  if (type) list = list.filter((r) => r.type === type);
  const scope = q.get('scope');
  if (scope) list = list.filter((r) => r.scopes.some((s) => s.name === scope));
  const first = int(q.get('first'), 0);
  list = list.slice(first, first + int(q.get('max'), list.length));
  // ResourceSetService.find: only when the filters found nothing, the server's one best-matching resource.
  if (uri && q.get('matchingUri') === 'true' && list.length === 0) {
    const best = matchingResource(server, uri);
    list = best === undefined ? [] : [best];
  }
  return { status: 200, body: q.get('deep') === 'true' ? list.map(umaResource) : list.map((r) => r.id) };
}

async function one(ctx: RequestContext): Promise<Reply> {
  const { server } = await protectionCaller(ctx, true);
  const id = ctx.params['id'] ?? '';
  const resource = server.resources.get(id) ?? notFound(id);
  if (ctx.req.method === 'GET') return { status: 200, body: umaResource(resource) };
  if (ctx.req.method === 'DELETE') {
    if (!server.allowRemoteResourceManagement) throw oauthError(400, 'not_supported', 'Remote management is disabled.');
    server.resources.delete(id);
    return { status: 204 };
  }
  const { realm } = await protectionCaller(ctx, true);
  const updated = resourceFromRepresentation(realm, server, await body(ctx), resource.owner, resource);
  server.resources.set(id, updated);
  return { status: 204 };
}

/** The Protection API's Resource Registration endpoint (`authz/protection/resource_set`). */
export const resourceSetRoutes: Route[] = [
  { method: 'POST', path: '/realms/{realm}/authz/protection/resource_set', endpoint: 'uma-protection', handler: create },
  { method: 'GET', path: '/realms/{realm}/authz/protection/resource_set', endpoint: 'uma-protection', handler: search },
  { method: ['GET', 'PUT', 'DELETE'], path: '/realms/{realm}/authz/protection/resource_set/{id}', endpoint: 'uma-protection', handler: one },
];
