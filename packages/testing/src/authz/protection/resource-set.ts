import type { RequestContext } from '../../http/context.js';
import { genericError, oauthError, type Reply } from '../../http/http-error.js';
import type { RealmModel } from '../../model/types.js';
import type { Route } from '../../http/router.js';
import { matchingResource } from '../permission-request.js';
import type { ResourceRepresentation } from '../representations.js';
import { resourceFromRepresentation, resolveOwner } from '../resource-input.js';
import type { AuthzResource, ResourceServerModel } from '../types.js';
import { jsonBody, protectionCaller } from './guard.js';

/**
 * How ResourceService writes a resource, which differs by call: `created` (the POST answer: owner with its name,
 * scopes with ids, no attributes), `read` (GET by id: owner id only, scopes by name only) and `deep` (a
 * `deep=true` search: owner with name, attributes, `scopes` with ids and no `resource_scopes`).
 */
export type UmaView = 'created' | 'read' | 'deep';

/** UmaResourceRepresentation of a resource, as Keycloak 26.7 answers it for `view`. */
export function umaResource(
  resource: AuthzResource,
  view: UmaView = 'read',
  realm?: RealmModel,
  server?: ResourceServerModel,
): Record<string, unknown> {
  const withIds = resource.scopes.map((s) => ({ id: s.id, name: s.name }));
  const byName = resource.scopes.map((s) => ({ name: s.name }));
  const ownerName = view === 'read' ? undefined : ownerNameOf(resource, realm, server);
  // Keycloak leaves `scopes` out (null) for a resource without scopes, and writes attributes ({} included)
  // everywhere but in the creation answer.
  const hasScopes = resource.scopes.length > 0;
  return {
    name: resource.name,
    ...(resource.type ? { type: resource.type } : {}),
    owner: ownerName === undefined ? { id: resource.owner } : { id: resource.owner, name: ownerName },
    ownerManagedAccess: resource.ownerManagedAccess,
    ...(resource.displayName ? { displayName: resource.displayName } : {}),
    ...(view !== 'created' ? { attributes: resource.attributes } : {}),
    _id: resource.id,
    uris: resource.uris,
    ...(view === 'deep' ? {} : { resource_scopes: view === 'read' ? byName : withIds }),
    ...(hasScopes ? { scopes: view === 'read' ? byName : withIds } : {}),
    ...(resource.iconUri ? { icon_uri: resource.iconUri } : {}),
  };
}

// The owner's name: the resource server's clientId when it owns the resource, else the user's username.
function ownerNameOf(
  resource: AuthzResource,
  realm: RealmModel | undefined,
  server: ResourceServerModel | undefined,
): string | undefined {
  if (!realm) return undefined;
  if (server && resource.owner === server.id)
    return [...realm.clients.values()].find((c) => c.id === server.id)?.clientId;
  return realm.users.get(resource.owner)?.username;
}

// ResourceService answers a missing resource with JAX-RS's bare 404.
function notFound(): never {
  throw genericError(404, 'Not Found');
}

/** The Protection API's JSON answers carry a charset, and searches Cache-Control: no-cache (ResourceService). */
function withUmaHeaders(handler: (ctx: RequestContext) => Promise<Reply>): (ctx: RequestContext) => Promise<Reply> {
  return async (ctx) => {
    const reply = await handler(ctx);
    if (reply.body === undefined) return reply;
    const search = ctx.req.method === 'GET' && ctx.params['id'] === undefined;
    return {
      ...reply,
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        ...(search ? { 'cache-control': 'no-cache' } : {}),
        ...reply.headers,
      },
    };
  };
}

async function body(ctx: RequestContext): Promise<ResourceRepresentation> {
  const rep = await jsonBody(ctx);
  if (!rep || typeof rep !== 'object' || Array.isArray(rep))
    throw oauthError(400, 'invalid_request', 'Name must be provided');
  return rep as ResourceRepresentation;
}

async function create(ctx: RequestContext): Promise<Reply> {
  const { realm, server } = await protectionCaller(ctx, true);
  const rep = await body(ctx);
  // Keycloak stores a nameless resource and its store's not-null constraint fails: the Protection API answers
  // that as a conflict (ModelDuplicateException -> 409 "Duplicate resource error").
  if (rep.name === undefined || rep.name === null) throw oauthError(409, 'conflict', 'Duplicate resource error');
  const resource = resourceFromRepresentation(realm, server, rep, server.id);
  server.resources.set(resource.id, resource);
  return { status: 201, body: umaResource(resource, 'created', realm, server) };
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
  if (name)
    list = list.filter((r) =>
      q.get('exactName') === 'true' ? r.name === name : r.name.toLowerCase().includes(name.toLowerCase()),
    );
  const uri = q.get('uri');
  if (uri) list = list.filter((r) => r.uris.includes(uri));
  const owner = q.get('owner');
  if (owner) {
    const ownerId = (() => {
      try {
        return resolveOwner(realm, server, owner, '');
      } catch {
        return undefined;
      }
    })();
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
  return {
    status: 200,
    body: q.get('deep') === 'true' ? list.map((r) => umaResource(r, 'deep', realm, server)) : list.map((r) => r.id),
  };
}

async function one(ctx: RequestContext): Promise<Reply> {
  const { server } = await protectionCaller(ctx, true);
  const id = ctx.params['id'] ?? '';
  const resource = server.resources.get(id) ?? notFound();
  if (ctx.req.method === 'GET') return { status: 200, body: umaResource(resource) };
  if (ctx.req.method === 'DELETE') {
    if (!server.allowRemoteResourceManagement) throw oauthError(400, 'not_supported', 'Remote management is disabled.');
    server.resources.delete(id);
    return { status: 204 };
  }
  const { realm } = await protectionCaller(ctx, true);
  // An update without attributes keeps the resource's attributes (ResourceService.update merges them).
  const updated = resourceFromRepresentation(
    realm,
    server,
    { attributes: resource.attributes, ...(await body(ctx)) },
    resource.owner,
    resource,
  );
  server.resources.set(id, updated);
  return { status: 204 };
}

/** The Protection API's Resource Registration endpoint (`authz/protection/resource_set`). */
export const resourceSetRoutes: Route[] = [
  {
    method: 'POST',
    path: '/realms/{realm}/authz/protection/resource_set',
    endpoint: 'uma-protection',
    handler: withUmaHeaders(create),
  },
  {
    method: 'GET',
    path: '/realms/{realm}/authz/protection/resource_set',
    endpoint: 'uma-protection',
    handler: withUmaHeaders(search),
  },
  {
    method: ['GET', 'PUT', 'DELETE'],
    path: '/realms/{realm}/authz/protection/resource_set/{id}',
    endpoint: 'uma-protection',
    handler: withUmaHeaders(one),
  },
];
