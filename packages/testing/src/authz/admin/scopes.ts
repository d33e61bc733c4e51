import { errorResponse } from '../../admin/errors.js';
import { readJsonObject } from '../../admin/json-body.js';
import type { RequestContext } from '../../http/context.js';
import type { Reply } from '../../http/http-error.js';
import type { Route } from '../../http/router.js';
import { removePolicy } from '../removal.js';
import type { ScopeRepresentation } from '../representations.js';
import { scopeFromRepresentation } from '../resource-input.js';
import type { AuthzScope, ResourceServerModel } from '../types.js';
import { authzAdminRequest, missingNameConflict, notFoundEmpty } from './context.js';
import { crudRoutes } from './crud-routes.js';
import { filterParam, nameLike, pageByName } from './paging.js';
import { policySummary, scopeView } from './views.js';

const BASE = '/admin/realms/{realm}/clients/{client}/authz/resource-server/scope';

function scopeOf(server: ResourceServerModel, ctx: RequestContext): AuthzScope {
  return server.scopes.get(ctx.params['id'] ?? '') ?? notFoundEmpty();
}

async function list(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'view');
  const id = filterParam(ctx.url, 'scopeId');
  const name = filterParam(ctx.url, 'name');
  const found = [...server.scopes.values()].filter((s) => (!id || s.id === id) && (!name || nameLike(s.name, name)));
  return { status: 200, body: pageByName(found, ctx.url).map(scopeView) };
}

// ScopeService.create goes through RepresentationToModel.toModel, which finds a scope of the same name and
// updates it from the representation (display name and icon replaced): 201 with that scope, never a 409.
async function create(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'manage');
  const rep = (await readJsonObject(ctx)) as ScopeRepresentation;
  if (typeof rep.name !== 'string' || !rep.name) missingNameConflict();
  const existing = [...server.scopes.values()].find((s) => s.name === rep.name);
  if (existing) {
    delete existing.displayName;
    delete existing.iconUri;
  }
  const scope = scopeFromRepresentation(server, { ...rep, id: existing?.id ?? rep.id }, existing);
  server.scopes.set(scope.id, scope);
  return { status: 201, body: scopeView(scope) };
}

async function search(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'view');
  const name = ctx.url.searchParams.get('name');
  if (name === null) return { status: 400 };
  const scope = [...server.scopes.values()].find((s) => s.name === name);
  return scope ? { status: 200, body: scopeView(scope) } : { status: 204 };
}

async function getOne(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'view');
  return { status: 200, body: scopeView(scopeOf(server, ctx)) };
}

async function update(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'manage');
  const rep = (await readJsonObject(ctx)) as ScopeRepresentation;
  scopeFromRepresentation(server, rep, scopeOf(server, ctx));
  return { status: 204 };
}

// ScopeService.delete: refused while a resource uses the scope; a permission left with no scope goes too.
async function remove(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'manage');
  const id = ctx.params['id'] ?? '';
  if ([...server.resources.values()].some((r) => r.scopes.some((s) => s.id === id))) {
    throw errorResponse(400, 'Scopes can not be removed while associated with resources.');
  }
  const scope = scopeOf(server, ctx);
  for (const policy of [...server.policies.values()]) {
    if (!policy.scopes.includes(scope.id)) continue;
    if (policy.scopes.length === 1) removePolicy(server, policy);
    else policy.scopes = policy.scopes.filter((s) => s !== scope.id);
  }
  server.scopes.delete(scope.id);
  return { status: 204 };
}

async function resources(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'view');
  const scope = scopeOf(server, ctx);
  const using = [...server.resources.values()].filter((r) => r.scopes.includes(scope));
  return { status: 200, body: using.map((r) => ({ name: r.name, _id: r.id })) };
}

async function permissions(ctx: RequestContext): Promise<Reply> {
  const { server } = await authzAdminRequest(ctx, 'view');
  const scope = scopeOf(server, ctx);
  return {
    status: 200,
    body: [...server.policies.values()].filter((p) => p.scopes.includes(scope.id)).map((p) => policySummary(p)),
  };
}

/** `.../authz/resource-server/scope` routes. */
export const scopeAdminRoutes: Route[] = [
  ...crudRoutes(BASE, { list, create, search, getOne, update, remove }),
  { method: 'GET', path: `${BASE}/{id}/resources`, endpoint: 'admin', handler: resources },
  { method: 'GET', path: `${BASE}/{id}/permissions`, endpoint: 'admin', handler: permissions },
];
